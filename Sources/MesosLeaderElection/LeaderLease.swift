/// How long a leader may still believe it leads without hearing from ZooKeeper.
///
/// ZooKeeper expires a session `sessionTimeout` after the server last heard from the client.
/// Every successful round trip that was *sent* at `t` proves the session alive until at least
/// `t + sessionTimeout`; the lease ends a safety margin earlier. A process frozen (SIGSTOP) past
/// that point finds its lease over the moment it runs again — before ZooKeeper's own thread has
/// noticed anything — so a deposed leader never serves as a zombie.
public struct LeaderLease: Sendable, Hashable {
    /// The ZooKeeper session timeout.
    public let sessionTimeout: Duration
    /// The part of the session timeout given up for clock and scheduling slack.
    public let margin: Duration
    /// The end of the lease, or nil when there is none.
    public private(set) var expiry: ContinuousClock.Instant?

    /// A lease for sessions of `sessionTimeout`; the margin defaults to a third of it.
    public init(sessionTimeout: Duration, margin: Duration? = nil) {
        self.sessionTimeout = sessionTimeout
        self.margin = margin ?? sessionTimeout / 3
        self.expiry = nil
    }

    /// A round trip sent at `sentAt` succeeded: the session lived then.
    public mutating func renew(sentAt: ContinuousClock.Instant) {
        let candidate = sentAt + sessionTimeout - margin
        if expiry.map({ candidate > $0 }) ?? true { expiry = candidate }
    }

    /// Ends the lease now (session lost or expired).
    public mutating func revoke() {
        expiry = nil
    }

    /// Whether the lease still holds at `now`.
    public func isValid(at now: ContinuousClock.Instant) -> Bool {
        expiry.map { now < $0 } ?? false
    }
}
