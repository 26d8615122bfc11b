import Foundation
import MesosTestKit
import Subprocess
import SystemPackage
import Testing

/// `swift-mesos-bench scale-core` on a small cluster: the figures it reports come from real
/// rounds, declines and rendered endpoints.
@Suite(.timeLimit(.minutes(2)))
struct ScaleCoreRunTests {
    @Test("rounds with filters offer every agent, and declines, the summary and a page are timed")
    func smallRunWithFilters() async throws {
        let bench = Daemon.binaryDirectory.appendingPathComponent("swift-mesos-bench").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("scale-core-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await run(
            .path(FilePath(bench)),
            arguments: ["scale-core", "--agents", "40", "--frameworks", "4", "--tasks", "80", "--rounds", "3",
                        "--refuse-seconds", "5", "--round-interval", "1", "--output", output.path],
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        #expect(result.terminationStatus == .exited(0), "\(result.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        let results = try #require(report["results"] as? [String: Any])
        #expect(results["tasksRunning"] as? Int == 80)
        // A framework that declined an agent is filtered from it for 5 s, so each round offers
        // every agent to another framework.
        #expect(results["offersPerRound"] as? Int == 40)
        for key in ["allocationRound", "declines", "stateSummary", "tasksPage"] {
            let timings = try #require(results[key] as? [String: Any], "\(key)")
            #expect((timings["medianMs"] as? Double ?? -1) > 0, "\(key)")
        }
        #expect((results["stateSummaryMiB"] as? Double ?? 0) > 0)
        let configuration = try #require(report["configuration"] as? [String: Any])
        #expect(configuration["refuseSeconds"] as? Double == 5)
    }
}
