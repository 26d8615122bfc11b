import MesosModel

extension DRFAllocator {
    /// Number of agents.
    public var agentCount: Int { agentOrder.count }

    /// Number of frameworks.
    public var frameworkCount: Int { frameworkIndex.count }

    /// One more than the largest ``AllocatorOffer/frameworkSlot`` of this allocator's offers.
    public var frameworkSlotCount: Int { frameworks.count }

    /// The IDs of all agents, in insertion order (with removals filled from the end).
    public var agentIDs: [AgentID] { agentOrder.map { agents[Int($0)].id } }

    /// The agent's resources that are neither offered nor allocated, or nil for an unknown agent.
    public func available(on agent: AgentID) -> [Resource]? {
        guard let slot = agentIndex[agent] else { return nil }
        return catalog.resources(of: agents[Int(slot)].available, allocatedTo: nil)
    }

    /// The agent's total resources, or nil for an unknown agent.
    public func total(of agent: AgentID) -> [Resource]? {
        guard let slot = agentIndex[agent] else { return nil }
        return catalog.resources(of: agents[Int(slot)].total, allocatedTo: nil)
    }

    /// What a framework holds (offered or allocated) on an agent in a role.
    public func holding(of framework: FrameworkID, on agent: AgentID, role: String) -> [Resource] {
        guard let agentSlot = agentIndex[agent], let frameworkSlot = frameworkIndex[framework],
            let roleID = catalog.existingRoleID(role), let client = frameworks[Int(frameworkSlot)].clients[roleID],
            let index = agents[Int(agentSlot)].holdingIndex(of: client)
        else { return [] }
        return catalog.resources(of: agents[Int(agentSlot)].holdings[index].bag, allocatedTo: role)
    }

    /// Scalar totals of the whole cluster, by resource name.
    public var clusterScalarTotals: [String: Double] {
        scalars(clusterTotal)
    }

    /// Scalars offered or allocated to a framework in a role, by resource name.
    public func allocation(of framework: FrameworkID, role: String) -> [String: Double] {
        guard let slot = frameworkIndex[framework], let roleID = catalog.existingRoleID(role),
            let client = frameworks[Int(slot)].clients[roleID]
        else { return [:] }
        return scalars(clients[Int(client)].allocation)
    }

    /// Scalars offered or allocated to a role's frameworks, by resource name.
    public func allocation(ofRole role: String) -> [String: Double] {
        guard let roleID = catalog.existingRoleID(role) else { return [:] }
        return scalars(roles[Int(roleID)].allocation)
    }

    /// The framework's dominant share in the role (excluded resources ignored).
    public func dominantShare(of framework: FrameworkID, role: String) -> Double {
        guard let slot = frameworkIndex[framework], let roleID = catalog.existingRoleID(role),
            let client = frameworks[Int(slot)].clients[roleID]
        else { return 0 }
        return currentDominantShare(clients[Int(client)].allocation)
    }

    /// The role's dominant share divided by its weight: what roles are ordered by.
    public func weightedShare(ofRole role: String) -> Double {
        guard let roleID = catalog.existingRoleID(role) else { return 0 }
        return currentDominantShare(roles[Int(roleID)].allocation) / roles[Int(roleID)].weight
    }

    /// The role's weight (1 unless set).
    public func weight(ofRole role: String) -> Double {
        guard let roleID = catalog.existingRoleID(role) else { return 1 }
        return roles[Int(roleID)].weight
    }

    /// Whether offers for the framework's role are suppressed.
    public func isSuppressed(framework: FrameworkID, role: String) -> Bool {
        guard let slot = frameworkIndex[framework], let roleID = catalog.existingRoleID(role) else { return false }
        return frameworks[Int(slot)].suppressed.contains(roleID)
    }

    /// Number of offer filters in force at `now`.
    public func activeFilterCount(now: ContinuousClock.Instant) -> Int {
        guard let ticks = clock.existingTicks(now) else { return 0 }
        return agentOrder.reduce(0) { $0 + agents[Int($1)].filters.liveCount(now: ticks, epochs: clientEpochs) }
    }

    // MARK: - Internal

    func scalars(_ vector: ScalarVector) -> [String: Double] {
        var result: [String: Double] = [:]
        for name in 0..<vector.count where vector[name] != 0 {
            result[catalog.names[name]] = FixedPoint.value(vector[name])
        }
        return result
    }

    /// The dominant share against the current cluster total, even between rounds.
    func currentDominantShare(_ allocation: ScalarVector) -> Double {
        var share = 0.0
        for name in 0..<clusterTotal.count where clusterTotal[name] > 0 && !excludedNames.contains(Int32(name)) {
            share = max(share, Double(allocation[name]) / Double(clusterTotal[name]))
        }
        return share
    }
}
