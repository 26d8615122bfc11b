import ArgumentParser
import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import MesosResources
import MesosTestKit

/// `swift-mesos-bench scale`: a real master with many simulated agents (real protocol, one
/// connection each) and many long-running tasks: registration time, the master's memory, its
/// allocation rounds (from `/metrics/snapshot`), and how fast `/master/state-summary` and a page
/// of `/master/tasks` answer.
struct ScaleBenchmark: AsyncParsableCommand, MasterBenchmark {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "A master with many simulated agents and tasks: memory, allocation rounds, endpoint latency.")

    @Option(help: "Simulated agents (over HTTP/1.1 one connection each: at most 19000 under this sandbox's open-file limit of 20000; with --http2 at most 100000).")
    var agents = 10_000
    @Flag(help: "The agents speak HTTP/2 with prior knowledge: their streams and calls share connections (100 streams each).")
    var http2 = false
    @Option(help: "Frameworks.") var frameworks = 10
    @Option(help: "Long-running tasks to launch in all.") var tasks = 100_000
    @Option(help: "Launch rate, tasks per second (all frameworks together).") var rate = 1000.0
    @Option(help: "Each agent's resources.") var agentResources = "cpus:64;mem:65536"
    @Option(help: "HTTP clients (curl threads) the agents share (default: one per 100 agents, at most 64).")
    var agentClients: Int?
    @Option(help: "Requests timed per endpoint.") var samples = 10
    @Option(help: "Extra flag for the master (repeatable).") var masterFlag: [String] = []
    @Option(help: "Write the results as JSON to this file.") var output: String?

    func validate() throws {
        if http2 {
            guard agents >= 1, agents <= 100_000 else { throw ValidationError("--agents must be between 1 and 100000") }
        } else {
            guard agents >= 1, agents <= 19_000 else {
                throw ValidationError("--agents must be between 1 and 19000 over HTTP/1.1 (one connection each; this sandbox allows 20000 open files per process); --http2 allows more")
            }
        }
        guard frameworks >= 1, frameworks <= 1000 else { throw ValidationError("--frameworks must be between 1 and 1000") }
        guard tasks >= 0, tasks <= 10_000_000 else { throw ValidationError("--tasks must be between 0 and 10000000") }
        if let agentClients, !(1...64).contains(agentClients) { throw ValidationError("--agent-clients must be between 1 and 64") }
        guard rate > 0, rate.isFinite else { throw ValidationError("--rate must be a positive number") }
        guard samples >= 1, samples <= 10_000 else { throw ValidationError("--samples must be between 1 and 10000") }
        do { _ = try Resources.parse(agentResources) } catch { throw ValidationError("--agent-resources: \(error)") }
    }

    struct Report: Codable {
        var benchmark = "scale"
        var machine: MachineInfo
        var configuration: Configuration
        var results: Results
        var goals: [BenchmarkGoal]

        struct Configuration: Codable {
            var agents, frameworks, tasks: Int
            var masterFlags: [String]
            /// "HTTP/1.1" or "HTTP/2" (the agents' protocol; absent in reports before it was an option).
            var agentHTTPVersion: String?
        }

        struct Results: Codable {
            var agentRegistrationSeconds: Double
            var agentsRegisteredPerSecond: Double
            var taskLaunchSeconds: Double
            var tasksRunning: Int
            var masterRSSMiB: Double
            var masterPeakRSSMiB: Double
            var allocationRunMs: [String: Double]
            var stateSummaryMs: Timings
            /// The master's CPU time per `/master/state-summary` (all its threads, over the samples).
            var stateSummaryMasterCPUMs: Double?
            var tasksPageMs: Timings
            var metricsSnapshotMs: Timings
            var errors: Int
            var firstErrors: [String]
        }
    }

    func run() async throws {
        try await runAgainstMaster(label: "bench.scale")
    }

    func measure(master: Daemon, resources: [Resource], logger: Logger) async throws -> Report {
        let counters = LoadCounters()
        let fleet = try await AgentFleet(
            count: agents, master: master.baseURL, resources: resources, runTime: nil, clients: agentClients ?? min(64, max(1, (agents + 99) / 100)),
            http2: http2, counters: counters, logger: logger)
        let registration = try await fleet.subscribeAll(concurrency: 200)
        print(String(format: "scale: %d agents registered in %.1f s", agents, registration))

        let perFramework = (tasks + frameworks - 1) / frameworks
        let shape = LoadFramework.TaskShape(cpus: 0.001, memoryMB: 0.1)
        var schedulers: [LoadFramework] = []
        for index in 0..<frameworks {
            let share = min(perFramework, tasks - index * perFramework)
            schedulers.append(try LoadFramework(
                index: index, master: master.baseURL, rate: rate / Double(frameworks), limit: max(0, share), task: shape, counters: counters, logger: logger))
        }
        let pool = FrameworkPool(schedulers)
        let launchStart = ContinuousClock.now
        var lastProgress = ContinuousClock.now
        var lastCount = -1
        while counters.totalRunning < tasks {
            try await Task.sleep(for: .seconds(1))
            let running = counters.totalRunning
            if running != lastCount {
                lastCount = running
                lastProgress = .now
            } else if ContinuousClock.now - lastProgress > .seconds(180) {
                throw BenchmarkError("no progress for 180 s at \(running) of \(tasks) tasks running (errors: \(counters.snapshot().firstErrors))")
            }
            if Int((ContinuousClock.now - launchStart).milliseconds / 1000) % 10 == 0 {
                print("scale: \(running) of \(tasks) tasks running")
            }
        }
        let launchSeconds = (ContinuousClock.now - launchStart).milliseconds / 1000
        print(String(format: "scale: %d tasks running after %.1f s", tasks, launchSeconds))
        // Let allocation rounds run over the full cluster (frameworks decline with 5 s filters).
        try await Task.sleep(for: .seconds(12))

        let http = try HTTPClient(configuration: HTTPClientConfiguration(maximumBodySize: 512 * 1024 * 1024), logger: logger)
        var lastBody: [UInt8] = []
        func time(_ path: String) async throws -> Double {
            let start = ContinuousClock.now
            let response = try await http.execute(HTTPRequest(url: master.baseURL + path, timeout: .seconds(120)))
            guard response.status == 200 else { throw BenchmarkError("GET \(path) answered \(response.status)") }
            let elapsed = (ContinuousClock.now - start).milliseconds
            lastBody = response.body
            return elapsed
        }
        var summary: [Double] = []
        var pages: [Double] = []
        var metrics: [Double] = []
        var random = SystemRandomNumberGenerator()
        // The master's CPU time over the summaries alone: what one costs the master, apart from the
        // wall time that the load generator's share of the 2 cores adds.
        let cpuBeforeSummaries = ProcessUsage.read(pid: master.process.pid)?.cpuSeconds
        for _ in 0..<samples { summary.append(try await time("/master/state-summary")) }
        let cpuAfterSummaries = ProcessUsage.read(pid: master.process.pid)?.cpuSeconds
        // A fast answer counts only if it is whole: the last one lists every agent and framework.
        let parsed = (try? JSONSerialization.jsonObject(with: Data(lastBody))) as? [String: Any]
        let listed = ((parsed?["slaves"] as? [Any])?.count, (parsed?["frameworks"] as? [Any])?.count)
        guard listed.0 == agents, listed.1 == frameworks else {
            throw BenchmarkError("/master/state-summary listed \(listed.0 ?? -1) agents and \(listed.1 ?? -1) frameworks, not \(agents) and \(frameworks)")
        }
        var summaryCPUMs: Double?
        if let before = cpuBeforeSummaries, let after = cpuAfterSummaries { summaryCPUMs = (after - before) * 1000 / Double(samples) }
        for _ in 0..<samples {
            pages.append(try await time("/master/tasks?limit=100&offset=\(Int.random(in: 0..<max(1, tasks), using: &random))"))
            metrics.append(try await time("/metrics/snapshot"))
        }
        let snapshot = try await http.execute(HTTPRequest(url: master.baseURL + "/metrics/snapshot"))
        let values = (try? JSONSerialization.jsonObject(with: Data(snapshot.body))) as? [String: Any] ?? [:]
        var allocation: [String: Double] = [:]
        for (key, value) in values where key.hasPrefix("allocator/mesos/allocation_run") {
            allocation[String(key.dropFirst("allocator/mesos/".count))] = (value as? Double) ?? (value as? Int).map(Double.init)
        }
        await http.shutdown()
        let usage = ProcessUsage.read(pid: master.process.pid)
        // Counted before the frameworks leave: their teardown kills every task, and the agents'
        // TASK_KILLED updates then fail against clients that are being shut down.
        let counts = counters.snapshot()
        await pool.shutdown()
        await fleet.close()

        let results = Report.Results(
            agentRegistrationSeconds: registration, agentsRegisteredPerSecond: Double(agents) / registration,
            taskLaunchSeconds: launchSeconds, tasksRunning: counters.totalRunning,
            masterRSSMiB: usage?.rssMiB ?? 0, masterPeakRSSMiB: usage?.peakRSSMiB ?? 0, allocationRunMs: allocation,
            stateSummaryMs: Timings(summary), stateSummaryMasterCPUMs: summaryCPUMs, tasksPageMs: Timings(pages), metricsSnapshotMs: Timings(metrics),
            errors: counts.errors, firstErrors: counts.firstErrors)
        let goals: [BenchmarkGoal] = [
            .atMost("master peak RSS", value: results.masterPeakRSSMiB, limit: 2048, unit: "MiB"),
            .atMost("allocation round (p99)", value: allocation["allocation_run_ms/p99"] ?? .infinity, limit: 250, unit: "ms"),
            .atMost("/master/state-summary (median)", value: results.stateSummaryMs.medianMs, limit: 1000, unit: "ms"),
            .atMost("/master/tasks page of 100 (median)", value: results.tasksPageMs.medianMs, limit: 50, unit: "ms"),
        ]
        return Report(
            machine: .current(),
            configuration: .init(agents: agents, frameworks: frameworks, tasks: tasks, masterFlags: masterFlag, agentHTTPVersion: http2 ? "HTTP/2" : "HTTP/1.1"),
            results: results, goals: goals)
    }

    static func table(_ report: Report) -> String {
        let r = report.results
        let c = report.configuration
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        return """

        Scale: \(c.agents) simulated agents (\(c.agentHTTPVersion ?? "HTTP/1.1")), \(c.frameworks) frameworks, \(r.tasksRunning) tasks running
          agents registered             \(f(r.agentRegistrationSeconds)) s (\(f(r.agentsRegisteredPerSecond))/s)
          tasks launched                \(f(r.taskLaunchSeconds)) s
          master RSS                    \(f(r.masterRSSMiB)) MiB (peak \(f(r.masterPeakRSSMiB)) MiB)
          allocation round              p50 \(f(r.allocationRunMs["allocation_run_ms/p50"] ?? 0)) ms   p99 \(f(r.allocationRunMs["allocation_run_ms/p99"] ?? 0)) ms   max \(f(r.allocationRunMs["allocation_run_ms/max"] ?? 0)) ms
          allocation round, CPU time    p50 \(f(r.allocationRunMs["allocation_run_cpu_ms/p50"] ?? 0)) ms   p99 \(f(r.allocationRunMs["allocation_run_cpu_ms/p99"] ?? 0)) ms   max \(f(r.allocationRunMs["allocation_run_cpu_ms/max"] ?? 0)) ms
          /master/state-summary         median \(f(r.stateSummaryMs.medianMs)) ms   max \(f(r.stateSummaryMs.maxMs)) ms   master CPU \(f(r.stateSummaryMasterCPUMs ?? 0)) ms each
          /master/tasks (100 per page)  median \(f(r.tasksPageMs.medianMs)) ms   max \(f(r.tasksPageMs.maxMs)) ms
          /metrics/snapshot             median \(f(r.metricsSnapshotMs.medianMs)) ms   max \(f(r.metricsSnapshotMs.maxMs)) ms
          errors                        \(r.errors)
        """ + "\n" + report.goals.map(\.line).joined(separator: "\n")
    }
}
