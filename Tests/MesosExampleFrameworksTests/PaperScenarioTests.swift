import Foundation
import Logging
import MesosExampleFrameworks
import MesosTestKit
import Subprocess
import Testing

/// The DRF paper's example with real daemons: one agent of <9 CPUs, 18 GB>, framework A with tasks
/// of <1 CPU, 4 GB> and B with <3 CPUs, 1 GB> (long tasks) end with 3 and 2 running tasks.
@Suite("swift-mesos-drf-demo: the DRF paper scenario", .serialized, .timeLimit(.minutes(4)))
struct PaperScenarioTests {
    @Test func declaredDemandGivesThreeAndTwo() async throws {
        try await runScenario(extraArguments: ["--request-resources"])
    }

    @Test func progressiveFillingOneTaskPerOfferGivesThreeAndTwo() async throws {
        try await runScenario(extraArguments: ["--tasks-per-offer=1"])
    }

    /// Starts a master, both frameworks (as `swift-mesos-drf-demo` processes), then the agent; waits
    /// until A runs 3 tasks and B 2 and this holds; tears the frameworks down with SIGTERM and checks
    /// that their tasks ended.
    func runScenario(extraArguments: [String]) async throws {
        let logger = Logger(label: "test.paper")
        let master = try await Daemon.start("swift-mesos-master", arguments: [
            "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
            "--allocation_interval=200ms", "--heartbeat_interval=1secs",
        ])
        let reader = try MasterStateReader(master: master.address, logger: logger)
        var demos: [ChildProcess] = []
        var agent: Daemon?
        func cleanUp() async {
            for demo in demos { _ = await demo.stop(grace: .seconds(20)) }
            if let agent {
                await agent.process.stop()
                await agent.stop()
            }
            await reader.shutdown()
            await master.stop()
        }
        do {
            for (name, cpus, memory) in [("A", 1, 4096), ("B", 3, 1024)] {
                let demo = try await ChildProcess.launch(
                    name: "drf-demo-\(name)",
                    executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-drf-demo").path,
                    arguments: ["--master=\(master.address)", "--framework-name=\(name)", "--task-cpus=\(cpus)",
                                "--task-memory=\(memory)", "--task-duration=600secs", "--report-interval=1"]
                        + extraArguments,
                    logFile: master.directory.appendingPathComponent("drf-demo-\(name).log"))
                demos.append(demo)
            }
            // Both frameworks are known before any resources are: neither gets a head start.
            try await poll("both frameworks registered") {
                try await reader.snapshot().frameworks.count == 2
            }
            agent = try await Daemon.start("swift-mesos-agent", arguments: [
                "--master=\(master.address)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                "--work_dir={dir}", "--resources=cpus:9;mem:18432", "--containerizers=mesos",
            ])
            try await poll("A runs 3 tasks and B 2") {
                let snapshot = try await reader.snapshot()
                return snapshot.framework(named: "A")?.runningTasks == 3 && snapshot.framework(named: "B")?.runningTasks == 2
            }
            // Stable: a few more looks at the state see the same numbers (the tasks run 600 s).
            for _ in 0..<5 {
                try await Task.sleep(for: .milliseconds(500))
                let snapshot = try await reader.snapshot()
                #expect(snapshot.framework(named: "A")?.runningTasks == 3)
                #expect(snapshot.framework(named: "B")?.runningTasks == 2)
                #expect(snapshot.framework(named: "A")?.cpus == 3)
                #expect(snapshot.framework(named: "B")?.cpus == 6)
            }
            // The frameworks print their running task count and dominant share.
            try await poll("A reports its share") {
                demos[0].logTail(lines: 200).contains("A: 3 running task(s), dominant share 0.667")
            }
            // SIGTERM tears the frameworks down: they leave the master, and their tasks end.
            for demo in demos { demo.signal(SIGTERM) }
            for demo in demos {
                let status = try await demo.waitForExit()
                #expect(status == .exited(0), "\(demo.name) ended with \(status)")
            }
            try await poll("the frameworks are gone with their tasks") {
                try await reader.snapshot().frameworks.isEmpty
            }
        } catch {
            print("---- master ----\n\(master.logTail())")
            for demo in demos { print("---- \(demo.name) ----\n\(demo.logTail())") }
            if let agent { print("---- agent ----\n\(agent.logTail())") }
            await cleanUp()
            throw error
        }
        await cleanUp()
    }
}

/// Polls `condition` (errors count as false) until it holds, failing after `limit`.
func poll(_ what: String, within limit: Duration = .seconds(90), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if (try? await condition()) == true { return }
        try await Task.sleep(for: .milliseconds(200))
    }
    throw TestKitError("timed out waiting until \(what)")
}
