import ArgumentParser
import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import MesosResources
import MesosTestKit

/// `swift-mesos-bench load`: control-plane throughput. A real `swift-mesos-master` (release build,
/// a child process) with N simulated agents (real agent protocol, many per process) and M frameworks
/// (real scheduler API through the SDK) launching tiny tasks at a target rate; every task reports
/// TASK_RUNNING then TASK_FINISHED through the real status update path with acknowledgements.
struct LoadBenchmark: AsyncParsableCommand, MasterBenchmark {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Tasks per second through a real master with simulated agents and frameworks.")

    @Option(help: "Simulated agents.") var agents = 1000
    @Option(help: "Frameworks.") var frameworks = 10
    @Option(help: "Target launch rate, tasks per second (all frameworks together).") var rate = 5000.0
    @Option(help: "Seconds measured (after the warm-up).") var duration = 60.0
    @Option(help: "Seconds of warm-up before measuring.") var warmup = 5.0
    @Option(help: "How long each task runs before TASK_FINISHED, seconds.") var taskRunTime = 1.0
    @Option(help: "Each agent's resources.") var agentResources = "cpus:64;mem:65536"
    @Option(help: "HTTP clients (curl threads) the agents share (default: one per 100 agents; a curl multi handle slows down with many transfers).")
    var agentClients: Int?
    @Option(help: "Also measure at this rate first, for --sweep-duration seconds with a fresh master (repeatable).")
    var sweep: [Double] = []
    @Option(help: "Seconds measured per --sweep rate.") var sweepDuration = 15.0
    @Option(help: "Tasks launched but not yet RUNNING at most, per framework (0: no bound, an open loop that an overloaded master cannot keep up with).")
    var maxOutstanding = 200
    @Option(help: "Extra flag for the master (repeatable), e.g. --master-flag=--allocation_interval=100ms.")
    var masterFlag: [String] = []
    @Flag(help: "The simulated agents speak HTTP/2 with prior knowledge, 40 to a connection (the frameworks' SDK speaks HTTP/1.1).")
    var http2 = false
    @Option(help: "Write the results as JSON to this file.") var output: String?

