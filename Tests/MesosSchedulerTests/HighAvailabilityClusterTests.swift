import Foundation
import Logging
import MesosHTTPClient
import MesosResources
@testable import MesosScheduler
import MesosTestKit
import MesosZooKeeper
import Synchronization
import Testing

/// A highly available cluster of real daemons: a ZooKeeper ensemble, three masters contending with
/// `--zk`, two agents following the leader with `--master=zk://...`.
final class HighAvailabilityCluster: Sendable {
    static let sessionTimeout = 3  // seconds
    /// The masters' `--zk_session_timeout`, in seconds.
    let sessionTimeout: Int
    let zooKeeper: ZooKeeperEnsemble
    /// The masters; one restarted by ``restartMaster(_:)`` replaces the old one.
    let masters: Mutex<[Daemon]>
    let agents: [Daemon]
    let http: HTTPClient

    init(sessionTimeout: Int, zooKeeper: ZooKeeperEnsemble, masters: [Daemon], agents: [Daemon], http: HTTPClient) {
        self.sessionTimeout = sessionTimeout
        self.zooKeeper = zooKeeper
        self.masters = Mutex(masters)
        self.agents = agents
        self.http = http
    }

    /// The `zk://` URL masters, agents and frameworks use.
    var zkURL: String { zooKeeper.url(path: "/mesos") }

    static func masterArguments(zk: String, sessionTimeout: Int) -> [String] {
        ["--port={port}", "--ip=127.0.0.1", "--hostname=127.0.0.1", "--work_dir={dir}/work",
         "--zk=\(zk)", "--quorum=2", "--zk_session_timeout=\(sessionTimeout)secs",
         "--allocation_interval=100ms", "--heartbeat_interval=1secs", "--logging_level=INFO"]
    }

    /// Starts the master at `port` again (as a supervisor restarts an exited master).
    func restartMaster(_ old: Daemon) async throws -> Daemon {
        await old.stop()
        let fresh = try await Daemon.start("swift-mesos-master", name: old.name, arguments: Self.masterArguments(zk: zkURL, sessionTimeout: sessionTimeout), port: old.port)
        masters.withLock { list in list = list.map { $0.port == old.port ? fresh : $0 } }
        return fresh
    }

    /// Starts ZooKeeper (`zooKeeperServers` of them), three masters and two agents, runs `body`, stops everything.
    static func with(zooKeeperServers: Int = 1, sessionTimeout: Int = sessionTimeout, _ body: (HighAvailabilityCluster) async throws -> Void) async throws {
        let zk = try await ZooKeeperEnsemble.start(size: zooKeeperServers)
        let http = try HTTPClient(logger: Logger(label: "test.ha"))
        var masters: [Daemon] = []
        var agents: [Daemon] = []
        let cluster = Mutex<HighAvailabilityCluster?>(nil)
        func stopAll() async {
            let running = cluster.withLock { $0?.masters.withLock { $0 } } ?? masters
            for agent in agents {
                await agent.process.stop()
                await agent.stop()
            }
            for master in running { await master.stop() }
            await http.shutdown()
            await zk.shutdown()
        }
        do {
            for index in 1...3 {
                masters.append(try await Daemon.start(
                    "swift-mesos-master", name: "master-\(index)", arguments: masterArguments(zk: zk.url(path: "/mesos"), sessionTimeout: sessionTimeout)))
            }
            for index in 1...2 {
                agents.append(try await Daemon.start("swift-mesos-agent", name: "agent-\(index)", arguments: [
                    "--master=\(zk.url(path: "/mesos"))", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                    "--work_dir={dir}", "--resources=cpus:2;mem:1024;disk:1024;ports:[31000-31100]", "--containerizers=mesos",
                ]))
            }
            let value = HighAvailabilityCluster(sessionTimeout: sessionTimeout, zooKeeper: zk, masters: masters, agents: agents, http: http)
            cluster.withLock { $0 = value }
            try await body(value)
        } catch {
            let running = cluster.withLock { $0?.masters.withLock { $0 } } ?? masters
            for daemon in running + agents { print("---- \(daemon.name) ----\n\(daemon.logTail(lines: 60))") }
            await stopAll()
            throw error
        }
        await stopAll()
    }

    /// `leading`, `standby`, or nil when the master does not answer `/health`.
    func leadership(_ master: Daemon) async -> String? {
        guard let response = try? await http.execute(HTTPRequest(url: master.baseURL + "/health", timeout: .seconds(2))),
              response.status == 200,
              let body = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        else { return nil }
        return body["leadership"]
    }

    /// The masters that say they lead right now.
    func leaders() async -> [Daemon] {
        var result: [Daemon] = []
        for master in masters.withLock({ $0 }) where await leadership(master) == "leading" { result.append(master) }
        return result
    }

