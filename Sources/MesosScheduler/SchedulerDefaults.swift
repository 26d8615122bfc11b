import MesosModel

/// Defaults that avoid Mesos's classic traps.
public enum SchedulerDefaults {
    /// Connections a client keeps to the master at most (the subscription stream included); calls
    /// beyond that wait for a free kept-alive connection.
    public static let maximumConnections = 64

    /// One week, like Marathon: Mesos's default of 0 removes the framework and kills its tasks on any
    /// network blip.
    public static let failoverTimeoutSeconds: Double = 7 * 24 * 3600

    /// How long declined resources stay away: one hour instead of Mesos's 5 s, so idle frameworks do
    /// not churn offers away from others. `revive` (or ``OfferDemand``) brings them back at once.
    public static let declineRefuseSeconds: Double = 3600

    /// ``declineRefuseSeconds`` as `Filters`.
    public static var declineFilters: Filters { Filters(refuseSeconds: declineRefuseSeconds) }

    /// The framework info with the SDK's defaults where the caller left fields unset:
    /// ``failoverTimeoutSeconds`` and `checkpoint` on (tasks survive agent restarts).
    public static func applied(to info: FrameworkInfo) -> FrameworkInfo {
        var info = info
        if info.failoverTimeout == nil { info.failoverTimeout = failoverTimeoutSeconds }
        if info.checkpoint == nil { info.checkpoint = true }
        return info
    }
}
