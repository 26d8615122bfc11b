import Foundation
import MesosModel

/// One task's status updates that the master has not acknowledged yet, oldest first.
///
/// Only the oldest update is in flight: it is resent with backoff (1 s doubling to 60 s) until
/// an acknowledgement with its uuid arrives, then the next one is sent at once. This keeps the
/// per-task order Mesos guarantees.
public struct StatusUpdateStream: Codable, Sendable, Hashable {
    /// The first retry delay, in seconds.
    public static let initialBackoff = 1.0
    /// The longest retry delay, in seconds.
    public static let maximumBackoff = 60.0
    /// The most updates kept per task; older non-terminal ones are dropped beyond it.
    public static let maximumPending = 64

    /// The unacknowledged updates, oldest first.
    public private(set) var pending: [TaskStatus] = []
    /// When to (re)send the oldest update, in seconds since the epoch; `nil` = at once.
    public private(set) var nextAttempt: Double?
    /// The delay before the next retry.
    public private(set) var backoff: Double = StatusUpdateStream.initialBackoff

    /// Creates an empty stream.
    public init() {}

    /// The oldest unacknowledged update.
    public var head: TaskStatus? { pending.first }

    /// Whether every update was acknowledged.
    public var isEmpty: Bool { pending.isEmpty }

    /// Appends an update. Returns true when it is the new head (to send now).
    public mutating func append(_ status: TaskStatus) -> Bool {
        if pending.count >= Self.maximumPending,
           let index = pending.indices.dropFirst().first(where: { !pending[$0].state.isTerminal }) {
            pending.remove(at: index)  // bounded: drop the oldest intermediate update, never the head
        }
        pending.append(status)
        if pending.count == 1 {
            nextAttempt = nil
            backoff = Self.initialBackoff
            return true
        }
        return false
    }

    /// Applies an acknowledgement. Returns the update to send next when the head was acknowledged,
    /// `nil` when the uuid is not the head's (a duplicate or stale acknowledgement: ignored).
    public mutating func acknowledge(uuid: Data) -> (acknowledged: TaskStatus, next: TaskStatus?)? {
        guard let first = pending.first, first.uuid == uuid else { return nil }
        pending.removeFirst()
        nextAttempt = nil
        backoff = Self.initialBackoff
        return (first, pending.first)
    }

    /// The head when it is due at `now`, recording the attempt (the next retry after `backoff`).
    public mutating func takeDue(now: Double) -> TaskStatus? {
        guard let first = pending.first else { return nil }
        if let nextAttempt, now < nextAttempt { return nil }
        nextAttempt = now + backoff
        backoff = min(backoff * 2, Self.maximumBackoff)
        return first
    }

    /// Makes the head due at once (after re-subscribing to a master).
    public mutating func resendNow() {
        nextAttempt = nil
        backoff = Self.initialBackoff
    }

    private enum CodingKeys: String, CodingKey {
        case pending
        case nextAttempt = "next_attempt"
        case backoff
    }
}
