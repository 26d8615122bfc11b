import Foundation
import MesosAgent
import MesosAgentCore
import MesosModel
import Testing

@Suite("Recovery after an agent restart", .timeLimit(.minutes(3)))
struct RecoveryTests {
    @Test func runningTasksAreAdoptedEndedOnesReportedOrphansStoppedAndUnacknowledgedUpdatesResent() async throws {
        let first = try await AgentHarness.start()
        var second: AgentHarness?
        do {
            first.recorder.neverAcknowledge("unacked")
            await first.run(try first.task("unacked", command: .shell("sleep 600")))
            #expect(await first.recorder.wait(for: "unacked", state: .running) != nil)
            await first.run(try first.task("dock-run", command: .shell("sleep 600"), container: .docker(AgentHarness.image)))
            await first.run(try first.task("dock-ends", command: .shell("sleep 2; exit 4"), container: .docker(AgentHarness.image)))
            await first.run(try first.task("proc-run", command: .shell("sleep 600")))
            for id in ["dock-run", "dock-ends", "proc-run"] {
                #expect(await first.recorder.wait(for: id, state: .running) != nil)
            }
            let unackedUUID = first.recorder.all.first { $0.taskID.value == "unacked" }?.uuid
            // The agent "crashes": nothing of the first runtime talks to the master any more.
            first.timer.cancel()
            first.recorder.setAcknowledging(false)
            await first.runtime.handle(.masterDisconnected)

            let orphanID = "orphan-\(UUID().uuidString.prefix(8).lowercased())"
            let orphanName = DockerRunPlan.containerName(agentID: first.agentID, containerID: ContainerID(value: orphanID))
            let orphan = try await first.docker.run([
                "run", "-d", "--name", orphanName, "--label", "\(DockerRunPlan.Label.agentID)=\(first.agentID.value)",
                "--label", "\(DockerRunPlan.Label.containerID)=\(orphanID)", AgentHarness.image, "sleep", "600"])
            #expect(orphan.succeeded)
            try await Task.sleep(for: .seconds(3))  // dock-ends ends while the agent is "down"

            let restarted = try await AgentHarness.start(workDirectory: first.workDirectory, agentID: first.agentID,
                                                         recover: .reconnect)
            second = restarted
            let tasks = await restarted.runtime.tasks.map(\.task.taskID.value)
            #expect(Set(tasks).isSuperset(of: ["unacked", "dock-run", "proc-run"]))
            // The unacknowledged RUNNING is resent with its original uuid.
            let resent = await restarted.recorder.wait(for: "unacked", state: .running, timeout: 30)
            #expect(resent?.uuid == unackedUUID)
            // The docker task that ended while the agent was down gets its terminal update.
            let ended = await restarted.recorder.waitForTerminal("dock-ends")
            #expect(ended?.state == .failed)
            #expect(ended?.message?.contains("exited with status 4") == true)
            // The orphan is gone.
            let listed = try await restarted.docker.run(["ps", "-a", "-q", "--filter", "name=\(orphanName)"])
            #expect(listed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            // Adopted tasks keep running and their later updates arrive.
            await restarted.kill("dock-run", grace: 1)
            await restarted.kill("proc-run", grace: 1)
            #expect(await restarted.recorder.waitForTerminal("dock-run")?.state == .killed)
            #expect(await restarted.recorder.waitForTerminal("proc-run")?.state == .killed)
            #expect(restarted.recorder.states(of: "dock-run") == [.killing, .killed])
        } catch {
            Issue.record(error)
        }
        await second?.cleanUp(keepWorkDirectory: true)
        await first.cleanUp()
    }

    @Test func cleanupModeStopsEverythingAndForgetsTheAgentID() async throws {
        let first = try await AgentHarness.start()
        await first.run(try first.task("dock-clean", command: .shell("sleep 600"), container: .docker(AgentHarness.image)))
        #expect(await first.recorder.wait(for: "dock-clean", state: .running) != nil)
        first.timer.cancel()
        // (The first runtime's watcher may still checkpoint the container's end: it stands for a dead agent.)
        let name = try #require(await first.containerName(of: "dock-clean"))
        let store = try CheckpointStore(workDirectory: first.workDirectory)
        let runtime = AgentRuntime(
            configuration: AgentConfiguration(workDirectory: first.workDirectory), store: store,
            docker: DockerContainerizer(docker: DockerCLI(), pullTimeout: 10, stopTimeout: 1, logger: .init(label: "t")),
            processes: ProcessContainerizer(logger: .init(label: "t")), sandboxLogMaximumSize: 1 << 20,
            logger: .init(label: "t"))
        let report = await runtime.recover(mode: .cleanup)
        #expect(report.orphans == [name])
        #expect(store.agentID() == nil)
        #expect(await runtime.tasks.isEmpty)
        let listed = try await first.docker.run(["ps", "-a", "-q", "--filter", "name=\(name)"])
        #expect(listed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        await first.cleanUp()
    }
}
