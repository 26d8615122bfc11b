import Foundation
import Logging
import MesosModel
import MesosScheduler
import Synchronization

/// Log messages kept in memory, to assert what the SDK logs.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    var messages: [String] { lines.withLock { $0 } }

    func contains(_ text: String) -> Bool { messages.contains { $0.contains(text) } }

    var logger: Logger {
        var logger = Logger(label: "test.scheduler") { _ in CapturingHandler(capture: self) }
        logger.logLevel = .debug
        return logger
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }
}

private struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        capture.append("\(event.level): \(event.message)")
    }
}

/// A configuration with fast retries for tests.
/// Masters in these tests send heartbeats every second; a machine loaded by the whole suite can
/// stall a process for seconds, which must not count as a lost connection unless a test says so.
func testConfiguration(master: String, logs: LogCapture = LogCapture(), missedHeartbeats: Int = 10) -> SchedulerConfiguration {
    SchedulerConfiguration(
        master: master,
        frameworkInfo: FrameworkInfo(user: "root", name: "sdk-test"),
        backoff: RetryBackoff(initial: .milliseconds(20), maximum: .milliseconds(200)),
        missedHeartbeatsBeforeReconnect: missedHeartbeats,
        connectTimeout: .seconds(2),
        callTimeout: .seconds(20),
        logger: logs.logger)
}

struct TimeoutError: Error, CustomStringConvertible {
    let description: String
}

/// Runs `body`, failing when it takes longer than `limit`.
func withTimeout<T: Sendable>(
    _ limit: Duration, _ what: String = "operation", _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError(description: "\(what) did not finish within \(limit)")
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() else { throw TimeoutError(description: "\(what) produced nothing") }
        return result
    }
}

/// Pulls events from a `SchedulerEvents` iterator one at a time, each with a time limit.
final class EventReader: @unchecked Sendable {
    // Only used from one test task at a time; `@unchecked` because the iterator is not Sendable.
    private var iterator: SchedulerEvents.AsyncIterator

    init(_ client: SchedulerClient) {
        iterator = client.events.makeAsyncIterator()
    }

    /// The next event that is not a heartbeat-free `.offers([])`; fails after `limit`.
    func next(within limit: Duration = .seconds(30)) async throws -> SchedulerEvent? {
        let box = self
        return try await withTimeout(limit, "next event") { try await box.advance() }
    }

    private func advance() async throws -> SchedulerEvent? {
        try await iterator.next()
    }
}

/// A status update with a fresh uuid.
func runningUpdate(_ task: String, agent: String = "agent-1", state: TaskState = .running) -> TaskStatus {
    TaskStatus(taskID: TaskID(task), state: state, source: .executor, agentID: AgentID(agent),
               timestamp: 1, uuid: Data((0..<16).map { UInt8($0) }))
}
