import Foundation
import Logging
import MesosAgent
import MesosHTTPClient
import MesosModel
import MesosResources
import MesosTestKit
import Testing

/// A framework on the real master's scheduler API that acknowledges every update it sees.
struct AcknowledgingScheduler {
    let client: HTTPClient
    let master: Daemon
    let stream: SubscriptionStream<Scheduler.Event>
    let frameworkID: FrameworkID

    static func subscribe(_ client: HTTPClient, _ master: Daemon, info: FrameworkInfo) async throws -> AcknowledgingScheduler {
        let stream = try await SubscriptionStream<Scheduler.Event>(
            client: client, url: master.baseURL + "/api/v1/scheduler", call: Scheduler.Call.subscribe(frameworkInfo: info))
        let subscribed = try await stream.next { $0.type == .subscribed || $0.type == .error }
        guard let id = subscribed.subscribed?.frameworkID else {
            throw TestKitError("SUBSCRIBE failed: \(subscribed.error?.message ?? "?")")
        }
        return AcknowledgingScheduler(client: client, master: master, stream: stream, frameworkID: id)
    }

    @discardableResult
    func call(_ call: Scheduler.Call) async throws -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let id = stream.streamID { headers.add(name: "Mesos-Stream-Id", value: id) }
        return try await client.execute(HTTPRequest(method: .post, url: master.baseURL + "/api/v1/scheduler",
                                                    headers: headers, body: Array(try MesosJSON.encode(call))))
    }

    /// The next update of `task` in `state` (acknowledging the updates it passes).
    func waitFor(_ task: String, _ state: TaskState, timeout: Duration = .seconds(60)) async throws -> TaskStatus {
        while true {
            let event = try await stream.next(timeout: timeout) { $0.type == .update && $0.update?.status.taskID.value == task }
            guard let status = event.update?.status else { continue }
            if let acknowledge = Scheduler.Call.acknowledge(frameworkID: frameworkID, status: status) {
                try await call(acknowledge)
            }
            if status.state == state { return status }
        }
    }
}

@Suite("swift-mesos-agent with the real swift-mesos-master", .serialized, .timeLimit(.minutes(4)))
struct RealMasterTests {
    @Test func frameworkLaunchesAndKillsTasksThroughTheMasterAcrossAnAgentRestart() async throws {
        let master = try await Daemon.start("swift-mesos-master", arguments: [
            "--port={port}", "--ip=127.0.0.1", "--work_dir={dir}", "--allocation_interval=100ms",
        ])
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-real-\(UUID().uuidString)").path
        let agentArguments = ["--port={port}", "--ip=127.0.0.1", "--master=\(master.address)", "--work_dir=\(workDir)",
                              "--resources=cpus:2;mem:1024;disk:1024;ports:[31000-31100]", "--docker_stop_timeout=1secs"]
        let http = try HTTPClient(logger: Logger(label: "real-master"))
        var agents: [Daemon] = []
        var agentID: AgentID?
        do {
            agents.append(try await Daemon.start("swift-mesos-agent", arguments: agentArguments))
            let scheduler = try await AcknowledgingScheduler.subscribe(http, master, info: FrameworkInfo(
                user: "root", name: "agent-e2e", capabilities: [.init(type: .taskKillingState)]))
            let offer = try await scheduler.stream.next(timeout: .seconds(30)) { $0.type == .offers }
            let first = try #require(offer.offers?.offers.first)
            agentID = first.agentID
            let resources = Array(try Resources.parse("cpus:0.1;mem:32"))
            let processTask = TaskInfo(name: "real-process", taskID: TaskID("real-process"), agentID: first.agentID,
                                       resources: resources, command: .shell("sleep 600"))
            let dockerTask = TaskInfo(name: "real-docker", taskID: TaskID("real-docker"), agentID: first.agentID,
                                      resources: resources, command: .shell("sleep 600"),
                                      container: .docker(AgentHarness.image))
            try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [first.id],
                                             operations: [.launch([processTask, dockerTask])]))
            _ = try await scheduler.waitFor("real-process", .running)
            _ = try await scheduler.waitFor("real-docker", .running)

            // The agent crashes and comes back with the same work dir: the tasks survive.
            await agents[0].process.kill9()
            agents.append(try await Daemon.start("swift-mesos-agent", arguments: agentArguments))

            try await scheduler.call(.kill(frameworkID: scheduler.frameworkID, taskID: TaskID("real-process"), agentID: first.agentID))
            try await scheduler.call(.kill(frameworkID: scheduler.frameworkID, taskID: TaskID("real-docker"), agentID: first.agentID))
            let killedProcess = try await scheduler.waitFor("real-process", .killed)
            let killedDocker = try await scheduler.waitFor("real-docker", .killed)
            #expect(killedProcess.agentID == first.agentID)
            #expect(killedDocker.state == .killed)
            scheduler.stream.close()
        } catch {
            print("---- master ----\n\(master.logTail())")
            for agent in agents { print("---- \(agent.name) ----\n\(agent.logTail())") }
            for agent in agents { await agent.stop() }
            await master.stop()
            await http.shutdown()
            if let agentID { await removeContainers(agentID: agentID) }
            throw error
        }
        for agent in agents { await agent.stop() }
        await master.stop()
        await http.shutdown()
        if let agentID { await removeContainers(agentID: agentID) }
        try? FileManager.default.removeItem(atPath: workDir)
    }
}
