import Foundation
import Logging
import MesosExampleFrameworks
import MesosHTTPClient
import MesosTestKit
import Subprocess
import Synchronization
import Testing

/// The real `swift-mesos-throttler` against a real master and agent (process containerizer, the
/// worker as a custom executor) and a local HTTP target that counts requests.
@Suite("swift-mesos-throttler end to end", .timeLimit(.minutes(5)))
struct ThrottlerEndToEndTests {
    static let terminalStates: Set<String> = [
        "TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE",
        "TASK_GONE_BY_OPERATOR",
    ]

    /// A master and an agent with room for more tasks than the parallelism, and `body`'s cleanup.
    func withCluster(
        agentResources: String = "cpus:8;mem:4096",
        _ body: (_ master: Daemon, _ agent: Daemon) async throws -> Void
    ) async throws {
        let master = try await Daemon.start("swift-mesos-master", arguments: [
            "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
            "--allocation_interval=200ms", "--heartbeat_interval=1secs",
        ])
        var agent: Daemon?
        do {
            agent = try await Daemon.start("swift-mesos-agent", arguments: [
                "--master=\(master.address)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                "--work_dir={dir}", "--resources=\(agentResources)", "--containerizers=mesos",
            ])
            try await body(master, agent!)
        } catch {
            print("---- master ----\n\(master.logTail())")
            if let agent { print("---- agent ----\n\(agent.logTail())") }
            if let agent { await agent.stop() }
            await master.stop()
            throw error
        }
        if let agent { await agent.stop() }
        await master.stop()
    }

    func launchThrottler(_ name: String, master: Daemon, arguments: [String]) async throws -> ChildProcess {
        try await ChildProcess.launch(
            name: name, executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-throttler").path,
            arguments: ["--master=\(master.address)"] + arguments,
            logFile: master.directory.appendingPathComponent("\(name).log"))
    }

    /// Tasks of the framework named `name` in `state`, as the master sees them.
    static func tasks(in masterState: [String: Any], framework name: String, state: String) -> Int {
        let frameworks = masterState["frameworks"] as? [[String: Any]] ?? []
        return frameworks.filter { $0["name"] as? String == name }
            .flatMap { $0["tasks"] as? [[String: Any]] ?? [] }
            .filter { $0["state"] as? String == state }
            .count
    }

    /// Tasks of the framework named `name` that the master has not seen end.
    static func nonTerminalTasks(in state: [String: Any], framework name: String) -> Int {
        let frameworks = state["frameworks"] as? [[String: Any]] ?? []
        return frameworks.filter { $0["name"] as? String == name }
            .flatMap { $0["tasks"] as? [[String: Any]] ?? [] }
            .filter { !terminalStates.contains($0["state"] as? String ?? "") }
            .count
    }

