/// Quota bookkeeping for one allocation round (the `rolesConsumedQuota`,
/// `requiredHeadroom` and `availableHeadroom` of Mesos's `__generateOffers`).
struct QuotaRound: Sendable {
    /// Consumed quota of each role with a non-default quota: reservations plus
    /// unreserved non-revocable allocations, subroles included.
    var consumed: [Int32: ScalarVector] = [:]
    /// Sum over roles of their unsatisfied guarantees: unreserved resources to hold back.
    var requiredHeadroom = ScalarVector()
    /// Unallocated unreserved non-revocable resources in the cluster.
    var availableHeadroom = ScalarVector()
    /// Whether some role has a non-default quota.
    var isActive = false

    /// Whether headroom must be enforced (some guarantee is unsatisfied).
    var enforcesHeadroom: Bool { !requiredHeadroom.isZero }

    /// `availableHeadroom - requiredHeadroom`: what unreserved resources may go beyond guarantees.
    var surplusHeadroom: ScalarVector { availableHeadroom.subtracting(requiredHeadroom) }
}
