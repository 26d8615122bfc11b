/// Whether this master may serve the scheduler and agent APIs.
public enum LeadershipState: Sendable, Hashable {
    /// This master leads; requests are served (once recovery is done).
    case leading
    /// Another master leads (`host:port`), or none is known (nil): requests are
    /// redirected (307) or refused (503).
    case following(leader: String?)
}

/// The source of the leadership state. Standalone masters always lead; issue 6
/// adds ZooKeeper election behind this protocol.
public protocol Leadership: Sendable {
    /// The current state; must be cheap (read on every request).
    var state: LeadershipState { get }
    /// Extra entries for `/metrics/snapshot` (e.g. the ZooKeeper session).
    var metrics: [String: Double] { get }
    /// Extra fields for the `/health` body.
    var healthDetails: [String: String] { get }
}

extension Leadership {
    public var metrics: [String: Double] { [:] }
    public var healthDetails: [String: String] {
        if case .leading = state { return ["leadership": "leading"] }
        return ["leadership": "standby"]
    }
}

/// A standalone master: always the leader.
public struct StandaloneLeadership: Leadership {
    /// Creates it.
    public init() {}

    public var state: LeadershipState { .leading }
}

/// A fixed state, for tests of the follower paths.
public struct FixedLeadership: Leadership {
    /// The state it reports.
    public let state: LeadershipState

    /// Creates it.
    public init(_ state: LeadershipState) {
        self.state = state
    }
}
