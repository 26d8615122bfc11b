import Foundation
import MesosHTTPClient
import MesosModel
import MesosTestKit
import Testing

/// The lifecycle with the real `swift-mesos-agent` (process containerizer).
@Suite("Lifecycle with the real agent", .timeLimit(.minutes(2)))
struct RealAgentTests {
    @Test func commandTaskRunsToCompletion() async throws {
        try await withMaster { master, client in
            try await withDaemon(
                "swift-mesos-agent",
                arguments: [
                    "--master=127.0.0.1:\(master.port)", "--work_dir={dir}/agent", "--ip=127.0.0.1", "--port={port}",
                    "--resources=cpus:2;mem:1024;disk:1000;ports:[31000-31010]", "--containerizers=mesos",
                ]
            ) { _ in
                let scheduler = try await TestScheduler.subscribe(client, master)
                let offer = try await scheduler.offer(timeout: .seconds(30))
                var task = commandTask("echo", on: offer.agentID, resources: smallTask)
                task.command = CommandInfo(shell: true, value: "echo hello; sleep 0.2")
                #expect(try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id], operations: [.launch([task])])).status == 202)
                var states: [TaskState] = []
                while states.last?.isTerminal != true {
                    let status = try await scheduler.update(of: "echo", timeout: .seconds(30))
                    states.append(status.state)
                    if let ack = Scheduler.Call.acknowledge(frameworkID: scheduler.frameworkID, status: status) {
                        #expect(try await scheduler.call(ack).status == 202)
                    }
                }
                #expect(states.contains(.running))
                #expect(states.last == .finished)
                let completed = try await eventually(timeout: .seconds(15)) {
                    let state = try await getJSON(client, master, "/master/state")
                    let framework = (state["frameworks"] as? [[String: Any]])?.first
                    return (framework?["completed_tasks"] as? [[String: Any]])?.first?["state"] as? String == "TASK_FINISHED"
                }
                #expect(completed)
            }
        }
    }
}
