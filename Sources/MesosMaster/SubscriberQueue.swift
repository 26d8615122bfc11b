import NIOCore
import Synchronization

/// The bounded queue of RecordIO records between the master and one subscriber's
/// HTTP response. A subscriber that does not read fast enough fills it; the next
/// record then overflows and the subscription is closed (the subscriber must
/// re-subscribe), so one slow client never slows the master or other clients.
///
/// The response writer takes every record queued so far at once (``nextBatch()``) and
/// writes them as one chunk: under load a framework's stream carries many updates per
/// wake-up, and one write (one wake-up of the writer, one flush, one system call) for
/// all of them costs much less than one each.
final class SubscriberQueue: Sendable {
    /// Records buffered per subscriber before it counts as too slow: large enough for
    /// an implicit reconciliation of a big framework's tasks in one burst.
    static let defaultCapacity = 65536

    let capacity: Int

    private struct State {
        var records: [[UInt8]] = []
        var finished = false
        /// The writer, while it waits for records.
        var waiter: CheckedContinuation<[[UInt8]]?, Never>?
    }

    private let state = Mutex(State())

    init(capacity: Int = SubscriberQueue.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// Enqueues a record; false when the queue overflowed or is closed.
    func send(_ record: [UInt8]) -> Bool {
        let (accepted, waiter) = state.withLock { state -> (Bool, CheckedContinuation<[[UInt8]]?, Never>?) in
            guard !state.finished, state.records.count < capacity else { return (false, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter)
            }
            state.records.append(record)
            return (true, nil)
        }
        waiter?.resume(returning: [record])
        return accepted
    }

    /// Ends the stream after the records already queued.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<[[UInt8]]?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        // A waiting writer has taken every record queued before.
        waiter?.resume(returning: nil)
    }

    /// Every record queued since the last call, waiting for one if there is none; `nil` once the
    /// queue is finished and drained (or the calling task is cancelled).
    func nextBatch() async -> [[UInt8]]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[[UInt8]]?, Never>) in
                let ready = state.withLock { state -> [[UInt8]]?? in
                    if !state.records.isEmpty {
                        defer { state.records = [] }
                        return .some(state.records)
                    }
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            finish()
        }
    }

    /// Writes every batch as one chunk until the queue is finished.
    func drain(into write: (ByteBuffer) async throws -> Void) async throws {
        while let batch = await nextBatch() {
            var buffer = ByteBuffer()
            buffer.reserveCapacity(batch.reduce(0) { $0 + $1.count })
            for record in batch { buffer.writeBytes(record) }
            try await write(buffer)
        }
    }
}
