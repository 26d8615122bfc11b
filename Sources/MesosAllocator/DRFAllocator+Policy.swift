extension DRFAllocator {
    /// Sets role weights (Mesos's `/weights`): a role's dominant share is divided by its
    /// weight when roles are ordered, so a weight-2 role is entitled to twice as much.
    /// Roles not mentioned keep their weight (default 1). Takes effect in later rounds.
    public mutating func updateWeights(_ weights: [String: Double]) throws(AllocatorError) {
        for (role, weight) in weights where !(weight.isFinite && weight > 0) {
            throw AllocatorError(.invalidWeight, "Weight \(weight) of role '\(role)' is invalid; use a positive finite number")
        }
        for role in weights.keys.sorted() {
            let id = roleID(role)
            roles[Int(id)].weight = weights[role] ?? 1
            roleKeys[Int(id)].share = roleShare(id)
        }
        // Role keys changed: re-sort the role order.
        if !sharesDirty {
            roleOrder.sort(keys: roleKeys)
        }
    }

    /// Sets a role's quota (Mesos's `updateQuota`); ``RoleQuota/none`` removes it.
    ///
    /// Guarantees are allocated first in each round, and enough unreserved resources
    /// are held back from other roles to satisfy unsatisfied guarantees later
    /// (headroom). Limits cap what the role is allocated. Quota is supported on
    /// top-level roles (no `/`), and counts the role's subroles too.
    public mutating func updateQuota(role: String, quota: RoleQuota) throws(AllocatorError) {
        if role.contains("/") {
            throw AllocatorError(.invalidQuota, "Quota on nested role '\(role)' is not supported; set it on its top-level role")
        }
        for (name, value) in quota.guarantees.merging(quota.limits, uniquingKeysWith: { a, _ in a })
        where !(value.isFinite && value >= 0 && value <= FixedPoint.maximumValue) {
            throw AllocatorError(.invalidQuota, "Quota of '\(name)' for role '\(role)' is \(value); use a finite non-negative number")
        }
        for (name, guarantee) in quota.guarantees {
            if let limit = quota.limits[name], limit < guarantee {
                throw AllocatorError(
                    .invalidQuota,
                    "Quota guarantee \(guarantee) of '\(name)' for role '\(role)' exceeds its limit \(limit); raise the limit or lower the guarantee"
                )
            }
        }
        let id = roleID(role)
        var guarantees = ScalarVector()
        for (name, value) in quota.guarantees {
            guarantees[Int(catalog.nameID(name))] = FixedPoint.millis(value)
        }
        var limits = ScalarVector()
        var names: [Int] = []
        for (name, value) in quota.limits {
            let index = Int(catalog.nameID(name))
            names.append(index)
            limits[index] = FixedPoint.millis(value)
        }
        // Unlimited names carry `Int64.max`; written after sizing the vector.
        var limitMillis = limits.millis
        if !names.isEmpty {
            let width = max(limitMillis.count, catalog.names.count)
            limitMillis.append(contentsOf: repeatElement(0, count: width - limitMillis.count))
            let limited = Set(names)
            for index in limitMillis.indices where !limited.contains(index) {
                limitMillis[index] = .max
            }
        }
        roles[Int(id)].guarantees = guarantees
        roles[Int(id)].limits = ScalarVector(millis: limitMillis)
        roles[Int(id)].hasLimits = !names.isEmpty
        roles[Int(id)].hasQuota = !guarantees.isZero || !names.isEmpty
        if roles[Int(id)].hasQuota {
            quotaRoles.insert(id)
        } else {
            quotaRoles.remove(id)
        }
    }
}
