import Foundation
import Testing

@testable import MesosBenchmarks

/// The generated section of Docs/performance.md.
@Suite("Performance report")
struct PerformanceReportTests {
    @Test func splicingReplacesOnlyTheGeneratedSection() {
        let document = """
            # Performance

            Hand-written analysis.

            \(PerformanceReport.beginMarker)
            old figures
            \(PerformanceReport.endMarker)

            Notes after.
            """
        let updated = PerformanceReport.splice("new figures", into: document)
        #expect(updated.contains("Hand-written analysis."))
        #expect(updated.contains("Notes after."))
        #expect(updated.contains("new figures"))
        #expect(!updated.contains("old figures"))
        #expect(updated.components(separatedBy: PerformanceReport.beginMarker).count == 2)
        // Splicing again is stable.
        #expect(PerformanceReport.splice("new figures", into: updated) == updated)
    }

    @Test func aDocumentWithoutTheSectionGetsOneAppended() {
        let updated = PerformanceReport.splice("figures", into: "# Performance\n")
        #expect(updated.hasPrefix("# Performance\n"))
        #expect(updated.hasSuffix("\(PerformanceReport.endMarker)\n"))
        #expect(updated.contains("\(PerformanceReport.beginMarker)\nfigures\n\(PerformanceReport.endMarker)"))
    }

    @Test func figuresGoalsAndAnchorsAreRendered() {
        let load: [String: Any] = [
            "benchmark": "load",
            "machine": ["cores": 2, "memoryMiB": 24064, "cpuModel": "Test CPU", "operatingSystem": "Linux 6.1", "date": "2026-11-22T00:00:00Z"],
            "configuration": ["agents": 1000, "frameworks": 10],
            "results": ["tasksRunningPerSecond": 1234.5, "launchLatency": ["p50Ms": 12.25, "p99Ms": 80.0]],
            "goals": [
                ["name": "tasks per second", "value": 1234.5, "limit": 5000, "unit": "tasks/s", "kind": "min", "met": false],
                ["name": "p99", "value": 80.0, "limit": 100, "unit": "ms", "kind": "max", "met": true],
            ],
        ]
        let text = PerformanceReport(results: ["load": load]).markdown()
        #expect(text.contains("2 cores (Test CPU), 23.5 GiB"))
        #expect(text.contains("| launchLatency.p50Ms | 12.2 |") || text.contains("| launchLatency.p50Ms | 12.3 |"))
        #expect(text.contains("| tasks per second | 1234 tasks/s | ≥ 5,000 tasks/s | **no** |") || text.contains("| tasks per second | 1235 tasks/s | ≥ 5,000 tasks/s | **no** |"))
        #expect(text.contains("| p99 | 80 ms | ≤ 100 ms | yes |"))
        #expect(text.contains("Kubernetes scheduler_perf floor"))
        #expect(text.contains("| master failover | Mesos 1.5: ~4 s at 10k agents / 100k tasks | not run |"))
    }

    @Test func bothScaleRunsAreShownUnderTheirOwnTitles() {
        func scale(agents: Int, registration: Double, rss: Double) -> [String: Any] {
            [
                "benchmark": "scale",
                "configuration": ["agents": agents],
                "results": ["agentRegistrationSeconds": registration, "masterPeakRSSMiB": rss, "stateSummaryMs": ["medianMs": 500.0]],
            ]
        }
        let text = PerformanceReport(results: [
            "scale": scale(agents: 10_000, registration: 3.7, rss: 1031),
            "scale-50k": scale(agents: 50_000, registration: 24.2, rss: 3161),
        ]).markdown()
        #expect(text.contains("### Scale over HTTP (`swift-mesos-bench scale`)"))
        #expect(text.contains("### 50,000 agents over HTTP/2"))
        #expect(text.contains("over HTTP: 10,000 agents, state-summary 500 ms; over HTTP/2: 50,000 agents registered in 24.2 s, 3,161 MiB peak RSS"))
    }
}

/// The growth benchmark's verdicts and table.
@Suite struct GrowthReportTests {
    @Test func linearGrowthIsToldFromFasterGrowth() throws {
        let sizes: [Double] = [1000, 10_000, 50_000]
        let linear = try #require(GrowthBenchmark.linearity(sizes: sizes, values: [10, 100, 500], what: "memory", unit: "KiB", scale: 1024))
        #expect(linear.hasPrefix("memory: linear (10.2 KiB per agent"))
        let faster = try #require(GrowthBenchmark.linearity(sizes: sizes, values: [10, 100, 1000], what: "round", unit: "µs", scale: 1000))
        #expect(faster.hasPrefix("round: faster than linear"))
        let slower = try #require(GrowthBenchmark.linearity(sizes: sizes, values: [10, 100, 200], what: "round", unit: "µs", scale: 1000))
        #expect(slower.hasPrefix("round: sub-linear"))
        #expect(GrowthBenchmark.linearity(sizes: [1, 2], values: [1, 2], what: "x", unit: "", scale: 1) == nil)
    }

    @Test func growthResultsRenderAsTables() {
        let result: [String: Any] = ["results": [
            "core": [["agents": 1000, "tasks": 2000, "peakRSSMiB": 40.5, "allocationRoundMs": 4.5]],
            "load": [["agents": 1000, "tasksRunningPerSecond": 499.0, "p99LaunchMs": 20.0, "masterCPUMsPerTask": 0.5, "masterPeakRSSMiB": 100.0]],
            "conclusions": ["core memory: linear"],
        ]]
        let table = PerformanceReport.growthTables(result)
        #expect(table.contains("| 1,000 | 2,000 | 40.5 MiB | 4.5 ms |"))
        #expect(table.contains("| 1,000 | 499 | 20 ms | 0.5 ms | 100 MiB |"))
        #expect(table.contains("- core memory: linear"))
    }
}

/// The codec benchmark's table.
@Suite struct CodecReportTests {
    @Test func codecRowsRenderAsATable() {
        let result: [String: Any] = [
            "iterations": 20000,
            "results": [[
                "message": "event UPDATE", "bytes": 299, "foundationEncodeMicroseconds": 17.1,
                "streamingEncodeMicroseconds": 6.0, "encodeSpeedup": 2.85, "decodeMicroseconds": 15.5,
            ]],
        ]
        let text = PerformanceReport(results: ["codec": result]).markdown()
        #expect(text.contains("### JSON encoding and decoding of the hot messages"))
        #expect(text.contains("| event UPDATE | 299 | 17.1 | 6 | 2.85× | 15.5 |"), "\(text)")
    }

    @Test func codecRefusesABadIterationCount() {
        #expect(throws: (any Error).self) { try CodecBenchmark.parse(["--iterations", "0"]) }
        #expect(throws: (any Error).self) { try CodecBenchmark.parse(["--iterations", "many"]) }
    }
}
