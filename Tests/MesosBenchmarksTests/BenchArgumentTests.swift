import Foundation
import MesosTestKit
import Subprocess
import SystemPackage
import Testing

/// `swift-mesos-bench launch` and `failover` reject bad values before starting anything, with an
/// error naming the flag and a non-zero exit.
@Suite(.timeLimit(.minutes(2)))
struct BenchArgumentTests {
    static let badArguments: [([String], String)] = [
        (["load", "--agents", "0"], "--agents"),
        (["load", "--agents", "50000"], "--agents"),
        (["load", "--rate", "-5"], "--rate"),
        (["load", "--sweep", "0"], "--sweep"),
        (["load", "--agent-resources", "cpus:x"], "--agent-resources"),
        (["scale", "--agents", "20000"], "--agents"),
        (["scale", "--tasks", "-1"], "--tasks"),
        (["scale", "--rate", "0"], "--rate"),
        (["scale-core", "--rounds", "0"], "--rounds"),
        (["scale-core", "--refuse-seconds", "-1"], "--refuse-seconds"),
        (["scale-core", "--round-interval", "0"], "--round-interval"),
        (["report", "--input", "/nonexistent-bench-results"], "--input"),
        (["launch", "--rounds", "0"], "--rounds"),
        (["launch", "--rounds", "many"], "--rounds"),
        (["launch", "--burst", "0"], "--burst"),
        (["launch", "--burst", "5000"], "--burst"),
        (["launch", "--burst-rounds", "-1"], "--burst-rounds"),
        (["launch", "--image", ""], "--image"),
        (["failover", "--agents", "0"], "--agents"),
        (["failover", "--frameworks", "0"], "--frameworks"),
        (["failover", "--agents", "2", "--tasks", "1000"], "--tasks"),
        (["failover", "--tasks", "-1"], "--tasks"),
        (["failover", "--zk-session-timeout", "0"], "--zk-session-timeout"),
        (["growth", "--core-agents", "0"], "--core-agents"),
        (["growth", "--load-agents", "20000"], "--load-agents"),
        (["growth", "--load-rate", "0"], "--load-rate"),
    ]

    @Test(arguments: badArguments)
    func badValueIsRejectedNamingTheFlag(arguments: [String], flag: String) async throws {
        let bench = Daemon.binaryDirectory.appendingPathComponent("swift-mesos-bench").path
        #expect(FileManager.default.isExecutableFile(atPath: bench), "build swift-mesos-bench first")
        let result = try await run(
            .path(FilePath(bench)), arguments: Arguments(arguments),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        #expect(result.terminationStatus != .exited(0))
        let errorLine = result.standardError.split(separator: "\n").first.map(String.init) ?? ""
        #expect(errorLine.hasPrefix("Error:"), "first line: \(errorLine)")
        #expect(errorLine.contains(flag), "the error must name \(flag): \(errorLine)")
        #expect(result.standardOutput.isEmpty, "nothing may start: \(result.standardOutput)")
    }
}
