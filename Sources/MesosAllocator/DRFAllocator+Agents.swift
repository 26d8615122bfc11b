import MesosModel

extension DRFAllocator {
    /// Adds an agent (Mesos's `addSlave`) and makes it a candidate for the next
    /// ``allocatePending(now:)``.
    ///
    /// - Parameters:
    ///   - id: the agent's ID.
    ///   - total: everything the agent has.
    ///   - used: resources already in use on it, per framework (after a master failover).
    ///     Resources of frameworks the allocator does not know yet are held back and
    ///     counted once the framework is added with them.
    ///   - attributes: the agent's attributes; a later change clears offer filters for it.
    ///   - capabilities: the agent's capabilities.
    public mutating func addAgent(
        _ id: AgentID,
        total: [Resource],
        used: [FrameworkID: [Resource]] = [:],
        attributes: [Attribute] = [],
        capabilities: AgentCapabilities = .all
    ) throws(AllocatorError) {
        if agentIndex[id] != nil {
            throw AllocatorError(.duplicateAgent, "Agent \(id) was already added; remove it before adding it again")
        }
        let totalBag = try bag(from: total).bag
        var usedBags: [(framework: FrameworkID, bag: ResourceBag, role: String?)] = []
        for framework in used.keys.sorted() {
            let converted = try bag(from: used[framework] ?? [])
            usedBags.append((framework, converted.bag, converted.allocationRole))
        }

        var state = AgentState(id: id, capabilities: capabilities, attributes: attributes, total: totalBag)
        state.hasGPU = hasGPU(totalBag)
        nextSerial &+= 1
        state.serial = nextSerial
        let slot: Int32
        if let free = freeAgentSlots.popLast() {
            slot = free
            agents[Int(slot)] = state
        } else {
            slot = Int32(agents.count)
            agents.append(state)
        }
        agentIndex[id] = slot
        agents[Int(slot)].orderPosition = agentOrder.count
        agentOrder.append(slot)

        addToClusterTotal(totalBag, sign: 1)

        for used in usedBags where !used.bag.isEmpty {
            agents[Int(slot)].available.subtract(used.bag)
            if let framework = frameworkIndex[used.framework],
                let role = usedRole(framework: framework, allocationRole: used.role)
            {
                track(agent: slot, client: client(framework: framework, role: role), bag: used.bag)
            } else {
                agents[Int(slot)].untracked.append(AgentState.UntrackedHolding(framework: used.framework, bag: used.bag))
            }
        }
        agents[Int(slot)].availableIsPlain = isPlain(agents[Int(slot)].available)
        markPending(agent: slot)
    }

    /// Removes an agent and forgets everything on it (Mesos's `removeSlave`).
    /// Giving back its resources afterwards is harmless and ignored.
    public mutating func removeAgent(_ id: AgentID) throws(AllocatorError) {
        let slot = try agentSlot(id)
        for holding in agents[Int(slot)].holdings {
            // Cannot fail: the holding is exactly what is tracked.
            try? untrack(agent: slot, client: holding.client, bag: holding.bag)
            releaseClientIfUnused(holding.client)
        }
        addToClusterTotal(agents[Int(slot)].total, sign: -1)

        let position = agents[Int(slot)].orderPosition
        let last = agentOrder.removeLast()
        if last != slot {
            agentOrder[position] = last
            agents[Int(last)].orderPosition = position
        }
        agents[Int(slot)] = AgentState(id: id, capabilities: [], attributes: [], total: ResourceBag())
        agents[Int(slot)].isLive = false
        agentIndex[id] = nil
        freeAgentSlots.append(slot)
        pendingAgents.removeAll { $0 == slot }
    }

    /// Updates an agent (Mesos's `updateSlave`). Changed attributes clear every offer
    /// filter for the agent; any change makes it a candidate for the next pending round.
    ///
    /// - Parameters:
    ///   - total: the agent's new total resources, when they changed (e.g. oversubscription).
    ///   - attributes: the agent's attributes, when re-registering.
    ///   - capabilities: the agent's capabilities, when re-registering.
    public mutating func updateAgent(
        _ id: AgentID,
        total: [Resource]? = nil,
        attributes: [Attribute]? = nil,
        capabilities: AgentCapabilities? = nil
    ) throws(AllocatorError) {
        let slot = try agentSlot(id)
        let newTotal = try total.map { resources throws(AllocatorError) in try bag(from: resources).bag }
        var updated = false
        if let attributes, attributes != agents[Int(slot)].attributes {
            agents[Int(slot)].attributes = attributes
            agents[Int(slot)].filters.removeAll()
            agents[Int(slot)].blockedClients = nil
            updated = true
        }
        if let capabilities, capabilities != agents[Int(slot)].capabilities {
            agents[Int(slot)].capabilities = capabilities
            updated = true
        }
        if let newTotal, newTotal != agents[Int(slot)].total {
            replaceTotal(of: slot, with: newTotal)
            updated = true
        }
        if updated {
            markPending(agent: slot)
        }
    }

    /// Stops offering the agent's resources until ``activateAgent(_:)`` (Mesos's `deactivateSlave`).
    public mutating func deactivateAgent(_ id: AgentID) throws(AllocatorError) {
        let slot = try agentSlot(id)
        agents[Int(slot)].isActivated = false
    }

    /// Resumes offering the agent's resources (Mesos's `activateSlave`).
    public mutating func activateAgent(_ id: AgentID) throws(AllocatorError) {
        let slot = try agentSlot(id)
        agents[Int(slot)].isActivated = true
    }

    // MARK: - Internal

    func agentSlot(_ id: AgentID) throws(AllocatorError) -> Int32 {
        guard let slot = agentIndex[id] else {
            throw AllocatorError(.unknownAgent, "Agent \(id) is not known to the allocator; add it first")
        }
        return slot
    }

    /// The role used resources belong to: their allocation role, else the framework's only role.
    mutating func usedRole(framework: Int32, allocationRole: String?) -> Int32? {
        if let allocationRole {
            return roleID(allocationRole)
        }
        let subscribed = frameworks[Int(framework)].roles
        return subscribed.count == 1 ? subscribed.first : nil
    }

    mutating func replaceTotal(of slot: Int32, with newTotal: ResourceBag) {
        addToClusterTotal(agents[Int(slot)].total, sign: -1)
        addToClusterTotal(newTotal, sign: 1)
        agents[Int(slot)].total = newTotal
        var available = newTotal
        for holding in agents[Int(slot)].holdings { available.subtract(holding.bag) }
        for holding in agents[Int(slot)].untracked { available.subtract(holding.bag) }
        agents[Int(slot)].available = available
        agents[Int(slot)].availableIsPlain = isPlain(available)
        agents[Int(slot)].hasGPU = hasGPU(newTotal)
    }

    /// Adds or removes an agent total to the cluster total and the roles' reservations.
    mutating func addToClusterTotal(_ total: ResourceBag, sign: Int64) {
        for entry in total.entries {
            guard case .scalar(let millis) = entry.quantity else { continue }
            let kind = catalog.kinds[Int(entry.kind)]
            clusterTotal.add(Int(kind.name), sign * millis)
            if kind.isReserved {
                let top = Int(catalog.topLevelRole(of: kind.reservationRole))
                roles[top].subtreeReserved.add(Int(kind.name), sign * millis)
            }
        }
        sharesDirty = true
    }

    mutating func markPending(agent slot: Int32) {
        if !agents[Int(slot)].isPendingCandidate {
            agents[Int(slot)].isPendingCandidate = true
            pendingAgents.append(slot)
        }
    }
}
