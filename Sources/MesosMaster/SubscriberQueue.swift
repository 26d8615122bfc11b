import Synchronization

/// The bounded queue of RecordIO records between the master and one subscriber's
/// HTTP response. A subscriber that does not read fast enough fills it; the next
/// record then overflows and the subscription is closed (the subscriber must
/// re-subscribe), so one slow client never slows the master or other clients.
final class SubscriberQueue: Sendable {
    /// Records buffered per subscriber before it counts as too slow: large enough for
    /// an implicit reconciliation of a big framework's tasks in one burst.
    static let defaultCapacity = 65536

    let records: AsyncStream<[UInt8]>
    private let continuation: AsyncStream<[UInt8]>.Continuation
    private let finished = Mutex(false)

    init(capacity: Int = SubscriberQueue.defaultCapacity) {
        (records, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Enqueues a record; false when the queue overflowed or is closed.
    func send(_ record: [UInt8]) -> Bool {
        switch continuation.yield(record) {
        case .enqueued: true
        case .dropped, .terminated: false
        @unknown default: false
        }
    }

    /// Ends the stream after the records already queued.
    func finish() {
        let first = finished.withLock { done in
            defer { done = true }
            return !done
        }
        if first { continuation.finish() }
    }

    /// Registers what to do when the consumer goes away (response finished or cancelled).
    func onTermination(_ handler: @escaping @Sendable () -> Void) {
        continuation.onTermination = { _ in handler() }
    }
}
