import MesosModel

extension DRFAllocator {
    /// Adds a framework (Mesos's `addFramework`). An active framework makes every
    /// agent a candidate for the next ``allocatePending(now:)``.
    ///
    /// - Parameters:
    ///   - profile: its ID, roles and capabilities.
    ///   - used: resources it already uses, per agent (after a master failover); each
    ///     list carries its allocation role, or the framework must have a single role.
    ///   - active: whether it is connected.
    ///   - suppressedRoles: roles it does not want offers for.
    public mutating func addFramework(
        _ profile: FrameworkProfile,
        used: [AgentID: [Resource]] = [:],
        active: Bool = true,
        suppressedRoles: Set<String> = []
    ) throws(AllocatorError) {
        if frameworkIndex[profile.id] != nil {
            throw AllocatorError(.duplicateFramework, "Framework \(profile.id) was already added; remove it before adding it again")
        }
        var usedBags: [(agent: Int32, bag: ResourceBag, role: String?)] = []
        for agent in used.keys.sorted() {
            guard let slot = agentIndex[agent] else { continue }  // Like Mesos: unknown agents are skipped.
            let converted = try bag(from: used[agent] ?? [])
            usedBags.append((slot, converted.bag, converted.allocationRole))
        }
        var roleIDs: Set<Int32> = []
        for role in profile.roles { roleIDs.insert(roleID(role)) }
        var state = FrameworkState(id: profile.id, isActive: active, capabilities: profile.capabilities, roles: roleIDs)
        for role in suppressedRoles where profile.roles.contains(role) {
            state.suppressed.insert(roleID(role))
        }
        state.minimums = compileMinimums(profile.minAllocatableResources)

        let slot: Int32
        if let free = freeFrameworkSlots.popLast() {
            slot = free
            frameworks[Int(slot)] = state
        } else {
            slot = Int32(frameworks.count)
            frameworks.append(state)
        }
        frameworkIndex[profile.id] = slot
        rankFramework(slot)

        for role in roleIDs.sorted() {
            updateActivation(of: client(framework: slot, role: role))
        }
        for used in usedBags where !used.bag.isEmpty {
            guard let role = usedRole(framework: slot, allocationRole: used.role) else {
                throw AllocatorError(
                    .ambiguousRole,
                    "Resources used by framework \(profile.id) on agent \(agents[Int(used.agent)].id) carry no allocation role and the framework has \(roleIDs.count) roles; set allocation_info.role"
                )
            }
            claimUsed(agent: used.agent, framework: profile.id, bag: used.bag)
            track(agent: used.agent, client: client(framework: slot, role: role), bag: used.bag)
        }
        if active {
            pendingAllAgents = true
        }
    }

    /// Removes a framework and returns everything it holds to the agents (Mesos's `removeFramework`).
    public mutating func removeFramework(_ id: FrameworkID) throws(AllocatorError) {
        let slot = try frameworkSlot(id)
        let owned = Set(frameworks[Int(slot)].clients.values)
        for agent in agentOrder {
            var index = 0
            var returned = false
            while index < agents[Int(agent)].holdings.count {
                let holding = agents[Int(agent)].holdings[index]
                if owned.contains(holding.client) {
                    agents[Int(agent)].available.add(holding.bag)
                    // Removes the holding at `index`; cannot fail, it is exactly what is tracked.
                    try? untrack(agent: agent, client: holding.client, bag: holding.bag)
                    returned = true
                } else {
                    index += 1
                }
            }
            if returned {
                agents[Int(agent)].availableIsPlain = isPlain(agents[Int(agent)].available)
            }
        }
        frameworks[Int(slot)].roles = []
        for client in owned.sorted() {
            updateActivation(of: client)
            releaseClientIfUnused(client)
        }
        frameworks[Int(slot)].isLive = false
        frameworks[Int(slot)].clients = [:]
        frameworkIndex[id] = nil
        frameworkRanking.remove(id.value)
        freeFrameworkSlots.append(slot)
    }

    /// Marks a framework connected again and makes every agent a pending candidate (Mesos's `activateFramework`).
    public mutating func activateFramework(_ id: FrameworkID) throws(AllocatorError) {
        let slot = try frameworkSlot(id)
        frameworks[Int(slot)].isActive = true
        for client in frameworks[Int(slot)].clients.values.sorted() {
            updateActivation(of: client)
        }
        pendingAllAgents = true
    }

    /// Marks a framework disconnected: no offers, and its offer filters are cleared
    /// (Mesos's `deactivateFramework`). What it holds stays allocated to it.
    public mutating func deactivateFramework(_ id: FrameworkID) throws(AllocatorError) {
        let slot = try frameworkSlot(id)
        frameworks[Int(slot)].isActive = false
        for client in frameworks[Int(slot)].clients.values.sorted() {
            updateActivation(of: client)
            clearFilters(of: client)
        }
    }

