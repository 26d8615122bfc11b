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
///
/// Two kinds of reader: a task that waits in ``nextBatch()`` (an HTTP/1 response body), or,
/// without a task, a NIO handler that ``attach(_:)``es a wake-up and then ``take()``s what is
/// queued on its event loop (an HTTP/2 stream, ``HTTP2StreamHandler``).
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
        /// The attached reader's wake-up, and whether one is due that it has not answered with
        /// ``take()`` yet (one wake-up covers every record queued until then).
        var wake: (@Sendable () -> Void)?
        var wakePending = false

        /// The wake-up to call now, if a reader is attached and none is due.
        mutating func dueWake() -> (@Sendable () -> Void)? {
            guard let wake, !wakePending else { return nil }
            wakePending = true
            return wake
        }
    }

    private let state = Mutex(State())

    init(capacity: Int = SubscriberQueue.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// Enqueues a record; false when the queue overflowed or is closed.
    func send(_ record: [UInt8]) -> Bool {
        let (accepted, waiter, wake) = state.withLock {
            state -> (Bool, CheckedContinuation<[[UInt8]]?, Never>?, (@Sendable () -> Void)?) in
            guard !state.finished, state.records.count < capacity else { return (false, nil, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter, nil)
            }
            state.records.append(record)
            return (true, nil, state.dueWake())
        }
        waiter?.resume(returning: [record])
        wake?()
        return accepted
    }

    /// Ends the stream after the records already queued.
    func finish() {
        let (waiter, wake) = state.withLock { state -> (CheckedContinuation<[[UInt8]]?, Never>?, (@Sendable () -> Void)?) in
            guard !state.finished else { return (nil, nil) }
            state.finished = true
            defer { state.waiter = nil }
            return (state.waiter, state.dueWake())
        }
        // A waiting writer has taken every record queued before.
        waiter?.resume(returning: nil)
        wake?()
    }

    /// Attaches a reader that reads without a task: `wake` is called (from the sender's thread)
    /// when records are queued or the queue is finished, once until the reader calls ``take()``;
    /// at once if there is something to take already.
    func attach(_ wake: @escaping @Sendable () -> Void) {
        let due = state.withLock { state -> (@Sendable () -> Void)? in
            state.wake = wake
            state.wakePending = false
            return state.records.isEmpty && !state.finished ? nil : state.dueWake()
        }
        due?()
    }

    /// Every record queued since the last call, and whether the queue is finished (nothing will
    /// follow them); the next record queued wakes the attached reader again.
    func take() -> (records: [[UInt8]], finished: Bool) {
        state.withLock { state in
            state.wakePending = false
            defer { state.records = [] }
            return (state.records, state.finished)
        }
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