    /// Eventually the agent lists no executor (so no task, live or waiting for an acknowledgement
    /// that a torn-down framework cannot send) and no worker process of `target` is left.
    static func expectAgentRunsNothing(_ agent: Daemon, target: LocalQueryTarget) async throws {
        let client = try HTTPClientForTests()
        var executors = -1
        var workers = -1
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let response = try? await client.client.execute(HTTPRequest(url: agent.baseURL + "/state", timeout: .seconds(10)))
            if let response, let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
                let frameworks = json["frameworks"] as? [[String: Any]] ?? []
                executors = frameworks.reduce(0) { $0 + ($1["executors"] as? [Any] ?? []).count }
            }
            workers = workerProcesses(of: target)
            if executors == 0, workers == 0 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        await client.shutdown()
        #expect(executors == 0, "the agent still lists \(executors) executor(s)")
        #expect(workers == 0, "\(workers) worker process(es) of \(target.url) are still alive")
    }

    /// Processes whose command line runs the worker against `target`.
    static func workerProcesses(of target: LocalQueryTarget) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let commandLine = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return commandLine.contains("run-queries") && commandLine.contains(target.url)
        }.count
    }

    @Test func hundredQueriesFivePerTaskParallelismFiveRunsExactlyTwentyTasksNeverMoreThanFiveAtOnce() async throws {
        // 20 ms per query: each task runs for a while, so the master's state shows tasks in flight.
        let target = try await LocalQueryTarget.start(delay: .milliseconds(20), logger: Logger(label: "test.target"))
        try await withCluster { master, _ in
            let throttler = try await launchThrottler("throttler-100", master: master, arguments: [
                "--target=\(target.url)", "--total-queries=100", "--queries-per-task=5", "--parallelism=5",
                "--task-cpus=1", "--task-memory=64",
            ])
            // Watch the master's view of the framework's tasks while it runs.
            let client = try HTTPClientForTests()
            var peak = 0
            var polls = 0
            while throttler.isRunning {
                if let state = try? await client.state(master.baseURL) {
                    peak = max(peak, Self.nonTerminalTasks(in: state, framework: "throttler"))
                    polls += 1
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let status = try await throttler.waitForExit()
            let log = throttler.logTail(lines: 600)
            #expect(status == .exited(0), "\(log)")
            #expect(peak <= 5, "the master saw \(peak) tasks at once")
            #expect(peak >= 1 && polls > 0, "the run was never observed")
            // The scheduler's own bookkeeping, from its report.
            #expect(log.contains("20 finished of 20 launched"), "\(log)")
            let atOnce = try #require(log.firstMatch(of: /at most (\d+) at once/).map { Int($0.1)! }, "\(log)")
            #expect(atOnce <= 5 && atOnce >= 1)
            #expect(log.contains("100 of 100 executed"))
            #expect(log.contains("result         OK"))
            #expect(log.components(separatedBy: "is TASK_FINISHED: Executed 5 queries in").count - 1 == 20, "\(log)")
            // The target saw every query exactly once.
            #expect(target.requestCount == 100)
            // The master: twenty finished tasks, the framework torn down.
            let state = try await client.state(master.baseURL)
            await client.shutdown()
            let completed = (state["completed_frameworks"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "throttler" }
            let tasks = completed?["completed_tasks"] as? [[String: Any]] ?? []
            #expect(tasks.count == 20)
            #expect(tasks.allSatisfy { $0["state"] as? String == "TASK_FINISHED" })
            #expect((state["frameworks"] as? [[String: Any]] ?? []).isEmpty)
        }
        await target.stop()
    }

    @Test func aFailingTargetEndsTheRunWithExitOneAfterMoreThanMaxErrors() async throws {
        let target = try await LocalQueryTarget.start(failing: true, logger: Logger(label: "test.target"))
        try await withCluster { master, agent in
            let throttler = try await launchThrottler("throttler-failing", master: master, arguments: [
                "--target=\(target.url)", "--total-queries=100", "--queries-per-task=5", "--parallelism=3",
                "--task-cpus=0.5", "--task-memory=64", "--max-errors=2",
            ])
            let status = try await throttler.waitForExit()
            let log = throttler.logTail(lines: 600)
            #expect(status == .exited(1), "\(log)")
            #expect(log.contains("more than 2 errors"), "\(log)")
            #expect(log.contains("FAILED: more than 2 errors"), "\(log)")
            #expect(log.contains("HTTP 500"), "\(log)")
            let failures = try #require(log.firstMatch(of: /failures +(\d+)/).map { Int($0.1)! }, "\(log)")
            #expect(failures >= 3)
            #expect(target.requestCount >= 3)
            // Torn down: the master has no framework and no task left; the agent runs nothing.
            let client = try HTTPClientForTests()
            let state = try await client.state(master.baseURL)
            #expect((state["frameworks"] as? [[String: Any]] ?? []).isEmpty)
            let completed = (state["completed_frameworks"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "throttler" }
            let tasks = completed?["completed_tasks"] as? [[String: Any]] ?? []
            #expect(!tasks.isEmpty)
            #expect(tasks.allSatisfy { Self.terminalStates.contains($0["state"] as? String ?? "") })
            await client.shutdown()
            try await Self.expectAgentRunsNothing(agent, target: target)
        }
        await target.stop()
    }

    @Test func sigintTearsTheFrameworkDownAndKillsItsTasks() async throws {
        let target = try await LocalQueryTarget.start(delay: .milliseconds(200), logger: Logger(label: "test.target"))
        try await withCluster { master, agent in
            let throttler = try await launchThrottler("throttler-sigint", master: master, arguments: [
                "--target=\(target.url)", "--total-queries=1000", "--queries-per-task=50", "--parallelism=3",
                "--task-cpus=0.5", "--task-memory=64",
            ])
            let client = try HTTPClientForTests()
            // Wait until all three tasks run (their workers report TASK_RUNNING, then query slowly).
            var running = 0
            let deadline = ContinuousClock.now + .seconds(60)
            while running < 3, ContinuousClock.now < deadline, throttler.isRunning {
                if let state = try? await client.state(master.baseURL) {
                    running = Self.tasks(in: state, framework: "throttler", state: "TASK_RUNNING")
                }
                if running < 3 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(running == 3)
            #expect(Self.workerProcesses(of: target) >= 1)  // so the check after the teardown means something
            throttler.signal(SIGINT)
            let status = try await throttler.waitForExit()
            let log = throttler.logTail(lines: 400)
            #expect(status == .exited(1), "\(log)")
            #expect(log.contains("SIGINT, tearing down"), "\(log)")
            #expect(log.contains("result         ABORTED"), "\(log)")
            // The master removed the framework and its tasks; the agent ends its executors.
            let state = try await client.state(master.baseURL)
            #expect((state["frameworks"] as? [[String: Any]] ?? []).isEmpty)
            await client.shutdown()
            try await Self.expectAgentRunsNothing(agent, target: target)
            #expect(target.requestCount < 1000)
        }
        await target.stop()
    }

    @Test(arguments: [
        (["--target=not a url"], "--target"),
        (["--target=ftp://127.0.0.1/x"], "--target"),
        (["--target=http://127.0.0.1:1/q", "--parallelism=0"], "--parallelism"),
        (["--target=http://127.0.0.1:1/q", "--total-queries=-3"], "--total-queries"),
        (["--target=http://127.0.0.1:1/q", "--queries-per-task=0"], "--queries-per-task"),
        (["--target=http://127.0.0.1:1/q", "--task-cpus=0"], "--task-cpus"),
        (["--target=http://127.0.0.1:1/q", "--task-memory=abc"], "--task-memory"),
        (["--target=http://127.0.0.1:1/q", "--max-errors=-1"], "--max-errors"),
        ([String](), "--target"),
    ])
    func badFlagsAreRefusedWithAOneLineErrorNamingTheFlag(arguments: [String], flag: String) async throws {
        try await ExampleCommandFlagsTests.expectRefused("swift-mesos-throttler", arguments: ["--master=127.0.0.1:1"] + arguments, naming: flag)
    }
}
