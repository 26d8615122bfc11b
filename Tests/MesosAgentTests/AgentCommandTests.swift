import Foundation
import MesosAgent
import MesosModel
import MesosTestKit
import Subprocess
import Testing

@Suite("swift-mesos-agent command line", .timeLimit(.minutes(2)))
struct AgentCommandTests {
    func runAgent(_ arguments: [String]) async throws -> (status: TerminationStatus, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("agent-flags-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let process = try await ChildProcess.launch(
            name: "agent-flags", executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-agent").path,
            arguments: arguments, logFile: log)
        let status = try await process.waitForExit()
        return (status, readFile(log.path))
    }

    @Test func badFlagsExitWithCodeOneAndSayWhatIsWrong() async throws {
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-flags-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workDir) }
        let missing = try await runAgent(["--master=127.0.0.1:5050"])
        #expect(missing.status == .exited(1))
        #expect(missing.output.contains("--work_dir"))
        let recover = try await runAgent(["--master=127.0.0.1:5050", "--work_dir=\(workDir)", "--recover=bogus"])
        #expect(recover.status == .exited(1))
        #expect(recover.output.contains("--recover=bogus"))
        let master = try await runAgent(["--master=nohost", "--work-dir=\(workDir)"])
        #expect(master.status == .exited(1))
        #expect(master.output.contains("--master=nohost"))
        let containerizers = try await runAgent(["--master=127.0.0.1:5050", "--work_dir=\(workDir)", "--containerizers=lxc"])
        #expect(containerizers.status == .exited(1))
        #expect(containerizers.output.contains("lxc"))
        // --logging_level, as Mesos agents take it (a compose file's MESOS_LOGGING_LEVEL too).
        let level = try await runAgent(["--master=127.0.0.1:5050", "--work_dir=\(workDir)", "--logging_level=LOUD"])
        #expect(level.status == .exited(1))
        #expect(level.output.contains("--logging_level"))
        #expect(level.output.contains("LOUD"))
        for flag in ["--ip=not-an-ip", "--advertise_ip=zzz", "--image_pull_timeout=0secs", "--executor_registration_timeout=0secs",
                     "--sandbox_log_max_size=0B"] {
            let refused = try await runAgent(["--master=127.0.0.1:5050", "--work_dir=\(workDir)", flag])
            #expect(refused.status == .exited(1), "\(flag)")
            #expect(refused.output.contains(String(flag.prefix { $0 != "=" })), "\(flag): \(refused.output)")
        }
    }

    @Test func sigusr1UnsubscribesKillsTheTasksAndExits() async throws {
        let agentID = AgentID("usr1-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let master = try await FakeMaster.start(agentID: agentID)
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("agent-usr1-\(UUID().uuidString)").path
        let daemon = try await Daemon.start("swift-mesos-agent", arguments: [
            "--port={port}", "--ip=127.0.0.1", "--master=\(master.address)", "--work_dir=\(workDir)",
            "--containerizers=mesos", "--docker_stop_timeout=1secs", "--logging_level=info",
        ])
        #expect(await master.wait { !$0.subscribes.isEmpty })
        try await waitUntil { readFile(workDir + "/meta/agent_id").contains(agentID.value) }
        master.push(.runTask(.init(
            frameworkInfo: FrameworkInfo(user: "root", name: "usr1", id: FrameworkID("usr1-framework")),
            task: TaskInfo(name: "usr1-task", taskID: TaskID("usr1-task"), agentID: agentID,
                           command: .shell("sleep 600")))))
        #expect(await master.wait { _ in master.states(of: "usr1-task") == [.running] })
        daemon.process.signal(SIGUSR1)
        let status = try await daemon.process.waitForExit()
        #expect(status == .exited(0))
        #expect(master.snapshot.unsubscribes == 1)
        #expect(master.states(of: "usr1-task").last == .killed)
        await daemon.stop()
        master.stop()
        try? FileManager.default.removeItem(atPath: workDir)
    }
}