    func validate() throws {
        guard agents >= 1, agents <= 19_000 else {
            throw ValidationError("--agents must be between 1 and 19000 (one connection each; this sandbox allows 20000 open files per process)")
        }
        guard frameworks >= 1, frameworks <= 1000 else { throw ValidationError("--frameworks must be between 1 and 1000") }
        guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be a positive number") }
        guard duration > 0, duration.isFinite, warmup >= 0, warmup.isFinite else {
            throw ValidationError("--duration must be positive and --warmup not negative")
        }
        guard taskRunTime >= 0, taskRunTime.isFinite else { throw ValidationError("--task-run-time must not be negative") }
        if let agentClients, !(1...64).contains(agentClients) { throw ValidationError("--agent-clients must be between 1 and 64") }
        guard sweep.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw ValidationError("--sweep rates must be positive numbers") }
        guard maxOutstanding >= 0 else { throw ValidationError("--max-outstanding must not be negative") }
        guard sweepDuration > 0, sweepDuration.isFinite else { throw ValidationError("--sweep-duration must be positive") }
        do { _ = try Resources.parse(agentResources) } catch { throw ValidationError("--agent-resources: \(error)") }
    }

    struct Report: Codable {
        var benchmark = "load"
        var machine: MachineInfo
        var configuration: Configuration
        var results: Results
        var goals: [BenchmarkGoal]
        /// The same measurement at lower target rates (each with a fresh master).
        var sweep: [SweepPoint]
        /// The highest swept or target rate sustained (≥ 95 % of it running) with p99 ACCEPT → RUNNING ≤ 100 ms.
        var highestRateWithinLatencyGoal: Double?

        struct SweepPoint: Codable {
            var targetRate: Double
            var tasksRunningPerSecond: Double
            var launchLatency: LatencyPercentiles
            var masterCPUUtilization: Double
        }

        struct Configuration: Codable {
            var agents, frameworks: Int
            var targetRate, durationSeconds, taskRunTimeSeconds: Double
            var masterFlags: [String]
            var maxOutstandingPerFramework: Int
            var agentHTTPVersion: String?
        }

        struct Results: Codable {
            var tasksRunningPerSecond: Double
            var tasksLaunchedPerSecond: Double
            var statusUpdatesPerSecond: Double
            var launchLatency: LatencyPercentiles
            var updateLatency: LatencyPercentiles
            var tasksEnded: Int
            var masterCPUSeconds: Double
            var masterCPUUtilization: Double
            var masterPeakRSSMiB: Double
            var generatorPeakRSSMiB: Double
            var agentRegistrationSeconds: Double
            var errors: Int
            var firstErrors: [String]
        }
    }

    func run() async throws {
        var logger = Logger(label: "bench.load")
        logger.logLevel = .error
        let resources = Array(try Resources.parse(agentResources))
        var points: [Report.SweepPoint] = []
        for target in sweep {
            let report = try await withBenchmarkMaster(flags: masterFlag) { master in
                try await measure(master: master, resources: resources, rate: target, duration: sweepDuration, logger: logger)
            }
            let r = report.results
            points.append(.init(targetRate: target, tasksRunningPerSecond: r.tasksRunningPerSecond, launchLatency: r.launchLatency,
                                masterCPUUtilization: r.masterCPUUtilization))
            print(String(format: "load sweep: target %.0f/s: %.0f tasks/s running, p99 ACCEPT->RUNNING %.1f ms",
                         target, r.tasksRunningPerSecond, r.launchLatency.p99Ms))
        }
        var report = try await withBenchmarkMaster(flags: masterFlag) { master in
            try await measure(master: master, resources: resources, logger: logger)
        }
        report.sweep = points
        let main = Report.SweepPoint(
            targetRate: rate, tasksRunningPerSecond: report.results.tasksRunningPerSecond,
            launchLatency: report.results.launchLatency, masterCPUUtilization: report.results.masterCPUUtilization)
        report.highestRateWithinLatencyGoal = (points + [main])
            .filter { $0.tasksRunningPerSecond >= 0.95 * $0.targetRate && $0.launchLatency.p99Ms <= 100 }
            .map(\.tasksRunningPerSecond).max()
        print(Self.table(report))
        if let output { try writeJSON(report, to: output) }
    }

    func measure(master: Daemon, resources: [Resource], logger: Logger) async throws -> Report {
        try await measure(master: master, resources: resources, rate: rate, duration: duration, logger: logger)
    }

    func measure(master: Daemon, resources: [Resource], rate: Double, duration: Double, logger: Logger) async throws -> Report {
        let counters = LoadCounters()
        let fleet = try await AgentFleet(
            count: agents, master: master.baseURL, resources: resources,
            runTime: .milliseconds(Int64(taskRunTime * 1000)), clients: agentClients ?? min(64, max(1, (agents + 99) / 100)),
            http2: http2, counters: counters, logger: logger)
        let registrationSeconds = try await fleet.subscribeAll()
        print("load: \(agents) agents registered in \(String(format: "%.1f", registrationSeconds)) s")

        let shape = LoadFramework.TaskShape(cpus: 0.01, memoryMB: 1)
        let schedulers = try (0..<frameworks).map {
            try LoadFramework(
                index: $0, master: master.baseURL, rate: rate / Double(frameworks),
                maximumOutstanding: maxOutstanding > 0 ? maxOutstanding : nil, task: shape, counters: counters, logger: logger)
        }
        let pool = FrameworkPool(schedulers)
        try await Task.sleep(for: .milliseconds(Int64(warmup * 1000)))
        let before = ProcessUsage.read(pid: master.process.pid)
        counters.setMeasuring(true)
        let start = ContinuousClock.now
        let end = start + .milliseconds(Int64(duration * 1000))
        while ContinuousClock.now < end {
            try await Task.sleep(for: .seconds(min(5, max(0.01, (end - ContinuousClock.now).milliseconds / 1000))))
            let now = counters.snapshot()
            let elapsed = (ContinuousClock.now - start).milliseconds / 1000
            print(String(format: "load: %5.1f s: %7.0f tasks/s running, p99 ACCEPT->RUNNING %.1f ms, errors %d",
                         elapsed, Double(now.running) / elapsed, now.launchLatency.p99Ms, now.errors))
        }
        counters.setMeasuring(false)
        let elapsed = (ContinuousClock.now - start).milliseconds / 1000
        let after = ProcessUsage.read(pid: master.process.pid)
        pool.stopLaunching()
        let result = counters.snapshot()
        await pool.shutdown()
        await fleet.close()

        let cpu = (after?.cpuSeconds ?? 0) - (before?.cpuSeconds ?? 0)
        let results = Report.Results(
            tasksRunningPerSecond: Double(result.running) / elapsed,
            tasksLaunchedPerSecond: Double(result.launched) / elapsed,
            statusUpdatesPerSecond: Double(result.updatesReceived) / elapsed,
            launchLatency: result.launchLatency, updateLatency: result.updateLatency, tasksEnded: result.tasksEnded,
            masterCPUSeconds: cpu, masterCPUUtilization: cpu / elapsed, masterPeakRSSMiB: after?.peakRSSMiB ?? 0,
            generatorPeakRSSMiB: peakResidentMiB() ?? 0, agentRegistrationSeconds: registrationSeconds,
            errors: result.errors, firstErrors: result.firstErrors)
        let goals: [BenchmarkGoal] = [
            .atLeast("tasks per second (ACCEPT -> TASK_RUNNING)", value: results.tasksRunningPerSecond, limit: 5000, unit: "tasks/s"),
            .atMost("p99 ACCEPT -> TASK_RUNNING", value: results.launchLatency.p99Ms, limit: 100, unit: "ms"),
        ]
        return Report(
            machine: .current(),
            configuration: .init(
                agents: agents, frameworks: frameworks, targetRate: rate, durationSeconds: duration,
                taskRunTimeSeconds: taskRunTime, masterFlags: masterFlag, maxOutstandingPerFramework: maxOutstanding,
                agentHTTPVersion: http2 ? "HTTP/2" : "HTTP/1.1"),
            results: results, goals: goals, sweep: [], highestRateWithinLatencyGoal: nil)
    }

    static func table(_ report: Report) -> String {
        let r = report.results
        let c = report.configuration
        return """

        Control-plane throughput: \(c.agents) simulated agents (\(c.agentHTTPVersion ?? "HTTP/1.1")), \(c.frameworks) frameworks, target \(Int(c.targetRate)) tasks/s, \(Int(c.durationSeconds)) s
          tasks RUNNING per second      \(String(format: "%.0f", r.tasksRunningPerSecond))   (launched \(String(format: "%.0f", r.tasksLaunchedPerSecond))/s)
          ACCEPT -> RUNNING             p50 \(String(format: "%.1f", r.launchLatency.p50Ms)) ms   p99 \(String(format: "%.1f", r.launchLatency.p99Ms)) ms   max \(String(format: "%.1f", r.launchLatency.maxMs)) ms
          status updates per second     \(String(format: "%.0f", r.statusUpdatesPerSecond))
          update agent -> framework     p50 \(String(format: "%.1f", r.updateLatency.p50Ms)) ms   p99 \(String(format: "%.1f", r.updateLatency.p99Ms)) ms   max \(String(format: "%.1f", r.updateLatency.maxMs)) ms
          master CPU                    \(String(format: "%.1f", r.masterCPUSeconds)) s (\(String(format: "%.0f", r.masterCPUUtilization * 100)) % of one core)
          master peak RSS               \(String(format: "%.0f", r.masterPeakRSSMiB)) MiB
          errors                        \(r.errors)\(r.firstErrors.isEmpty ? "" : "\n    " + r.firstErrors.joined(separator: "\n    "))
        """ + report.sweep.map {
            String(format: "\n  at target %6.0f/s: %6.0f tasks/s running, p50 %.1f ms, p99 %.1f ms ACCEPT -> RUNNING, master CPU %.0f %%",
                   $0.targetRate, $0.tasksRunningPerSecond, $0.launchLatency.p50Ms, $0.launchLatency.p99Ms, $0.masterCPUUtilization * 100)
        }.joined() + "\n  highest rate sustained with p99 <= 100 ms: "
            + (report.highestRateWithinLatencyGoal.map { String(format: "%.0f tasks/s", $0) } ?? "none of the rates measured")
            + "\n" + report.goals.map(\.line).joined(separator: "\n")
    }
}
