import Foundation
import MesosAgent
import MesosAgentCore
import MesosModel
import MesosResources
import MesosTestKit
import Testing

/// A custom executor written with sh and curl: subscribes, runs the launched task, reports
/// RUNNING, sends a message, waits for the agent's ACKNOWLEDGED, reports FINISHED and exits.
let curlExecutorScript = #"""
set -u
ep="http://$MESOS_AGENT_ENDPOINT/api/v1/executor"
ids="\"framework_id\":{\"value\":\"$MESOS_FRAMEWORK_ID\"},\"executor_id\":{\"value\":\"$MESOS_EXECUTOR_ID\"}"
curl -sN -X POST -H 'Content-Type: application/json' -d "{\"type\":\"SUBSCRIBE\",$ids,\"subscribe\":{}}" "$ep" > events &
i=0
while ! grep -q '"LAUNCH"' events 2>/dev/null; do sleep 0.1; i=$((i+1)); [ $i -gt 600 ] && exit 3; done
task=$(grep -o '"task_id":{"value":"[^"]*"' events | head -1 | sed 's/.*"value":"//; s/"$//')
update() {
  uuid=$(head -c 16 /dev/urandom | base64)
  curl -s -X POST -H 'Content-Type: application/json' -d "{\"type\":\"UPDATE\",$ids,\"update\":{\"status\":{\"task_id\":{\"value\":\"$task\"},\"state\":\"$1\",\"source\":\"SOURCE_EXECUTOR\",\"uuid\":\"$uuid\"}}}" "$ep"
}
update TASK_RUNNING
curl -s -X POST -H 'Content-Type: application/json' -d "{\"type\":\"MESSAGE\",$ids,\"message\":{\"data\":\"aGVsbG8=\"}}" "$ep"
i=0
while ! grep -q '"ACKNOWLEDGED"' events; do sleep 0.1; i=$((i+1)); [ $i -gt 600 ] && exit 4; done
echo "executor ran $task"
update TASK_FINISHED
sleep 1
exit 0
"""#

/// A custom executor that survives agent restarts: it re-subscribes whenever its stream ends and
/// retries calls until the agent accepts them; it finishes its task when the test creates `finish`.
let resilientExecutorScript = #"""
set -u
ep="http://$MESOS_AGENT_ENDPOINT/api/v1/executor"
ids="\"framework_id\":{\"value\":\"$MESOS_FRAMEWORK_ID\"},\"executor_id\":{\"value\":\"$MESOS_EXECUTOR_ID\"}"
( while true; do
    curl -sN -X POST -H 'Content-Type: application/json' -d "{\"type\":\"SUBSCRIBE\",$ids,\"subscribe\":{}}" "$ep" >> events
    sleep 0.2
  done ) &
