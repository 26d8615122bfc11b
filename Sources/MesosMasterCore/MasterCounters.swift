import MesosModel

/// Cumulative counts for `/metrics/snapshot`.
public struct MasterCounters: Sendable, Hashable {
    /// Terminal task transitions by state.
    public var terminalTasks: [TaskState: Int] = [:]
    /// Offers sent.
    public var offersSent = 0
    /// Offers declined.
    public var offersDeclined = 0
    /// Offers accepted.
    public var offersAccepted = 0
    /// Offers rescinded.
    public var offersRescinded = 0
    /// Scheduler calls accepted, by type name.
    public var schedulerCalls: [String: Int] = [:]
    /// Status updates received from agents.
    public var statusUpdates = 0
    /// Subscribers disconnected because their queue overflowed (the shell counts them).
    public var slowSubscribersDisconnected = 0
    /// Agents marked unreachable.
    public var agentsUnreachable = 0
    /// Frameworks removed.
    public var frameworksRemoved = 0

    /// Creates zeroed counters.
    public init() {}
}

extension MasterState {
    /// Counts a subscriber the shell disconnected for overflowing its queue.
    public mutating func countSlowSubscriberDisconnected() {
        counters.slowSubscribersDisconnected += 1
    }
}
