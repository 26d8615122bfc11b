import Foundation
import MesosTestKit
import Testing

/// The example CLIs refuse values that cannot work with one error line naming the flag, before
/// they start anything (`swift-mesos-demo` trapped on `--duration=nan`).
@Suite("Example commands: bad flags", .timeLimit(.minutes(2)))
struct ExampleCommandFlagsTests {
    @Test(arguments: [
        ("swift-mesos-demo", ["--duration=nan"], "--duration"),
        ("swift-mesos-demo", ["--duration=-5"], "--duration"),
        ("swift-mesos-demo", ["--master-port=0"], "--master-port"),
        ("swift-mesos-demo", ["--agent-port=5050"], "--agent-port"),
        ("swift-mesos-demo", ["--agent-resources=cpus:x"], "--agent-resources"),
        ("swift-mesos-demo", ["--task-duration=bogus"], "--task-duration"),
        ("swift-mesos-drf-demo", ["--report-interval=0"], "--report-interval"),
        ("swift-mesos-drf-demo", ["--task-cpus=inf"], "--task-cpus"),
        ("swift-mesos-drf-demo", ["--task-memory=nan"], "--task-memory"),
        ("swift-mesos-drf-demo", ["--task-duration=5..2secs"], "--task-duration"),
        ("swift-mesos-throttler-demo", ["--agent-resources=cpus:x"], "--agent-resources"),
        ("swift-mesos-throttler-demo", ["--agent-port=5050"], "--agent-port"),
    ])
    func refused(executable: String, arguments: [String], flag: String) async throws {
        try await Self.expectRefused(executable, arguments: arguments, naming: flag)
    }

    /// Runs `executable` with `arguments` and expects exit code 1 with one `Error:` line naming
    /// `flag` (in Mesos's spelling, `--total_queries`; both spellings parse) and no trap.
    static func expectRefused(
        _ executable: String, arguments: [String], naming flag: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("example-flags-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = try await ChildProcess.launch(
            name: "example-flags", executable: Daemon.binaryDirectory.appendingPathComponent(executable).path,
            arguments: arguments, logFile: directory.appendingPathComponent("out.log"))
        let status = try await process.waitForExit()
        let output = process.logTail(lines: 50)
        #expect(status == .exited(1), "\(output)", sourceLocation: sourceLocation)
        let mesosSpelling = "--" + flag.dropFirst(2).replacingOccurrences(of: "-", with: "_")
        let errors = output.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 1 && errors.first?.contains(mesosSpelling) == true, "\(output)", sourceLocation: sourceLocation)
        #expect(!output.contains("Fatal error"), "\(output)", sourceLocation: sourceLocation)
    }
}
