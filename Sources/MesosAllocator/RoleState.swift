/// One role: its weight, quota, framework order and aggregate allocation.
struct RoleState: Sendable {
    var weight = 1.0
    var guarantees = ScalarVector()
    /// Per name limit in thousandths; `Int64.max` (or absent) means unlimited.
    var limits = ScalarVector()
    var hasLimits = false
    var hasQuota = false
    /// Clients tracked under the role (active or not).
    var clients: [Int32] = []
    /// Active clients in DRF order.
    var frameworkOrder = ShareOrder()
    var isInRoleOrder = false
    /// Scalars offered or allocated to the role's frameworks, by name.
    var allocation = ScalarVector()
    /// For top-level roles: reserved scalars of the role and its subroles on all agents.
    var subtreeReserved = ScalarVector()
    /// For top-level roles: unreserved non-revocable scalars offered or allocated to the
    /// role and its subroles.
    var subtreeQuotaAllocated = ScalarVector()

    /// Mesos's consumed quota: reservations plus unreserved allocations.
    var consumedQuota: ScalarVector {
        subtreeReserved.adding(subtreeQuotaAllocated)
    }
}
