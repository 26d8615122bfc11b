import Foundation
import Logging
import MesosHTTPClient
import MesosTestKit
import Subprocess
import Testing

/// `make demo-throttler` in a shortened form: the real `swift-mesos-throttler-demo` with 20 queries.
@Suite("swift-mesos-throttler-demo", .timeLimit(.minutes(4)))
struct ThrottlerDemoTests {
    @Test func runsTheThrottlerAgainstALocalTargetAndStopsEverything() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("throttler-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let masterPort = try FreePort.next()
        let agentPort = try FreePort.next()
        let demo = try await ChildProcess.launch(
            name: "swift-mesos-throttler-demo",
            executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-throttler-demo").path,
            arguments: ["--master-port=\(masterPort)", "--agent-port=\(agentPort)", "--total-queries=20",
                        "--queries-per-task=5", "--parallelism=2"],
            workingDirectory: directory.path,
            logFile: directory.appendingPathComponent("demo.log"))
        let status = try await demo.waitForExit()
        let output = demo.logTail(lines: 400)
        #expect(status == .exited(0), "\(output)")
        #expect(output.contains("4 finished of 4 launched"), "\(output)")
        #expect(output.contains("20 of 20 executed"), "\(output)")
        #expect(output.contains("The target received 20 requests."), "\(output)")
        #expect(output.contains("task time      p50"), "\(output)")
        #expect(output.contains("query latency  p50"), "\(output)")
        // Nothing stays behind: neither the master nor the agent answers, the work directory is gone.
        let client = try HTTPClient(logger: Logger(label: "test.throttler-demo"))
        for port in [masterPort, agentPort] {
            let answer = try? await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/health", timeout: .seconds(5)))
            #expect(answer == nil, "port \(port) still answers")
        }
        await client.shutdown()
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("swift-mesos-demo-\(demo.pid)")
        #expect(!FileManager.default.fileExists(atPath: workDir.path))
    }
}
