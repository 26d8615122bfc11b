/// How long to wait between a graceful and a forcible kill (`KillPolicy`).
public struct KillPolicy: Codable, Sendable, Hashable {
    /// The grace period before the task is killed forcibly.
    public var gracePeriod: DurationInfo?

    /// Creates a kill policy.
    public init(gracePeriod: DurationInfo? = nil) {
        self.gracePeriod = gracePeriod
    }

    private enum CodingKeys: String, CodingKey {
        case gracePeriod = "grace_period"
    }
}
