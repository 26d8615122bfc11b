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
    @Option(help: "HTTP clients (curl threads) the agents share.") var agentClients = 2
    @Option(help: "Extra flag for the master (repeatable), e.g. --master-flag=--allocation_interval=100ms.")
    var masterFlag: [String] = []
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
        guard agentClients >= 1, agentClients <= 64 else { throw ValidationError("--agent-clients must be between 1 and 64") }
        do { _ = try Resources.parse(agentResources) } catch { throw ValidationError("--agent-resources: \(error)") }
    }

    struct Report: Codable {
        var benchmark = "load"
        var machine: MachineDescription
        var configuration: Configuration
        var results: Results
        var goals: [BenchmarkGoal]

        struct Configuration: Codable {
            var agents, frameworks: Int
            var targetRate, durationSeconds, taskRunTimeSeconds: Double
            var masterFlags: [String]
        }

        struct Results: Codable {
            var tasksRunningPerSecond: Double
            var tasksLaunchedPerSecond: Double
            var statusUpdatesPerSecond: Double
            var launchLatency: LatencySummary
            var updateLatency: LatencySummary
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
        try await runAgainstMaster(label: "bench.load")
    }

    func measure(master: Daemon, resources: [Resource], logger: Logger) async throws -> Report {
        let counters = LoadCounters()
        let fleet = try AgentFleet(
            count: agents, master: master.baseURL, resources: resources,
            runTime: .milliseconds(Int64(taskRunTime * 1000)), clients: agentClients, counters: counters, logger: logger)
        let registrationSeconds = try await fleet.subscribeAll()
        print("load: \(agents) agents registered in \(String(format: "%.1f", registrationSeconds)) s")

        let shape = LoadFramework.TaskShape(cpus: 0.01, memoryMB: 1)
        let schedulers = try (0..<frameworks).map {
            try LoadFramework(index: $0, master: master.baseURL, rate: rate / Double(frameworks), task: shape, counters: counters, logger: logger)
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
            .atLeast("tasks per second (ACCEPT -> TASK_RUNNING)", results.tasksRunningPerSecond, 5000, "tasks/s"),
            .atMost("p99 ACCEPT -> TASK_RUNNING", results.launchLatency.p99Ms, 100, "ms"),
        ]
        return Report(
            machine: .current(),
            configuration: .init(
                agents: agents, frameworks: frameworks, targetRate: rate, durationSeconds: duration,
                taskRunTimeSeconds: taskRunTime, masterFlags: masterFlag),
            results: results, goals: goals)
    }

    static func table(_ report: Report) -> String {
        let r = report.results
        let c = report.configuration
        return """

        Control-plane throughput: \(c.agents) simulated agents, \(c.frameworks) frameworks, target \(Int(c.targetRate)) tasks/s, \(Int(c.durationSeconds)) s
          tasks RUNNING per second      \(String(format: "%.0f", r.tasksRunningPerSecond))   (launched \(String(format: "%.0f", r.tasksLaunchedPerSecond))/s)
          ACCEPT -> RUNNING             p50 \(String(format: "%.1f", r.launchLatency.p50Ms)) ms   p99 \(String(format: "%.1f", r.launchLatency.p99Ms)) ms   max \(String(format: "%.1f", r.launchLatency.maxMs)) ms
          status updates per second     \(String(format: "%.0f", r.statusUpdatesPerSecond))
          update agent -> framework     p50 \(String(format: "%.1f", r.updateLatency.p50Ms)) ms   p99 \(String(format: "%.1f", r.updateLatency.p99Ms)) ms   max \(String(format: "%.1f", r.updateLatency.maxMs)) ms
          master CPU                    \(String(format: "%.1f", r.masterCPUSeconds)) s (\(String(format: "%.0f", r.masterCPUUtilization * 100)) % of one core)
          master peak RSS               \(String(format: "%.0f", r.masterPeakRSSMiB)) MiB
          errors                        \(r.errors)\(r.firstErrors.isEmpty ? "" : "\n    " + r.firstErrors.joined(separator: "\n    "))
        """ + "\n" + report.goals.map(\.line).joined(separator: "\n")
    }
}
