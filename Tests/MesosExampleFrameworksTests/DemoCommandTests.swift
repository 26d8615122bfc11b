import Foundation
import Logging
import MesosHTTPClient
import MesosTestKit
import Subprocess
import Testing

/// `make demo` in a shortened form: the real `swift-mesos-demo` executable for 15 seconds.
@Suite("swift-mesos-demo", .timeLimit(.minutes(4)))
struct DemoCommandTests {
    @Test func runsTheThreeFrameworksAndPlotsTheirShares() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("demo-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let masterPort = try FreePort.next()
        let agentPort = try FreePort.next()
        let svg = directory.appendingPathComponent("demo-shares.svg")
        let demo = try await ChildProcess.launch(
            name: "swift-mesos-demo",
            executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-demo").path,
            arguments: ["--duration=15", "--master-port=\(masterPort)", "--agent-port=\(agentPort)", "--svg=\(svg.path)"],
            workingDirectory: directory.path,
            logFile: directory.appendingPathComponent("demo.log"))
        let status = try await demo.waitForExit()
        let output = demo.logTail(lines: 400)
        #expect(status == .exited(0), "\(output)")
        #expect(output.contains("Time is up: stopping."), "\(output)")
        #expect(output.contains("containerizer"))
        // The live table showed tasks of every framework (all three fit on cpus:6;mem:8000).
        for name in ["A", "B", "C"] {
            #expect(output.contains("  \(name): mean dominant share"), "\(output)")
        }
        // With declared task shapes every framework gets its DRF share: each held resources.
        let summary = try #require(output.components(separatedBy: "Summary (").last)
        for name in ["A", "B", "C"] {
            let line = try #require(summary.split(separator: "\n").first { $0.hasPrefix("  \(name): mean") }, "\(output)")
            #expect(!line.hasSuffix("peak 0.0 %"), "\(name) never got resources: \(output)")
        }
        // The plot: one series per framework.
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "<polyline class=\"series\"").count - 1 == 3)
        for name in ["A", "B", "C"] { #expect(text.contains("data-framework=\"\(name)\"")) }
        // Nothing stays behind: neither the master nor the agent answers any more.
        let client = try HTTPClient(logger: Logger(label: "test.demo"))
        for port in [masterPort, agentPort] {
            let answer = try? await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/health", timeout: .seconds(5)))
            #expect(answer == nil, "port \(port) still answers")
        }
        await client.shutdown()
    }
}
