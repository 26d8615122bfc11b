import ArgumentParser
import Foundation
import Logging
import MesosResources

/// `swift-mesos-bench growth`: how the master's cost grows with the cluster. The master's core
/// (`scale-core`, each size in a fresh child process so that its peak RSS is its own) at 1,000,
/// 10,000 and 50,000 agents with two tasks per agent: memory and allocation rounds; and the
/// control-plane throughput (`load` against a fresh master) at 1,000 and 10,000 agents at one
/// target rate: tasks per second, master CPU per task and master RSS. Says whether each figure
/// grows linearly: the cost of one more agent between the two largest sizes against the same
/// between the two smallest.
struct GrowthBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "growth",
        abstract: "Memory, allocation rounds and throughput at 1k, 10k and 50k agents: is the growth linear?")

    @Option(help: "Agents of the in-process core measurement (repeatable).") var coreAgents: [Int] = [1000, 10_000, 50_000]
    @Option(help: "Tasks per agent in the core measurement.") var tasksPerAgent = 2
    @Option(help: "Agents of the throughput measurement over HTTP (repeatable; at most 19000 here).")
    var loadAgents: [Int] = [1000, 10_000]
    @Option(help: "Target rate of the throughput measurement, tasks per second.") var loadRate = 500.0
    @Option(help: "Seconds measured per throughput size.") var loadDuration = 15.0
    @Option(help: "Write the results as JSON to this file.") var output: String?

    func validate() throws {
        guard !coreAgents.isEmpty, coreAgents.allSatisfy({ (1...1_000_000).contains($0) }) else {
            throw ValidationError("--core-agents must be between 1 and 1000000")
        }
        guard (0...100).contains(tasksPerAgent) else { throw ValidationError("--tasks-per-agent must be between 0 and 100") }
        guard loadAgents.allSatisfy({ (1...19_000).contains($0) }) else {
            throw ValidationError("--load-agents must be between 1 and 19000 (one connection each; this sandbox allows 20000 open files per process)")
        }
        guard loadRate > 0, loadRate.isFinite else { throw ValidationError("--load-rate must be a positive number") }
        guard loadDuration > 0, loadDuration.isFinite else { throw ValidationError("--load-duration must be positive") }
    }

    struct Report: Codable {
        var benchmark = "growth"
        var machine: MachineInfo
        var configuration: Configuration
        var results: Results
        var goals: [BenchmarkGoal] = []

        struct Configuration: Codable {
            var coreAgents: [Int]
            var tasksPerAgent: Int
            var loadAgents: [Int]
            var loadRate, loadDurationSeconds: Double
        }

        struct Results: Codable {
            var core: [CoreRow]
            var load: [LoadRow]
            /// One sentence per figure: linear or not, with the per-agent costs it compared.
            var conclusions: [String]
        }

        struct CoreRow: Codable {
            var agents, tasks: Int
            var peakRSSMiB: Double
            var allocationRoundMs: Double
        }

        struct LoadRow: Codable {
            var agents: Int
            var tasksRunningPerSecond: Double
            var p99LaunchMs: Double
            var masterCPUMsPerTask: Double
            var masterPeakRSSMiB: Double
        }
    }

    func run() async throws {
        var core: [Report.CoreRow] = []
        for agents in coreAgents.sorted() {
            let row = try coreRow(agents: agents)
            print(String(format: "growth: core %6d agents: %.0f MiB peak, allocation round %.1f ms", agents, row.peakRSSMiB, row.allocationRoundMs))
            core.append(row)
        }
        var load: [Report.LoadRow] = []
        for agents in loadAgents.sorted() {
            let row = try await loadRow(agents: agents)
            print(String(format: "growth: load %6d agents: %.0f tasks/s, p99 %.1f ms, master %.3f ms CPU per task, %.0f MiB",
                         agents, row.tasksRunningPerSecond, row.p99LaunchMs, row.masterCPUMsPerTask, row.masterPeakRSSMiB))
            load.append(row)
        }
        var conclusions: [String] = []
        let sizes = core.map { Double($0.agents) }
        if let memory = Self.linearity(sizes: sizes, values: core.map(\.peakRSSMiB), what: "core memory", unit: "KiB", scale: 1024) {
            conclusions.append(memory)
        }
        if let rounds = Self.linearity(sizes: sizes, values: core.map(\.allocationRoundMs), what: "allocation round", unit: "µs", scale: 1000) {
            conclusions.append(rounds)
        }
        if let first = load.first, let last = load.last, load.count > 1 {
            let verdict = last.masterCPUMsPerTask <= first.masterCPUMsPerTask * 1.3
                ? "does not grow with the number of agents" : "grows with the number of agents"
            conclusions.append(
                "throughput at \(last.agents) agents: \(Self.f(last.tasksRunningPerSecond)) tasks/s and \(Self.f(last.masterCPUMsPerTask, 3)) ms "
                    + "of master CPU per task against \(Self.f(first.tasksRunningPerSecond)) and \(Self.f(first.masterCPUMsPerTask, 3)) "
                    + "at \(first.agents) agents (same target rate \(Self.f(loadRate))/s): the per-task cost \(verdict)")
        }
        let report = Report(
            machine: .current(),
            configuration: .init(coreAgents: coreAgents.sorted(), tasksPerAgent: tasksPerAgent, loadAgents: loadAgents.sorted(),
                                 loadRate: loadRate, loadDurationSeconds: loadDuration),
            results: .init(core: core, load: load, conclusions: conclusions))
        print("\nGrowth\n" + conclusions.map { "  " + $0 }.joined(separator: "\n"))
        if let output { try writeJSON(report, to: output) }
    }

    /// `scale-core` at one size, in a child process of this executable.
    func coreRow(agents: Int) throws -> Report.CoreRow {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("growth-core-\(agents)-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = [
            "scale-core", "--agents", "\(agents)", "--tasks", "\(agents * tasksPerAgent)", "--rounds", "3", "--output", file.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError("scale-core --agents \(agents) failed (status \(process.terminationStatus))") }
        let report = try JSONDecoder().decode(ScaleCoreBenchmark.Report.self, from: Data(contentsOf: file))
        return .init(agents: agents, tasks: report.results.tasksRunning, peakRSSMiB: report.results.peakRSSMiB,
                     allocationRoundMs: report.results.allocationRound.medianMs)
    }

    /// `load` at one size against a fresh master.
    func loadRow(agents: Int) async throws -> Report.LoadRow {
        let load = try LoadBenchmark.parse([
            "--agents", "\(agents)", "--rate", "\(loadRate)", "--duration", "\(loadDuration)", "--warmup", "3",
        ])
        var logger = Logger(label: "bench.growth")
        logger.logLevel = .error
        let resources = Array(try Resources.parse(load.agentResources))
        let report = try await withBenchmarkMaster(flags: []) { master in
            try await load.measure(master: master, resources: resources, logger: logger)
        }
        let r = report.results
        let tasks = r.tasksRunningPerSecond * loadDuration
        return .init(agents: agents, tasksRunningPerSecond: r.tasksRunningPerSecond, p99LaunchMs: r.launchLatency.p99Ms,
                     masterCPUMsPerTask: tasks > 0 ? r.masterCPUSeconds * 1000 / tasks : 0, masterPeakRSSMiB: r.masterPeakRSSMiB)
    }

    static func f(_ value: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", value) }

    /// "linear" when one more agent costs about as much between the two largest sizes as between
    /// the two smallest (within 30 %), with both per-agent costs in `unit` (`scale` per unit).
    static func linearity(sizes: [Double], values: [Double], what: String, unit: String, scale: Double) -> String? {
        guard sizes.count >= 3, values.count == sizes.count else { return nil }
        let n = sizes.count
        let small = (values[1] - values[0]) / (sizes[1] - sizes[0]) * scale
        let large = (values[n - 1] - values[n - 2]) / (sizes[n - 1] - sizes[n - 2]) * scale
        let ratio = small > 0 ? large / small : .infinity
        let verdict = ratio <= 1.3 ? (ratio < 0.7 ? "sub-linear" : "linear") : "faster than linear"
        return "\(what): \(verdict) (\(f(small, 1)) \(unit) per agent from \(Int(sizes[0])) to \(Int(sizes[1])) agents, "
            + "\(f(large, 1)) \(unit) per agent from \(Int(sizes[n - 2])) to \(Int(sizes[n - 1])))"
    }
}