post() {
  i=0
  until curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "$1" "$ep"; do
    sleep 0.2; i=$((i+1)); [ $i -gt 600 ] && exit 5
  done
}
i=0
while ! grep -q '"LAUNCH"' events 2>/dev/null; do sleep 0.1; i=$((i+1)); [ $i -gt 600 ] && exit 3; done
task=$(grep -o '"task_id":{"value":"[^"]*"' events | head -1 | sed 's/.*"value":"//; s/"$//')
update() {
  uuid=$(head -c 16 /dev/urandom | base64)
  post "{\"type\":\"UPDATE\",$ids,\"update\":{\"status\":{\"task_id\":{\"value\":\"$task\"},\"state\":\"$1\",\"uuid\":\"$uuid\"}}}"
}
update TASK_RUNNING
i=0
while [ ! -f finish ]; do sleep 0.1; i=$((i+1)); [ $i -gt 1200 ] && exit 4; done
update TASK_FINISHED
sleep 1
kill %1
exit 0
"""#

@Suite("Custom executors over the executor API", .timeLimit(.minutes(3)))
struct CustomExecutorTests {
    @Test  // the test executor uses curl (make test installs it)
    func executorSubscribesRunsItsTaskAndItsUpdatesAndMessagesReachTheMaster() async throws {
        let agentID = AgentID("exec-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let master = try await FakeMaster.start(agentID: agentID)
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-exec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        let script = workDir + "/executor.sh"
        try curlExecutorScript.write(toFile: script, atomically: true, encoding: .utf8)
        let daemon = try await Daemon.start("swift-mesos-agent", arguments: [
            "--port={port}", "--ip=127.0.0.1", "--master=\(master.address)", "--work_dir=\(workDir)",
            "--resources=cpus:2;mem:1024", "--containerizers=mesos",
        ])
        do {
            #expect(await master.wait { !$0.subscribes.isEmpty })
            try await waitUntil { readFile(workDir + "/meta/agent_id").contains(agentID.value) }
            let framework = FrameworkInfo(user: "root", name: "exec", id: FrameworkID("exec-framework"))
            let executor = ExecutorInfo(executorID: ExecutorID("curl-executor"), frameworkID: FrameworkID("exec-framework"),
                                        command: .shell("sh \(script)"))
            let task = TaskInfo(name: "via-executor", taskID: TaskID("via-executor"), agentID: agentID,
                                resources: Array(try Resources.parse("cpus:0.1;mem:32")), executor: executor)
            master.push(.runTask(.init(frameworkInfo: framework, task: task)))
            #expect(await master.wait { _ in master.states(of: "via-executor") == [.running, .finished] })
            let updates = master.snapshot.updates.filter { $0.status.taskID.value == "via-executor" }
            #expect(updates.allSatisfy { $0.status.source == .executor && $0.status.executorID?.value == "curl-executor" })
            #expect(await master.wait { $0.messages.contains(Data("hello".utf8)) })
            #expect(await master.wait { $0.executorExits.contains { $0.executorID.value == "curl-executor" && $0.status == 0 } })
            let stdout = try FileManager.default.subpathsOfDirectory(atPath: workDir + "/slaves")
                .first { $0.contains("curl-executor") && $0.hasSuffix("/stdout") }
            #expect(stdout.map { readFile(workDir + "/slaves/" + $0) }?.contains("executor ran via-executor") == true)
        } catch {
            print("---- \(daemon.name) ----\n\(daemon.logTail())")
            throw error
        }
        await daemon.stop()
        master.stop()
        try? FileManager.default.removeItem(atPath: workDir)
    }

    @Test func anExecutorThatNeverSubscribesFailsItsTasksAfterTheRegistrationTimeout() async throws {
        try await withAgent(executorRegistrationTimeout: 1) { agent in
            let executor = ExecutorInfo(executorID: ExecutorID("silent"), frameworkID: FrameworkID("framework-1"),
                                        command: .shell("sleep 60"))
            let task = TaskInfo(name: "silent-task", taskID: TaskID("silent-task"), agentID: agent.agentID,
                                resources: Array(try Resources.parse("cpus:0.1;mem:32")), executor: executor)
            await agent.run(task)
            let failed = await agent.recorder.waitForTerminal("silent-task", timeout: 20)
            #expect(failed?.state == .failed)
            #expect(failed?.reason == .executorRegistrationTimeout)
            try await waitUntil(timeout: 30) { await agent.runtime.executors.isEmpty }
            #expect(await agent.runtime.executors.isEmpty)  // the executor was killed and forgotten
        }
    }

    @Test  // the test executor uses curl (make test installs it)
    func anExecutorSurvivesAnAgentRestartAndItsLaterUpdatesArrive() async throws {
        let agentID = AgentID("exec-restart-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let master = try await FakeMaster.start(agentID: agentID)
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-exec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
        let script = workDir + "/executor.sh"
        try resilientExecutorScript.write(toFile: script, atomically: true, encoding: .utf8)
        let arguments = ["--port={port}", "--ip=127.0.0.1", "--master=\(master.address)", "--work_dir=\(workDir)",
                         "--resources=cpus:2;mem:1024", "--containerizers=mesos"]
        var daemons = [try await Daemon.start("swift-mesos-agent", arguments: arguments)]
        do {
            try await waitUntil { readFile(workDir + "/meta/agent_id").contains(agentID.value) }
            let framework = FrameworkInfo(user: "root", name: "exec", id: FrameworkID("exec-framework"))
            let executor = ExecutorInfo(executorID: ExecutorID("resilient-executor"), frameworkID: FrameworkID("exec-framework"),
                                        command: .shell("sh \(script)"))
            let task = TaskInfo(name: "survivor", taskID: TaskID("survivor"), agentID: agentID,
                                resources: Array(try Resources.parse("cpus:0.1;mem:32")), executor: executor)
            master.push(.runTask(.init(frameworkInfo: framework, task: task)))
            #expect(await master.wait { _ in master.states(of: "survivor") == [.running] })

            // The agent crashes and restarts (same port): the executor re-subscribes and retries its calls.
            await daemons[0].process.kill9()
            master.closeStream()
            let port = daemons[0].port
            daemons.append(try await Daemon.start("swift-mesos-agent", arguments: arguments, port: port))
            #expect(await master.wait { $0.subscribes.count >= 2 })
            #expect(master.snapshot.subscribes.last?.tasks.map(\.taskID.value) == ["survivor"])
            let sandbox = try #require(try FileManager.default.subpathsOfDirectory(atPath: workDir + "/slaves")
                .first { $0.hasSuffix("/stdout") && $0.contains("resilient-executor") }
                .map { workDir + "/slaves/" + ($0 as NSString).deletingLastPathComponent })
            _ = FileManager.default.createFile(atPath: sandbox + "/finish", contents: Data())
            #expect(await master.wait { _ in master.states(of: "survivor") == [.running, .finished] })
            #expect(await master.wait { $0.executorExits.contains { $0.executorID.value == "resilient-executor" } })
        } catch {
            for daemon in daemons { print("---- \(daemon.name) ----\n\(daemon.logTail())") }
            throw error
        }
        for daemon in daemons { await daemon.stop() }
        master.stop()
        try? FileManager.default.removeItem(atPath: workDir)
    }
}