    /// Updates a framework's roles, capabilities and suppressed roles (Mesos's
    /// `updateFramework`, from UPDATE_FRAMEWORK or a re-subscription). Roles it
    /// leaves lose their filters; roles it stops suppressing are revived.
    public mutating func updateFramework(_ profile: FrameworkProfile, suppressedRoles: Set<String> = []) throws(AllocatorError) {
        let slot = try frameworkSlot(profile.id)
        var newRoles: Set<Int32> = []
        for role in profile.roles { newRoles.insert(roleID(role)) }
        let oldRoles = frameworks[Int(slot)].roles
        let oldSuppressed = frameworks[Int(slot)].suppressed
        var newSuppressed: Set<Int32> = []
        for role in suppressedRoles where profile.roles.contains(role) { newSuppressed.insert(roleID(role)) }

        frameworks[Int(slot)].roles = newRoles
        frameworks[Int(slot)].capabilities = profile.capabilities
        frameworks[Int(slot)].minimums = compileMinimums(profile.minAllocatableResources)
        frameworks[Int(slot)].suppressed = newSuppressed

        for role in newRoles.subtracting(oldRoles).sorted() {
            _ = client(framework: slot, role: role)
        }
        for role in oldRoles.subtracting(newRoles).sorted() {
            if let client = frameworks[Int(slot)].clients[role] {
                clearFilters(of: client)
            }
        }
        // Revived roles: previously suppressed, now not, still subscribed.
        for role in oldSuppressed.subtracting(newSuppressed).intersection(newRoles).sorted() {
            if let client = frameworks[Int(slot)].clients[role] {
                clearFilters(of: client)
            }
        }
        for client in frameworks[Int(slot)].clients.values.sorted() {
            updateActivation(of: client)
            releaseClientIfUnused(client)
        }
    }

    /// SUPPRESS: no offers for these roles of the framework until REVIVE.
    /// An empty set means all its roles. Roles it is not subscribed to are ignored.
    public mutating func suppressOffers(framework id: FrameworkID, roles names: Set<String> = []) throws(AllocatorError) {
        let slot = try frameworkSlot(id)
        for role in subscribedRoles(of: slot, named: names) {
            frameworks[Int(slot)].suppressed.insert(role)
            if let client = frameworks[Int(slot)].clients[role] { updateActivation(of: client) }
        }
    }

    /// REVIVE: clears the framework's offer filters for these roles and resumes their
    /// offers; every agent becomes a pending candidate. An empty set means all its roles.
    public mutating func reviveOffers(framework id: FrameworkID, roles names: Set<String> = []) throws(AllocatorError) {
        let slot = try frameworkSlot(id)
        for role in subscribedRoles(of: slot, named: names) {
            frameworks[Int(slot)].suppressed.remove(role)
            if let client = frameworks[Int(slot)].clients[role] {
                clearFilters(of: client)
                updateActivation(of: client)
            }
        }
        pendingAllAgents = true
    }

    // MARK: - Internal

    func frameworkSlot(_ id: FrameworkID) throws(AllocatorError) -> Int32 {
        guard let slot = frameworkIndex[id] else {
            throw AllocatorError(.unknownFramework, "Framework \(id) is not known to the allocator; add it first")
        }
        return slot
    }

    func subscribedRoles(of slot: Int32, named names: Set<String>) -> [Int32] {
        let subscribed = frameworks[Int(slot)].roles
        if names.isEmpty { return subscribed.sorted() }
        return names.compactMap { catalog.existingRoleID($0) }.filter { subscribed.contains($0) }.sorted()
    }

    mutating func compileMinimums(_ minimums: [String: MinimumAllocatable]) -> [Int32: CompiledMinimum] {
        var compiled: [Int32: CompiledMinimum] = [:]
        for (role, minimum) in minimums {
            compiled[roleID(role)] = CompiledMinimum(minimum, catalog: &catalog)
        }
        return compiled
    }

    /// Moves resources the agent held back for a then-unknown framework into tracking;
    /// what was not held back is taken from the agent's available resources.
    mutating func claimUsed(agent: Int32, framework: FrameworkID, bag: ResourceBag) {
        var remaining = bag
        var index = 0
        while index < agents[Int(agent)].untracked.count && !remaining.isEmpty {
            if agents[Int(agent)].untracked[index].framework == framework {
                let held = agents[Int(agent)].untracked[index].bag
                let claimed = held.subtracting(held.subtracting(remaining))
                agents[Int(agent)].untracked[index].bag.subtract(claimed)
                remaining.subtract(claimed)
                if agents[Int(agent)].untracked[index].bag.isEmpty {
                    agents[Int(agent)].untracked.remove(at: index)
                    continue
                }
            }
            index += 1
        }
        if !remaining.isEmpty {
            agents[Int(agent)].available.subtract(remaining)
            agents[Int(agent)].availableIsPlain = isPlain(agents[Int(agent)].available)
        }
    }
}