    /// The one master that leads, waiting for it.
    func soleLeader(timeout: Duration = .seconds(60)) async throws -> Daemon {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let leading = await leaders()
            #expect(leading.count <= 1, "two acting leaders: \(leading.map(\.name))")
            if leading.count == 1 { return leading[0] }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TimeoutError(description: "no single leader within \(timeout)")
    }

    /// The leader's `/master/tasks`: task id → state.
    func tasks(on master: Daemon) async throws -> [String: String] {
        let response = try await http.execute(HTTPRequest(url: master.baseURL + "/master/tasks", timeout: .seconds(5)))
        guard response.status == 200,
              let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              let tasks = body["tasks"] as? [[String: Any]]
        else { return [:] }
        var result: [String: String] = [:]
        for task in tasks {
            if let id = task["id"] as? String, let state = task["state"] as? String { result[id] = state }
        }
        return result
    }

    /// Polls `condition` until it holds or `timeout` passes.
    func eventually(_ timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// Launches each task of a list once, the first tasks on agents that have none yet; declines the rest.
final class SpreadLauncher: Sendable {
    private let pending: Mutex<[TaskInfo]>
    private let agentsUsed = Mutex<Set<String>>([])
    /// Task id → agent id, as launched.
    let placed = Mutex<[String: String]>([:])

    init(_ tasks: [TaskInfo]) { pending = Mutex(tasks) }

    func handle(_ client: SchedulerClient, _ event: SchedulerEvent, agents: Int) async throws {
        guard case .offers(let offers) = event else { return }
        for offer in offers {
            let task: TaskInfo? = pending.withLock { pending in
                guard !pending.isEmpty else { return nil }
                let fresh = agentsUsed.withLock { !$0.contains(offer.agentID.value) }
                let allUsed = agentsUsed.withLock { $0.count >= agents }
                guard fresh || allUsed, Resources(offer.resources).unallocated().contains(Resources(pending[0].resources)) else { return nil }
                return pending.removeFirst()
            }
            if var task {
                task.agentID = offer.agentID
                agentsUsed.withLock { _ = $0.insert(offer.agentID.value) }
                placed.withLock { $0[task.taskID.value] = offer.agentID.value }
                do {
                    try await client.launch([task], offerIDs: [offer.id], filters: Filters(refuseSeconds: 1))
                } catch SchedulerError.notSubscribed {
                    // The subscription ended (a stall on a loaded machine): this offer is gone; the
                    // task goes on the next subscription's offers.
                    agentsUsed.withLock { _ = $0.remove(offer.agentID.value) }
                    placed.withLock { $0[task.taskID.value] = nil }
                    pending.withLock { $0.insert(task, at: 0) }
                }
            } else {
                do {
                    try await client.decline([offer.id], filters: Filters(refuseSeconds: 1))
                } catch SchedulerError.notSubscribed {}
            }
        }
    }
}

/// Status updates per task: the ones with a uuid (acknowledgeable, from the agent), by state.
struct UpdateTally {
    /// (task, state) → how many updates arrived, retries included.
    var received: [String: [TaskState: Int]] = [:]
    /// (task, state) → distinct update uuids.
    var distinct: [String: [TaskState: Set<Data>]] = [:]

    mutating func record(_ events: [SchedulerEvent]) {
        received = [:]
        distinct = [:]
        for event in events {
            guard case .statusUpdate(let status) = event, let uuid = status.uuid else { continue }
            received[status.taskID.value, default: [:]][status.state, default: 0] += 1
            distinct[status.taskID.value, default: [:]][status.state, default: []].insert(uuid)
        }
    }

    func count(_ task: String, _ state: TaskState) -> Int { distinct[task]?[state]?.count ?? 0 }
    func terminalCount(_ task: String) -> Int {
        distinct[task]?.filter { $0.key.isTerminal }.map(\.value.count).reduce(0, +) ?? 0
    }
}

@Suite(.serialized, .timeLimit(.minutes(5))) struct HighAvailabilityClusterTests {
    /// The framework's configuration: a `zk://` master URL and a long failover timeout.
    func configuration(_ cluster: HighAvailabilityCluster, logs: LogCapture) -> SchedulerConfiguration {
        var configuration = testConfiguration(master: cluster.zkURL, logs: logs)
        configuration.frameworkInfo.failoverTimeout = 3600
        return configuration
    }

    @Test func leaderFailoverKeepsTasksRunningAndLosesNoStatusUpdate() async throws {
        let gate = FileManager.default.temporaryDirectory.appendingPathComponent("ha-gate-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: gate) }
        try await HighAvailabilityCluster.with { cluster in
            let logs = LogCapture()
            let client = try SchedulerClient(configuration: configuration(cluster, logs: logs))
            do {
                try await failover(cluster, client, gate: gate)
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
        }
    }

    func failover(_ cluster: HighAvailabilityCluster, _ client: SchedulerClient, gate: URL) async throws {
        do {
            let events = EventCollector(client)
            guard case .subscribed(let frameworkID, let firstMaster, false) = try await events.until("SUBSCRIBED", { if case .subscribed = $0 { true } else { false } }) else {
                Issue.record("expected SUBSCRIBED")
                return
            }
            let leader = try await cluster.soleLeader()
            #expect(firstMaster?.port == UInt32(leader.port))

            // Three long tasks over the two agents: one to kill after failover, one that finishes when
            // the gate file appears, one that keeps running to the end.
            let taskIDs = ["to-kill", "to-finish", "keeps-running"]
            let launcher = SpreadLauncher([
                try commandTask("to-kill", "sleep 600"),
                try commandTask("to-finish", "while [ ! -e '\(gate.path)' ]; do sleep 0.1; done"),
                try commandTask("keeps-running", "sleep 600"),
            ])
            let running = Mutex<Set<String>>([])
            try await events.until("three tasks RUNNING", handle: { try await launcher.handle(client, $0, agents: 2) }) { event in
                if case .statusUpdate(let status) = event, status.state == .running { running.withLock { _ = $0.insert(status.taskID.value) } }
                return running.withLock { $0.count } == 3
            }
            #expect(Set(launcher.placed.withLock { $0.values }).count == 2, "the tasks run on both agents")

            // SIGKILL the leader; the framework must come back, with its id, at another master.
            let killedAt = ContinuousClock.now
            await leader.process.kill9()
            let event = try await events.until("re-registration at the new leader", within: .seconds(90)) {
                if case .subscribed = $0 { true } else { false }
            }
            let failover = ContinuousClock.now - killedAt
            guard case .subscribed(let again, let newMaster, true) = event else {
                Issue.record("expected a re-registration, got \(event)")
                return
            }
            #expect(again == frameworkID)
            #expect(newMaster?.port != UInt32(leader.port))
            print("HA failover: \(failover) from SIGKILL of the leader to the new leader answering SUBSCRIBE (ZooKeeper session timeout \(HighAvailabilityCluster.sessionTimeout)s)")
            #expect(events.seen.contains { if case .disconnected = $0 { true } else { false } })

            let next = try await cluster.soleLeader()
            #expect(next.port != leader.port)
            #expect(newMaster?.port == UInt32(next.port))

            // The agents re-register with their tasks: the new leader shows them, still running.
            let adopted = try await cluster.eventually(.seconds(60)) {
                let tasks = try await cluster.tasks(on: next)
                return taskIDs.allSatisfy { tasks[$0] == "TASK_RUNNING" }
            }
            let seenTasks = (try? await cluster.tasks(on: next)) ?? [:]
            #expect(adopted, "the new leader's /master/tasks: \(seenTasks)")

            // The new leader's registry in ZooKeeper holds both agents and the framework.
            let zkClient = try await ZooKeeperClient.connect(url: ZooKeeperURL(parsing: cluster.zkURL), logger: Logger(label: "test.ha"))
            let registryBytes = Mutex(0)
            let registered = try await cluster.eventually(.seconds(30)) {
                let node = try await zkClient.get("/mesos/registry")
                registryBytes.withLock { $0 = node.data.count }
                let registry = try JSONSerialization.jsonObject(with: Data(node.data)) as? [String: Any]
                let agents = (registry?["agents"] as? [[String: Any]])?.count
                let frameworks = (registry?["frameworks"] as? [[String: Any]])?.compactMap { ($0["id"] as? [String: Any])?["value"] as? String }
                return agents == 2 && frameworks == [frameworkID.value]
            }
            await zkClient.close()
            #expect(registered, "the registry znode must list the two agents and the framework")
            print("HA failover: registry znode \(registryBytes.withLock { $0 }) bytes for 2 agents (4 resources each) and 1 framework")

            // Later updates arrive through the new leader.
            try await client.kill(TaskID("to-kill"))
            try await events.until("to-kill KILLED") { status($0, "to-kill", .killed) }
            try Data().write(to: gate)
            try await events.until("to-finish FINISHED") { status($0, "to-finish", .finished) }
            #expect(try await cluster.tasks(on: next)["keeps-running"] == "TASK_RUNNING")

            // Give retried updates a chance to show up, then count: exactly one RUNNING per task and one
            // terminal update for each task that ended (agents retry an update until it is acknowledged;
            // a retry carries the same uuid and is not a second update).
            try await client.reconcile([])
            try await events.until("an explicit reconciliation answer") {
                if case .statusUpdate(let status) = $0 { status.reason == .reconciliation } else { false }
            }
            var tally = UpdateTally()
            tally.record(events.seen)
            print("HA failover: status updates received per task (retries included): \(tally.received)")
            for task in taskIDs { #expect(tally.count(task, .running) == 1, "RUNNING updates of \(task)") }
            #expect(tally.count("to-kill", .killed) == 1)
            #expect(tally.terminalCount("to-kill") == 1)
            #expect(tally.count("to-finish", .finished) == 1)
            #expect(tally.terminalCount("to-finish") == 1)
            #expect(tally.terminalCount("keeps-running") == 0)
            try await client.teardown()
        }
    }
}

extension HighAvailabilityClusterTests {
    @Test func aThreeServerEnsembleSurvivesOneServerAndRecoversFromLosingItsQuorum() async throws {
        // A leader's lease lasts two thirds of the session timeout past its last round trip; moving
        // to another server must fit in it even on a loaded machine: 6 s sessions (a 4 s lease).
        try await HighAvailabilityCluster.with(zooKeeperServers: 3, sessionTimeout: 6) { cluster in
            let client = try SchedulerClient(configuration: configuration(cluster, logs: LogCapture()))
            do {
                try await ensembleOutages(cluster, client)
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
        }
    }

    func ensembleOutages(_ cluster: HighAvailabilityCluster, _ client: SchedulerClient) async throws {
        let events = EventCollector(client)
        guard case .subscribed(let frameworkID, _, false) = try await events.until("SUBSCRIBED", { if case .subscribed = $0 { true } else { false } }) else {
            Issue.record("expected SUBSCRIBED")
            return
        }
        let leader = try await cluster.soleLeader()
        let zk = cluster.zooKeeper

        // One server crashes (a follower, so that the ensemble keeps its leader): nothing changes
        // for longer than a session timeout — the same master leads, every master runs, the
        // framework stays subscribed.
        var followerNode: ZooKeeperEnsemble.Node?
        for node in zk.nodes where await node.mode() == "follower" { followerNode = node }
        let follower = try #require(followerNode)
        await follower.childProcess?.kill9()
        let window = ContinuousClock.now + .seconds(cluster.sessionTimeout * 2)
        var undisturbed = true
        while ContinuousClock.now < window, undisturbed {
            let leading = await cluster.leaders()
            let allRunning = cluster.masters.withLock { $0 }.allSatisfy(\.process.isRunning)
            undisturbed = leading.map(\.port) == [leader.port] && allRunning && client.isSubscribed
            #expect(leading.map(\.port) == [leader.port], "leaders with one ZooKeeper server down: \(leading.map(\.name))")
            #expect(allRunning)
            #expect(client.isSubscribed)
            try await Task.sleep(for: .milliseconds(200))
        }
        if !undisturbed {
            for master in cluster.masters.withLock({ $0 }) { print("---- \(master.name) ----\n\(master.logTail(lines: 40))") }
            return
        }

        // A second server down: no quorum. The leader stops leading (and exits, as Mesos masters do);
        // no master leads while the quorum is missing.
        let second = try #require(zk.nodes.first { $0.id != follower.id })
        await zk.stop(second)
        let deposed = try await cluster.eventually(.seconds(60)) {
            await cluster.leaders().isEmpty && !leader.process.isRunning
        }
        #expect(deposed, "the leader must stop leading and exit without a ZooKeeper quorum")
        let quiet = ContinuousClock.now + .seconds(cluster.sessionTimeout)
        while ContinuousClock.now < quiet {
            #expect(await cluster.leaders().isEmpty, "a master leads without a ZooKeeper quorum")
            try await Task.sleep(for: .milliseconds(200))
        }

        // The servers come back; exited masters are restarted as a supervisor would; a master leads
        // again and the framework re-subscribes with its id.
        try await zk.restart(follower)
        try await zk.restart(second)
        for node in zk.nodes { try await zk.waitUntilServing(node) }
        for master in cluster.masters.withLock({ $0 }) where !master.process.isRunning {
            _ = try await cluster.restartMaster(master)
        }
        let next = try await cluster.soleLeader(timeout: .seconds(90))
        let event = try await events.until("re-registration after the quorum is back", within: .seconds(90)) {
            if case .subscribed(_, _, true) = $0 { true } else { false }
        }
        guard case .subscribed(let again, let master, true) = event else { return }
        #expect(again == frameworkID)
        #expect(master?.port == UInt32(next.port))
        try await client.teardown()
    }
}
