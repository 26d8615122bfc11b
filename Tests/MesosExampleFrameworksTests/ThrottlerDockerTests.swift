import Foundation
import Logging
import MesosExampleFrameworks
import MesosTestKit
import Subprocess
import Testing

/// `--docker-image`: each task is a busybox `wget` loop in a container (host network); the
/// Throttler reads each task's "Executed N queries in X sec" from its stdout in the sandbox.
@Suite("swift-mesos-throttler with docker tasks", .timeLimit(.minutes(4)))
struct ThrottlerDockerTests {
    @Test func runsItsBatchesInBusyboxContainersAndReadsTheirLines() async throws {
        let target = try await LocalQueryTarget.start(logger: Logger(label: "test.target"))
        let master = try await Daemon.start("swift-mesos-master", arguments: [
            "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
            "--allocation_interval=200ms", "--heartbeat_interval=1secs",
        ])
        var agent: Daemon?
        var throttler: ChildProcess?
        func cleanUp() async {
            if let throttler { _ = await throttler.stop() }
            if let agent {
                await agent.process.stop()
                await DockerContainers.removeAll(ofAgentWorkDir: agent.directory)
                await agent.stop()
            }
            await master.stop()
            await target.stop()
        }
        do {
            agent = try await Daemon.start("swift-mesos-agent", arguments: [
                "--master=\(master.address)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                "--work_dir={dir}", "--resources=cpus:4;mem:2048", "--containerizers=docker,mesos",
            ])
            let process = try await ChildProcess.launch(
                name: "throttler-docker",
                executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-throttler").path,
                arguments: ["--master=\(master.address)", "--target=\(target.url)", "--total-queries=20",
                            "--queries-per-task=5", "--parallelism=2", "--task-cpus=0.5", "--task-memory=64",
                            "--docker-image=swift-mesos-test/busybox:latest"],
                logFile: master.directory.appendingPathComponent("throttler-docker.log"))
            throttler = process
            let status = try await process.waitForExit()
            let log = process.logTail(lines: 400)
            #expect(status == .exited(0), "\(log)")
            let reported = log.components(separatedBy: "is TASK_FINISHED: Executed 5 queries in").count - 1
            #expect(reported == 4, "\(log)")
            if reported != 4, let agent {
                // What the sandboxes hold, and what the agent did, to tell where a line went missing.
                let root = agent.directory.appendingPathComponent("slaves").path
                for path in (FileManager.default.subpaths(atPath: root) ?? []) where path.hasSuffix("stdout") {
                    let text = (try? String(contentsOfFile: root + "/" + path, encoding: .utf8)) ?? "(unreadable)"
                    print("---- \(path) ----\n\(text)")
                }
                print("---- agent ----\n\(agent.logTail(lines: 200))")
            }
            #expect(log.contains("4 finished of 4 launched"), "\(log)")
            #expect(log.contains("task time      p50"), "\(log)")
            #expect(target.requestCount == 20)
        } catch {
            print("---- master ----\n\(master.logTail())")
            if let agent { print("---- agent ----\n\(agent.logTail())") }
            await cleanUp()
            throw error
        }
        await cleanUp()
    }
}
