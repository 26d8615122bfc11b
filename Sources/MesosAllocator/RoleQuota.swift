/// A role's quota: guaranteed quantities it is allocated before others are served,
/// and limits it is never allocated beyond. Quantities count unreserved
/// non-revocable scalar resources plus the role's reservations, like Mesos's
/// "consumed quota". Names without a limit are unlimited.
public struct RoleQuota: Sendable, Hashable {
    /// Guaranteed quantities by resource name.
    public var guarantees: [String: Double]
    /// Upper bounds by resource name.
    public var limits: [String: Double]

    /// Creates a quota.
    public init(guarantees: [String: Double] = [:], limits: [String: Double] = [:]) {
        self.guarantees = guarantees
        self.limits = limits
    }

    /// No guarantees and no limits (Mesos's default quota).
    public static let none = RoleQuota()

    /// Whether this is the default quota.
    public var isNone: Bool {
        guarantees.values.allSatisfy { $0 == 0 } && limits.isEmpty
    }
}
