import Foundation
import Logging
import MesosExampleFrameworks
import MesosHTTPClient
import MesosTestKit
import Testing

/// The worker's query loop against a real local HTTP target.
@Suite("A Throttler task's queries", .timeLimit(.minutes(2)))
struct QueryRunnerTests {
    let logger = Logger(label: "test.query-runner")

    @Test func runsEveryQueryOnceAndTimesEach() async throws {
        let target = try await LocalQueryTarget.start(delay: .milliseconds(5), logger: logger)
        let client = try HTTPClient(logger: logger)
        let outcome = await QueryRunner(client: client, target: target.url).run(queries: 7)
        await client.shutdown()
        await target.stop()
        #expect(outcome.failure == nil)
        #expect(!outcome.cancelled)
        #expect(outcome.result.queries == 7)
        #expect(outcome.result.latencies.count == 7)
        #expect(outcome.result.latencies.allSatisfy { $0 >= 0.005 })
        #expect(outcome.result.seconds >= outcome.result.latencies.reduce(0, +))
        #expect(target.requestCount == 7)
    }

    @Test func stopsAtTheFirstErrorStatus() async throws {
        let target = try await LocalQueryTarget.start(failing: true, logger: logger)
        let client = try HTTPClient(logger: logger)
        let outcome = await QueryRunner(client: client, target: target.url).run(queries: 5)
        await client.shutdown()
        await target.stop()
        #expect(outcome.failure?.contains("query 1 of 5 failed: HTTP 500") == true)
        #expect(outcome.result.queries == 0)
        #expect(target.requestCount == 1)
    }

    @Test func aTargetThatDoesNotListenFailsTheFirstQuery() async throws {
        let port = try FreePort.next()
        let client = try HTTPClient(logger: logger)
        let outcome = await QueryRunner(client: client, target: "http://127.0.0.1:\(port)/query").run(queries: 3)
        await client.shutdown()
        #expect(outcome.failure?.hasPrefix("query 1 of 3 failed") == true)
    }

    @Test func aTargetThatTurnsFailingStopsTheBatchThere() async throws {
        let target = try await LocalQueryTarget.start(logger: logger)
        let client = try HTTPClient(logger: logger)
        let runner = QueryRunner(client: client, target: target.url)
        #expect(await runner.run(queries: 2).failure == nil)
        target.setFailing(true)
        let outcome = await runner.run(queries: 2)
        await client.shutdown()
        await target.stop()
        #expect(outcome.failure?.contains("HTTP 500") == true)
        #expect(target.requestCount == 3)
    }

    @Test func theWorkerCommandPrintsTheLine() async throws {
        let target = try await LocalQueryTarget.start(logger: logger)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-queries-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let worker = try await ChildProcess.launch(
            name: "run-queries", executable: Daemon.binaryDirectory.appendingPathComponent("swift-mesos-throttler").path,
            arguments: ["run-queries", "--target", target.url, "--queries", "4"],
            logFile: directory.appendingPathComponent("out.log"))
        let status = try await worker.waitForExit()
        let output = worker.logTail(lines: 20)
        await target.stop()
        #expect(status == .exited(0), "\(output)")
        #expect(QueryBatchResult(message: output)?.queries == 4, "\(output)")
        #expect(target.requestCount == 4)
    }
}
