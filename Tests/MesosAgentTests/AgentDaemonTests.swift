import Foundation
import Logging
import MesosAgent
import MesosAgentCore
import MesosHTTPClient
import MesosModel
import MesosResources
import MesosTestKit
import Testing

@Suite("swift-mesos-agent daemon with a fake master", .serialized, .timeLimit(.minutes(4)))
struct AgentDaemonTests {
    static let framework = FrameworkInfo(user: "root", name: "e2e", id: FrameworkID("e2e-framework"),
                                         capabilities: [.init(type: .taskKillingState)])

    static func arguments(master: FakeMaster, workDir: String) -> [String] {
        ["--port={port}", "--ip=127.0.0.1", "--master=\(master.address)", "--work_dir=\(workDir)",
         "--resources=cpus:2;mem:1024;disk:1024;ports:[31000-31100]", "--attributes=rack:r1",
         "--docker_stop_timeout=1secs", "--hostname=agent-under-test"]
    }

    static func task(_ id: String, agentID: AgentID, command: CommandInfo, docker: Bool) throws -> TaskInfo {
        TaskInfo(name: id, taskID: TaskID(id), agentID: agentID,
                 resources: Array(try Resources.parse("cpus:0.1;mem:32")), command: command,
                 container: docker ? .docker(AgentHarness.image) : nil)
    }

