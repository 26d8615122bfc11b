import Foundation
import MesosHTTPClient
import MesosModel
import MesosRecordIO

/// A subscription to one of the master's RecordIO event streams (scheduler,
/// agent or operator), read by one task into a buffer that tests query with
/// ``next(timeout:where:)``. Light: no thread, one task per stream.
public actor SubscriptionStream<Event: Decodable & Sendable> {
    /// The response's `Mesos-Stream-Id`.
    public nonisolated let streamID: String?
    /// The response's status code.
    public nonisolated let status: Int
    private let response: HTTPStreamingResponse
    private var buffer: [Event] = []
    /// Buffered events beyond this are dropped (oldest first), bounding memory.
    private let bufferLimit = 100_000
    private var reader: Task<Void, Never>?
    /// Whether the stream ended (closed by the master, or failed).
    public private(set) var isFinished = false
    /// Every event received so far, in order (also the ones consumed by `next`).
    public private(set) var history: [Event] = []
    private var onEvent: (@Sendable (Event) async -> Void)?

    /// Opens the stream by POSTing `call` to `url`.
    public init(client: HTTPClient, url: String, call: some Encodable & Sendable, onEvent: (@Sendable (Event) async -> Void)? = nil) async throws {
        let body = try MesosJSON.encode(call)
        let response = try await client.stream(HTTPRequest(
            method: .post, url: url,
            headers: ["Content-Type": "application/json", "Accept": "application/json"], body: Array(body),
            connectTimeout: .seconds(5)))
        self.response = response
        self.status = response.status
        self.streamID = response.headers["Mesos-Stream-Id"]
        self.onEvent = onEvent
        start()
    }

    private func start() {
        let body = response.body
        reader = Task { [weak self] in
            do {
                for try await record in body.recordIORecords() {
                    guard let event = try? MesosJSON.decode(Event.self, from: Data(record)) else { continue }
                    await self?.received(event)
                }
            } catch {}
            await self?.finished()
        }
    }

    private func received(_ event: Event) async {
        buffer.append(event)
        if buffer.count > bufferLimit { buffer.removeFirst(buffer.count - bufferLimit) }
        history.append(event)
        if history.count > bufferLimit { history.removeFirst(history.count - bufferLimit) }
        if let onEvent { await onEvent(event) }
    }

    private func finished() {
        isFinished = true
    }

    /// Removes and returns the first buffered event matching `predicate`, waiting up
    /// to `timeout` for one; other events stay buffered for later calls.
    public func next(timeout: Duration = .seconds(10), where predicate: @Sendable (Event) -> Bool = { _ in true }) async throws -> Event {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let index = buffer.firstIndex(where: predicate) {
                let event = buffer[index]
                buffer.remove(at: index)
                return event
            }
            if isFinished { throw TestKitError("The stream ended before the expected event arrived") }
            if ContinuousClock.now >= deadline { throw TestKitError("No expected event within \(timeout)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until the stream ends (up to `timeout`); false when it did not.
    public func waitUntilFinished(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !isFinished, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return isFinished
    }

    /// Closes the connection (the master sees the subscriber go away).
    public nonisolated func close() {
        response.cancel()
    }
}
