import ArgumentParser
import Foundation

/// `swift-mesos-bench allocator`: Mesos's allocator benchmarks (DeclineOffers and a full
/// allocation round) at several cluster sizes, for the DRF allocator and for the
/// straightforward full-sort reference, with the speedup.
struct AllocatorBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocator",
        abstract: "Time allocation rounds of the DRF allocator against the full-sort reference."
    )

    @Option(
        name: .customLong("size"),
        help: "Cluster sizes as AGENTSxFRAMEWORKS (repeatable). Default: 1000x100 5000x500 10000x1000 20000x2000 50000x1000.")
    var sizes: [ClusterSize] = []

    @Option(help: "Full allocation rounds to time per size.")
    var fullRounds = 5

    @Option(help: "DeclineOffers rounds to time per size (Mesos runs 2 x frameworks; filters grow each round).")
    var declineRounds = 10

    @Option(help: "Run the reference only up to this many agents (it is slow).")
    var referenceMaxAgents = 10_000

    @Option(help: "Full and DeclineOffers rounds for the reference.")
    var referenceRounds = 2

    @Option(help: "Seed of the agent shuffle.")
    var seed: UInt64 = 1

    @Option(help: "Write the results as JSON to this file.")
    var output: String?

    @Flag(help: "Run every scenario in this process (peak RSS then accumulates).")
    var inProcess = false

    struct Row: Codable {
        var agents: Int
        var frameworks: Int
        var swiftMesos: ScenarioResult
        var reference: ScenarioResult?
        /// Reference median / swift-mesos median.
        var fullRoundSpeedup: Double?
        var declineOffersSpeedup: Double?
    }

    struct Report: Codable {
        var benchmark = "allocator"
        var note: String
        var results: [Row]
    }

    func run() throws {
        let sizes = self.sizes.isEmpty ? ClusterSize.standard : self.sizes
        var rows: [Row] = []
        printHeader()
        for size in sizes {
            let optimized = try scenario(size, implementation: "swift-mesos", full: fullRounds, decline: declineRounds)
            var reference: ScenarioResult?
            if size.agents <= referenceMaxAgents {
                reference = try scenario(size, implementation: "reference", full: referenceRounds, decline: referenceRounds)
            }
            var row = Row(agents: size.agents, frameworks: size.frameworks, swiftMesos: optimized, reference: reference)
            if let reference {
                row.fullRoundSpeedup = reference.fullRound.medianMs / max(optimized.fullRound.medianMs, 1e-9)
                row.declineOffersSpeedup = reference.declineOffers.medianMs / max(optimized.declineOffers.medianMs, 1e-9)
            }
            printRow(row)
            rows.append(row)
        }
        let note = """
            Mesos's HierarchicalAllocator_BENCHMARK_Test.DeclineOffers cluster (agents cpus:24;mem:4096;disk:4096;\
            ports:[31000-32000], cpus:16;mem:2014;disk:1024 and 16 port ranges in use by framework i % F, role *). \
            fullRound: one round offering every agent (offers given back unfiltered between rounds). declineOffers: \
            every offer declined with refuse_seconds INT_MAX (365 days), \(declineRounds) rounds (reference: \
            \(referenceRounds)). Reference run up to \(referenceMaxAgents) agents. Peak RSS per process \
            (\(inProcess ? "cumulative, in-process" : "one process per size and implementation")).
            """
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(Report(note: note, results: rows)).write(to: URL(fileURLWithPath: output))
            print("\nWrote \(output)")
        }
    }

    private func scenario(_ size: ClusterSize, implementation: String, full: Int, decline: Int) throws -> ScenarioResult {
        if inProcess {
            let scenario = AllocatorScenario(
                cluster: BenchmarkCluster(agents: size.agents, frameworks: size.frameworks),
                fullRounds: full, declineRounds: decline, seed: seed)
            return implementation == "reference" ? try scenario.runReference() : try scenario.runOptimized()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        if !FileManager.default.fileExists(atPath: "/proc/self/exe") {
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        }
        process.arguments = [
            "allocator-scenario", "--size", size.description, "--implementation", implementation,
            "--full-rounds", String(full), "--decline-rounds", String(decline), "--seed", String(seed),
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("The \(implementation) scenario at \(size) failed with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(ScenarioResult.self, from: data)
    }

    private func printHeader() {
        print("Allocator benchmark (ms per round: median [min-max]; RSS = peak MiB)")
        print(
            pad("agents/fws", 12) + pad("full round", 24) + pad("decline offers", 24) + pad("RSS", 7)
                + pad("ref full round", 26) + pad("ref decline", 26) + pad("ref RSS", 8) + "speedup (full/decline)")
    }

    private func printRow(_ row: Row) {
        func cell(_ t: Timings) -> String {
            "\(format(t.medianMs)) [\(format(t.minMs))-\(format(t.maxMs))]"
        }
        var line = pad("\(row.agents)/\(row.frameworks)", 12)
        line += pad(cell(row.swiftMesos.fullRound), 24) + pad(cell(row.swiftMesos.declineOffers), 24)
        line += pad(row.swiftMesos.peakRSSMiB.map { format($0) } ?? "-", 7)
        if let reference = row.reference {
            line += pad(cell(reference.fullRound), 26) + pad(cell(reference.declineOffers), 26)
            line += pad(reference.peakRSSMiB.map { format($0) } ?? "-", 8)
            line += "\(format(row.fullRoundSpeedup ?? 0))x / \(format(row.declineOffersSpeedup ?? 0))x"
        } else {
            line += pad("(not run)", 26) + pad("", 26) + pad("", 8) + "-"
        }
        print(line)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func format(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }
}
