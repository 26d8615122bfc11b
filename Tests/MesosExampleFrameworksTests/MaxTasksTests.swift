import Foundation
import Logging
import MesosExampleFrameworks
import MesosTestKit
import Subprocess
import Testing

/// `--max-tasks` with `--docker-image` and a role: the framework runs exactly that many tasks in docker
/// containers, then tears itself down and exits 0.
@Suite("swift-mesos-drf-demo: max tasks in docker", .timeLimit(.minutes(4)))
struct MaxTasksTests {
    @Test func runsExactlyMaxTasksInDockerThenExits() async throws {
        let master = try await Daemon.start("swift-mesos-master", arguments: [
            "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
            "--allocation_interval=200ms", "--heartbeat_interval=1secs",
        ])
        var agent: Daemon?
        var demo: ChildProcess?
        func cleanUp() async {
            if let demo { _ = await demo.stop() }
            if let agent {
                await agent.process.stop()
                await DockerContainers.removeAll(ofAgentWorkDir: agent.directory)
                await agent.stop()
            }
            await master.stop()
        }
        do {
            agent = try await Daemon.start("swift-mesos-agent", arguments: [
                "--master=\(master.address)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                "--work_dir={dir}", "--resources=cpus:4;mem:2048", "--containerizers=docker,mesos",
            ])
            let process = try await ChildProcess.launch(
                name: "drf-demo-max",
                executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-drf-demo").path,
                arguments: ["--master=\(master.address)", "--framework-name=M", "--task-cpus=1", "--task-memory=64",
                            "--task-duration=1secs..3secs", "--max-tasks=5", "--tasks-per-offer=2", "--role=analytics",
                            "--docker-image=swift-mesos-test/busybox:latest"],
                logFile: master.directory.appendingPathComponent("drf-demo-max.log"))
            demo = process
            let status = try await process.waitForExit()
            let log = process.logTail(lines: 400)
            #expect(status == .exited(0), "\(log)")
            #expect(log.components(separatedBy: "is TASK_FINISHED").count - 1 == 5, "\(log)")
            #expect(!log.contains("M-6"), "\(log)")
            #expect(log.contains("all 5 tasks ended, stopping"))
            // The master saw five finished tasks run in docker containers, and the framework left.
            let client = try HTTPClientForTests()
            let state = try await client.state(master.baseURL)
            await client.shutdown()
            let completed = (state["completed_frameworks"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "M" }
            let tasks = completed?["completed_tasks"] as? [[String: Any]] ?? []
            #expect(tasks.count == 5)
            #expect(completed?["role"] as? String == "analytics")
            #expect(tasks.allSatisfy { $0["state"] as? String == "TASK_FINISHED" })
            #expect((state["frameworks"] as? [[String: Any]] ?? []).isEmpty)
        } catch {
            print("---- master ----\n\(master.logTail())")
            if let agent { print("---- agent ----\n\(agent.logTail())") }
            await cleanUp()
            throw error
        }
        await cleanUp()
    }
}
