import DequeModule
import MesosModel

/// What the master knows about one framework.
public struct FrameworkRecord: Sendable {
    /// The framework's id.
    public let id: FrameworkID
    /// Its latest `FrameworkInfo` (with `id` set).
    public internal(set) var info: FrameworkInfo
    /// The current subscription stream; nil while disconnected.
    public internal(set) var streamID: StreamID?
    /// When it first subscribed (or was recovered), seconds since the epoch.
    public internal(set) var registeredTime: Double
    /// When it last re-subscribed.
    public internal(set) var reregisteredTime: Double?
    /// When it last disconnected.
    public internal(set) var unregisteredTime: Double?
    /// When its failover timeout expires (while disconnected).
    public internal(set) var failoverDeadline: ContinuousClock.Instant?
    /// Its tasks that are not completed (terminal ones stay until acknowledged).
    public internal(set) var tasks: [TaskID: MesosTask] = [:]
    /// Its completed tasks, oldest first (bounded).
    public internal(set) var completedTasks: Deque<MesosTask> = []
    /// Roles it asked not to be offered.
    public internal(set) var suppressedRoles: Set<String> = []
    /// Whether a scheduler subscribed to it since this master started (false for
    /// frameworks only known from agents or the registry).
    public internal(set) var hasSubscribed: Bool
    /// When it was removed (completed frameworks only).
    public internal(set) var unregisteredReason: String?

    /// Whether a scheduler is connected.
    public var isConnected: Bool { streamID != nil }

    /// Whether it has the `PARTITION_AWARE` capability.
    public var isPartitionAware: Bool {
        info.capabilities.contains { $0.type == .partitionAware }
    }

    /// The roles it subscribes to (`roles` with MULTI_ROLE, else `role`, default `*`).
    public var roles: [String] {
        if info.capabilities.contains(where: { $0.type == .multiRole }) { return info.roles }
        return [info.role ?? "*"]
    }

    /// Its failover timeout in seconds (0 when unset, as in Mesos).
    public var failoverTimeout: Double {
        guard let timeout = info.failoverTimeout, timeout.isFinite, timeout > 0 else { return 0 }
        return min(timeout, 10 * 365 * 24 * 3600)
    }

    init(id: FrameworkID, info: FrameworkInfo, registeredTime: Double, hasSubscribed: Bool) {
        self.id = id
        var info = info
        info.id = id
        self.info = info
        self.registeredTime = registeredTime
        self.hasSubscribed = hasSubscribed
    }
}
