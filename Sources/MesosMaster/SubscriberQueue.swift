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
///
/// A record can also be queued before it exists: ``reserve()`` takes its place in line, and
/// ``fill(_:with:)`` supplies it later (the master encodes a large OFFERS event off its actor).
/// Readers get records in queue order only: those queued after a reserved place wait for it.
final class SubscriberQueue: Sendable {
    /// Records buffered per subscriber before it counts as too slow: large enough for
    /// an implicit reconciliation of a big framework's tasks in one burst.
    static let defaultCapacity = 65536

    let capacity: Int

    private struct State {
        /// Queued records in order; nil for a reserved place not filled yet.
        var records: [[UInt8]?] = []
        /// The sequence number of `records[0]` (places are numbered from 0 as they are queued).
        var base = 0
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

        /// Whether a reader has something to take: a record at the head, or the end.
        var isReadable: Bool { records.first.map { $0 != nil } ?? finished }

        /// Whether nothing will follow what a reader takes now.
        var isDrained: Bool { finished && records.allSatisfy { $0 != nil } }

        /// Removes and returns the filled records at the head.
        mutating func takeReady() -> [[UInt8]] {
            var ready: [[UInt8]] = []
            var count = 0
            while count < records.count, let record = records[count] {
                ready.append(record)
                count += 1
            }
            if count == records.count {
                records = []
            } else {
                records.removeFirst(count)
            }
            base += count
            return ready
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
            if state.records.isEmpty, let waiter = state.waiter {
                // A waiting writer has taken everything queued before.
                state.waiter = nil
                state.base += 1
                return (true, waiter, nil)
            }
            state.records.append(record)
            return (true, nil, state.isReadable ? state.dueWake() : nil)
        }
        waiter?.resume(returning: [record])
        wake?()
        return accepted
    }

    /// Takes a place in line for a record supplied later with ``fill(_:with:)``; nil when the
    /// queue overflowed or is closed. Records queued after it reach the reader after it.
    func reserve() -> Int? {
        state.withLock { state in
            guard !state.finished, state.records.count < capacity else { return nil }
            state.records.append(nil)
            return state.base + state.records.count - 1
        }
    }

    /// Supplies the record of a place ``reserve()`` returned (nothing, if the queue was closed
    /// and drained meanwhile).
    func fill(_ place: Int, with record: [UInt8]) {
        let (waiter, ready, wake) = state.withLock {
            state -> (CheckedContinuation<[[UInt8]]?, Never>?, [[UInt8]], (@Sendable () -> Void)?) in
            let index = place - state.base
            guard index >= 0, index < state.records.count, state.records[index] == nil else { return (nil, [], nil) }
            state.records[index] = record
            guard index == 0 else { return (nil, [], nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, state.takeReady(), nil)
            }
            return (nil, [], state.dueWake())
        }
        waiter?.resume(returning: ready)
        wake?()
    }

    /// Ends the stream after the records already queued.
    func finish() {
        let (waiter, wake) = state.withLock { state -> (CheckedContinuation<[[UInt8]]?, Never>?, (@Sendable () -> Void)?) in
            guard !state.finished else { return (nil, nil) }
            state.finished = true
            // A writer waiting for a reserved place goes on waiting for it.
            guard state.records.isEmpty else { return (nil, state.isReadable ? state.dueWake() : nil) }
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
            return state.isReadable ? state.dueWake() : nil
        }
        due?()
    }

    /// Every record queued since the last call (up to a reserved place not filled yet), and whether
    /// the queue is finished (nothing will follow them); the next record ready wakes the attached
    /// reader again.
    func take() -> (records: [[UInt8]], finished: Bool) {
        state.withLock { state in
            state.wakePending = false
            let drained = state.isDrained
            return (state.takeReady(), drained)
        }
    }

    /// Every record queued since the last call, waiting for one if there is none; `nil` once the
    /// queue is finished and drained (or the calling task is cancelled).
    func nextBatch() async -> [[UInt8]]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[[UInt8]]?, Never>) in
                let ready = state.withLock { state -> [[UInt8]]?? in
                    if state.records.first.map({ $0 != nil }) == true { return .some(state.takeReady()) }
                    if (state.finished && state.records.isEmpty) || Task.isCancelled { return .some(nil) }
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
