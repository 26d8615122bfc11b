import Foundation
import MesosResources
@testable import MesosScheduler
import MesosTestKit
import Synchronization
import Testing

/// A real `swift-mesos-master` and `swift-mesos-agent` started from the build directory.
struct RealCluster {
    let master: Daemon
    let agent: Daemon
    let masterWorkDir: URL

    static let agentResources = "cpus:2;mem:1024;disk:1024;ports:[31000-31100]"

    static func masterArguments(workDir: URL) -> [String] {
        ["--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir=\(workDir.path)",
         "--allocation_interval=100ms", "--heartbeat_interval=1secs"]
    }

    static func startMaster(workDir: URL, port: UInt16? = nil) async throws -> Daemon {
        try await Daemon.start("swift-mesos-master", arguments: masterArguments(workDir: workDir), port: port)
    }

    /// Starts a master (with its registry in a work dir of its own) and one agent, runs `body`, and
    /// stops both.
    static func with<T>(_ body: (RealCluster) async throws -> T) async throws -> T {
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("sdk-master-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workDir) }
        let master = try await startMaster(workDir: workDir)
        let agent: Daemon
        do {
            agent = try await Daemon.start("swift-mesos-agent", arguments: [
                "--master=\(master.address)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                "--work_dir={dir}", "--resources=\(agentResources)", "--containerizers=mesos,docker",
            ])
        } catch {
            await master.stop()
            throw error
        }
        let cluster = RealCluster(master: master, agent: agent, masterWorkDir: workDir)
        func stop() async {
            let agentWorkDir = agent.directory
            await agent.process.stop()
            await DockerContainers.removeAll(ofAgentWorkDir: agentWorkDir)
            await agent.stop()
            await master.stop()
        }
        do {
            let result = try await body(cluster)
            await stop()
            return result
        } catch {
            print("---- master log ----\n\(master.logTail())\n---- agent log ----\n\(agent.logTail())\n----")
            await stop()
            throw error
        }
    }
}

/// Reads a client's events until one matches, with a time limit, collecting what passed by.
final class EventCollector: @unchecked Sendable {
    // One test task at a time; the iterator is not Sendable.
    let reader: EventReader
    private(set) var seen: [SchedulerEvent] = []

    init(_ client: SchedulerClient) {
        reader = EventReader(client)
    }

    /// Events until `matches` returns true for one (returned), failing after `limit`.
    /// `handle` sees every event first (to launch on offers, for instance).
    @discardableResult
    func until(
        _ what: String, within limit: Duration = .seconds(60),
        handle: @Sendable (SchedulerEvent) async throws -> Void = { _ in },
        _ matches: @Sendable (SchedulerEvent) -> Bool
    ) async throws -> SchedulerEvent {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            guard let event = try await reader.next(within: deadline - ContinuousClock.now) else {
                throw TimeoutError(description: "the events ended before \(what)")
            }
            seen.append(event)
            try await handle(event)
            if matches(event) { return event }
        }
        throw TimeoutError(description: "\(what) did not happen within \(limit); saw \(seen)")
    }
}

func status(_ event: SchedulerEvent, _ task: String, _ state: TaskState) -> Bool {
    if case .statusUpdate(let status) = event, status.taskID.value == task, status.state == state { return true }
    return false
}

/// Launches `task` (its `agentID` filled in) on the first offer that fits; declines the others.
func launcher(_ client: SchedulerClient, _ task: TaskInfo) -> @Sendable (SchedulerEvent) async throws -> Void {
    let launched = LaunchOnce()
    return { event in
        guard case .offers(let offers) = event else { return }
        for offer in offers {
            if Resources(offer.resources).unallocated().contains(Resources(task.resources)), launched.claim() {
                var task = task
                task.agentID = offer.agentID
                try await client.launch([task], offerIDs: [offer.id], filters: Filters(refuseSeconds: 1))
            } else {
                try await client.decline([offer.id], filters: Filters(refuseSeconds: 1))
            }
        }
    }
}

final class LaunchOnce: Sendable {
    private let done = Mutex(false)
    func claim() -> Bool {
        done.withLock { done in
            defer { done = true }
            return !done
        }
    }
}

func commandTask(_ id: String, _ command: String) throws -> TaskInfo {
    TaskInfo(name: id, taskID: TaskID(id), agentID: AgentID("filled-in-on-launch"),
             resources: Array(try Resources.parse("cpus:0.1;mem:32")), command: CommandInfo(shell: true, value: command))
}