    @Test func registersRunsTasksSurvivesSigkillAndReRegistersWithItsTasks() async throws {
        let agentID = AgentID("e2e-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let master = try await FakeMaster.start(agentID: agentID)
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-e2e-\(UUID().uuidString)").path
        let http = try HTTPClient(logger: Logger(label: "e2e"))
        var daemons: [Daemon] = []
        do {
            let first = try await Daemon.start("swift-mesos-agent", arguments: Self.arguments(master: master, workDir: workDir))
            daemons.append(first)
            #expect(await master.wait { !$0.subscribes.isEmpty })
            let subscribe = try #require(master.snapshot.subscribes.first)
            #expect(subscribe.agentInfo.id == nil)
            #expect(subscribe.agentInfo.hostname == "agent-under-test")
            #expect(Resources(subscribe.agentInfo.resources).cpus == 2)
            #expect(subscribe.agentInfo.attributes.first?.name == "rack")
            // The id from SUBSCRIBED is kept in the work dir.
            try await waitUntil { readFile(workDir + "/meta/agent_id").contains(agentID.value) }
            #expect(readFile(workDir + "/meta/agent_id") == agentID.value + "\n")

            master.push(.ping)
            #expect(await master.wait { $0.pongs >= 1 })

            master.push(.runTask(.init(frameworkInfo: Self.framework, task: try Self.task(
                "e2e-docker", agentID: agentID, command: .shell("echo started; sleep 600"), docker: true))))
            master.push(.runTask(.init(frameworkInfo: Self.framework, task: try Self.task(
                "e2e-process", agentID: agentID, command: .shell("echo started; sleep 600"), docker: false))))
            #expect(await master.wait { _ in
                master.states(of: "e2e-docker") == [.running] && master.states(of: "e2e-process") == [.running]
            })
            #expect(master.snapshot.updates.first?.latestState == .running)

            // /state lists both tasks with their sandboxes; /files reads them and refuses the rest.
            let state = try await http.execute(HTTPRequest(url: "\(first.baseURL)/state"))
            #expect(state.status == 200)
            #expect(state.bodyText.contains("e2e-docker") && state.bodyText.contains("e2e-process"))
            let metrics = try await http.execute(HTTPRequest(url: "\(first.baseURL)/metrics/snapshot"))
            #expect(metrics.bodyText.contains("\"slave/tasks_running\":2"))
            let sandboxes = try FileManager.default.subpathsOfDirectory(atPath: workDir + "/slaves")
                .filter { $0.hasSuffix("/stdout") }.map { workDir + "/slaves/" + $0 }
            #expect(sandboxes.count == 2)
            let stdout = try #require(sandboxes.first { $0.contains("e2e-process") })
            try await waitUntil { readFile(stdout).contains("started") }
            let read = try await http.execute(HTTPRequest(url: "\(first.baseURL)/files/read?path=\(stdout)&offset=0&length=100"))
            #expect(read.status == 200)
            #expect(read.bodyText.contains("started"))
            let flags = try await http.execute(HTTPRequest(url: "\(first.baseURL)/flags"))
            let flagValues = (try? JSONSerialization.jsonObject(with: Data(flags.body)) as? [String: Any])?["flags"] as? [String: String]
            #expect(flagValues?["logging_level"] == "INFO", "\(flags.bodyText)")
            #expect(flagValues?["port"] == String(first.port), "\(flags.bodyText)")
            // The operator API (`POST /api/v1`): Mesos's shapes, 501 for calls it does not have.
            func operatorCall(_ body: String, contentType: String = "application/json") async throws -> HTTPResponse {
                try await http.execute(HTTPRequest(
                    method: .post, url: "\(first.baseURL)/api/v1", headers: ["Content-Type": contentType], body: Array(body.utf8)))
            }
            let getFlags = try await operatorCall(#"{"type":"GET_FLAGS"}"#)
            let flagList = ((try? JSONSerialization.jsonObject(with: Data(getFlags.body)) as? [String: Any])?["get_flags"]
                as? [String: Any])?["flags"] as? [[String: Any]] ?? []
            #expect(flagList.contains { $0["name"] as? String == "port" && $0["value"] as? String == String(first.port) }, "\(getFlags.bodyText)")
            let getMetrics = try await operatorCall(#"{"type":"GET_METRICS","get_metrics":{"timeout":{"nanoseconds":1000000000}}}"#)
            let metricList = ((try? JSONSerialization.jsonObject(with: Data(getMetrics.body)) as? [String: Any])?["get_metrics"]
                as? [String: Any])?["metrics"] as? [[String: Any]] ?? []
            #expect(metricList.contains { $0["name"] as? String == "slave/registered" && $0["value"] as? Double == 1 }, "\(getMetrics.bodyText)")
            #expect(try await operatorCall(#"{"type":"GET_HEALTH"}"#).bodyText.contains(#""healthy":true"#))
            #expect(try await operatorCall(#"{"type":"LAUNCH_NESTED_CONTAINER"}"#).status == 501)
            #expect(try await operatorCall(#"{"get_health":{}}"#).status == 400)
            #expect(try await operatorCall("not json").status == 400)
            #expect(try await operatorCall(#"{"type":"GET_HEALTH"}"#, contentType: "text/plain").status == 415)
            for query in ["offset=abc", "offset=-2", "length=-1", "length=many"] {
                let bad = try await http.execute(HTTPRequest(url: "\(first.baseURL)/files/read?path=\(stdout)&\(query)"))
                #expect(bad.status == 400, "\(query) answered \(bad.status)")
                #expect(bad.bodyText.contains(String(query.prefix { $0 != "=" })), "\(query): \(bad.bodyText)")
            }
            let sandbox = (stdout as NSString).deletingLastPathComponent
            try FileManager.default.createSymbolicLink(atPath: sandbox + "/escape", withDestinationPath: "/etc")
            for path in ["/etc/passwd", "\(workDir)/slaves/../meta/agent_id", "\(sandbox)/escape/passwd", "../../etc/passwd"] {
                let refused = try await http.execute(HTTPRequest(url: "\(first.baseURL)/files/read?path=\(path)"))
                #expect(refused.status == 403, "\(path) answered \(refused.status)")
            }
            let browse = try await http.execute(HTTPRequest(url: "\(first.baseURL)/files/browse?path=\(sandbox)"))
            #expect(browse.status == 200 && browse.bodyText.contains("stdout"))

            // The docker exit watcher keeps its child's pid in the work dir (a restarted agent stops
            // the one a SIGKILLed agent left running).
            try await waitUntil { readFile(workDir + "/meta/docker-events.pid").isEmpty == false }
            let eventsPID = pid_t(readFile(workDir + "/meta/docker-events.pid").trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(eventsPID.map(ProcessContainerizer.isAlive) == true)

            // SIGKILL the agent: the tasks keep running.
            master.setAutoAcknowledge(false)
            await first.process.kill9()
            master.closeStream()
            let pid = try #require(await firstPID(of: "e2e-process", workDir: workDir))
            #expect(ProcessContainerizer.isAlive(pid))
            let docker = DockerCLI()
            let running = try await docker.run(["ps", "-q", "--filter", "label=\(DockerRunPlan.Label.taskID)=e2e-docker",
                                                "--filter", "label=\(DockerRunPlan.Label.agentID)=\(agentID.value)"])
            #expect(!running.standardOutput.isEmpty)

            // Restart with the same work dir: same id, re-registered with both tasks.
            master.setAutoAcknowledge(true)
            let second = try await Daemon.start("swift-mesos-agent", arguments: Self.arguments(master: master, workDir: workDir))
            daemons.append(second)
            #expect(await master.wait { $0.subscribes.count >= 2 })
            let resubscribe = try #require(master.snapshot.subscribes.last)
            #expect(resubscribe.agentInfo.id == agentID)
            #expect(Set(resubscribe.tasks.map(\.taskID.value)) == ["e2e-docker", "e2e-process"])
            #expect(resubscribe.tasks.allSatisfy { $0.state == .running })
            #expect(resubscribe.frameworks.map(\.id) == [Self.framework.id])

            // Their later updates arrive, none lost or duplicated.
            for id in ["e2e-docker", "e2e-process"] {
                master.push(.killTask(.init(frameworkID: FrameworkID("e2e-framework"), taskID: TaskID(id))))
            }
            #expect(await master.wait { _ in
                master.states(of: "e2e-docker").last == .killed && master.states(of: "e2e-process").last == .killed
            })
            #expect(master.states(of: "e2e-docker") == [.running, .killing, .killed])
            #expect(master.states(of: "e2e-process") == [.running, .killing, .killed])
            #expect(master.snapshot.badStreamIDs == 0)
        } catch {
            for daemon in daemons { print("---- \(daemon.name) ----\n\(daemon.logTail())") }
            throw error
        }
        for daemon in daemons { await daemon.stop() }
        master.stop()
        await http.shutdown()
        await removeContainers(agentID: agentID)
        if let pid = await firstPID(of: "e2e-process", workDir: workDir) { Glibc.kill(-pid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: workDir)
    }
}

/// The recorded pid of a process task, from the agent's checkpoints.
func firstPID(of taskID: String, workDir: String) async -> pid_t? {
    guard let store = try? CheckpointStore(workDirectory: workDir) else { return nil }
    return store.loadTasks().tasks.first { $0.task.taskID.value == taskID }?.pid.map { pid_t($0) }
}

/// Removes every container labelled with `agentID`.
func removeContainers(agentID: AgentID) async {
    let docker = DockerCLI()
    guard let listed = try? await docker.run(
        ["ps", "-aq", "--filter", "label=\(DockerRunPlan.Label.agentID)=\(agentID.value)"], timeout: 30) else { return }
    let ids = listed.standardOutput.split(whereSeparator: \.isNewline).map(String.init)
    if !ids.isEmpty { _ = try? await docker.run(["rm", "-f"] + ids, timeout: 60) }
}