@Suite(.serialized, .timeLimit(.minutes(3))) struct RealClusterTests {
    @Test func classicHelloFrameworkRunsOnARealCluster() async throws {
        try await RealCluster.with { cluster in
            let (status, finished) = try await withTimeout(.seconds(90), "the hello framework") {
                try await runHelloFramework(master: cluster.master.address)
            }
            #expect(status == .stopped)
            #expect(finished == 3)
        }
    }

    @Test func asyncAPILaunchesACommandTaskThenKillsAndReconcilesAnother() async throws {
        try await RealCluster.with { cluster in
            let client = try SchedulerClient(configuration: testConfiguration(master: cluster.master.address))
            let events = EventCollector(client)
            try await events.until("SUBSCRIBED") { if case .subscribed(_, _, false) = $0 { true } else { false } }

            try await events.until("echo FINISHED", handle: launcher(client, try commandTask("echo", "echo hi"))) {
                status($0, "echo", .finished)
            }
            #expect(events.seen.contains { status($0, "echo", .running) })

            try await client.revive()
            try await events.until("sleeper RUNNING", handle: launcher(client, try commandTask("sleeper", "sleep 60"))) {
                status($0, "sleeper", .running)
            }
            try await client.reconcile([.init(taskID: TaskID("sleeper"))])
            let reconciled = try await events.until("reconciliation answer") {
                if case .statusUpdate(let status) = $0 { status.taskID.value == "sleeper" && status.reason == .reconciliation } else { false }
            }
            if case .statusUpdate(let status) = reconciled {
                #expect(status.state == .running)
                #expect(status.uuid == nil)
            }
            try await client.kill(TaskID("sleeper"))
            try await events.until("sleeper KILLED") { status($0, "sleeper", .killed) }
            try await client.teardown()
            await client.shutdown()
        }
    }

    @Test func dockerTaskRunsToCompletion() async throws {
        try await RealCluster.with { cluster in
            let client = try SchedulerClient(configuration: testConfiguration(master: cluster.master.address))
            let events = EventCollector(client)
            var task = try commandTask("docker-echo", "echo from docker")
            task.container = ContainerInfo(type: .docker, docker: ContainerInfo.DockerInfo(image: "swift-mesos-test/busybox:latest"))
            try await events.until("docker FINISHED", within: .seconds(120), handle: launcher(client, task)) {
                status($0, "docker-echo", .finished)
            }
            #expect(events.seen.contains { status($0, "docker-echo", .running) })
            try await client.teardown()
            await client.shutdown()
        }
    }

    @Test func masterRestartKeepsTheFrameworkAndLosesNoUpdate() async throws {
        try await RealCluster.with { cluster in
            let client = try SchedulerClient(configuration: testConfiguration(master: cluster.master.address))
            let events = EventCollector(client)
            guard case .subscribed(let frameworkID, _, false) = try await events.until("SUBSCRIBED", { if case .subscribed = $0 { true } else { false } }) else {
                return
            }
            try await events.until("napper RUNNING", handle: launcher(client, try commandTask("napper", "sleep 4"))) {
                status($0, "napper", .running)
            }
            await cluster.master.process.stop()
            try await events.until("DISCONNECTED") { if case .disconnected = $0 { true } else { false } }
            try await Task.sleep(for: .seconds(1))
            let restarted = try await RealCluster.startMaster(workDir: cluster.masterWorkDir, port: cluster.master.port)
            do {
                guard case .subscribed(let again, _, true) = try await events.until("re-registration", { if case .subscribed = $0 { true } else { false } }) else {
                    Issue.record("expected a re-registration")
                    return
                }
                #expect(again == frameworkID)
                // The agent kept the update while the master was away and sends it again until acknowledged.
                try await events.until("napper FINISHED after the restart") { status($0, "napper", .finished) }
                try await client.teardown()
            } catch {
                print("---- restarted master log ----\n\(restarted.logTail())\n----")
                await client.shutdown()
                await restarted.stop()
                throw error
            }
            await client.shutdown()
            await restarted.stop()
        }
    }
}

extension RealClusterTests {
    @Test func keepsRetryingUntilTheRealMasterStarts() async throws {
        let port = try FreePort.next()
        let logs = LogCapture()
        let client = try SchedulerClient(configuration: testConfiguration(master: "127.0.0.1:\(port)", logs: logs))
        let events = EventCollector(client)
        let subscribed = Task { try await events.until("SUBSCRIBED", within: .seconds(60)) { if case .subscribed = $0 { true } else { false } } }
        try await Task.sleep(for: .milliseconds(500))
        #expect(logs.contains("Cannot reach master http://127.0.0.1:\(port)"))
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("sdk-master-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workDir) }
        let master = try await RealCluster.startMaster(workDir: workDir, port: port)
        let event = await subscribed.result
        await client.shutdown()
        await master.stop()
        guard case .subscribed(_, let info, false) = try event.get() else {
            Issue.record("expected SUBSCRIBED")
            return
        }
        #expect(info?.port == UInt32(port))
    }
}
