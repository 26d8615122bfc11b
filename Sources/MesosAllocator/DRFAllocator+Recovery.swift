import MesosModel

extension DRFAllocator {
    /// Gives back resources offered or allocated to a framework on an agent: a
    /// declined offer, the unused part of an accepted one, or resources of finished
    /// tasks (Mesos's `recoverResources`).
    ///
    /// With `refuseSeconds` the framework refuses these resources: until the filter
    /// expires, it is not offered a subset of them on this agent in this role.
    /// Like Mesos, the length is capped at 365 days, a negative or NaN value means
    /// the default 5 s, 0 means no filter, and a filter lasts at least one
    /// allocation interval.
    ///
    /// Giving back resources of an agent or framework that was removed is ignored.
    ///
    /// - Parameters:
    ///   - resources: what is given back; all of one allocation role
    ///     (`allocation_info.role`), or the framework must have a single role.
    ///   - refuseSeconds: `Filters.refuse_seconds`, or nil to install no filter.
    ///   - now: the current time, from which the filter's expiry is computed.
    public mutating func recoverResources(
        framework: FrameworkID,
        agent: AgentID,
        resources: [Resource],
        refuseSeconds: Double? = nil,
        now: ContinuousClock.Instant
    ) throws(AllocatorError) {
        guard let agentSlot = agentIndex[agent] else { return }
        let converted = try bag(from: resources)
        if converted.bag.isEmpty { return }
        guard let frameworkSlot = frameworkIndex[framework] else {
            releaseUntracked(agent: agentSlot, framework: framework, bag: converted.bag)
            return
        }
        guard let role = resolveRole(framework: frameworkSlot, allocationRole: converted.allocationRole) else {
            throw AllocatorError(
                .ambiguousRole,
                "Resources given back by framework \(framework) carry no allocation role and the framework has \(frameworks[Int(frameworkSlot)].roles.count) roles; keep allocation_info.role from the offer"
            )
        }
        try recover(
            agent: agentSlot, framework: frameworkSlot, role: role, bag: converted.bag, refuseSeconds: refuseSeconds,
            now: clock.ticks(now))
    }

    /// Gives back a whole offer (a DECLINE), optionally refusing it for `refuseSeconds`.
    /// The same as ``recoverResources(framework:agent:resources:refuseSeconds:now:)``
    /// with the offer's resources, without converting them.
    public mutating func recover(_ offer: AllocatorOffer, refuseSeconds: Double? = nil, now: ContinuousClock.Instant) throws(AllocatorError) {
        let origin = offer.origin
        guard origin.allocatorInstance == instance, offer.templates.count <= catalog.templates.count else {
            try recoverResources(
                framework: offer.frameworkID, agent: offer.agentID, resources: offer.resources,
                refuseSeconds: refuseSeconds, now: now)
            return
        }
        let agent = origin.agentSlot
        let client = origin.clientSlot
        if Int(agent) < agents.count, agents[Int(agent)].isLive, agents[Int(agent)].serial == origin.agentSerial,
            Int(client) < clients.count, clients[Int(client)].isLive, clients[Int(client)].serial == origin.clientSerial
        {
            try recover(
                agent: agent, framework: clients[Int(client)].framework, role: clients[Int(client)].role, bag: offer.bag,
                refuseSeconds: refuseSeconds, now: clock.ticks(now))
            return
        }
        // The agent or the framework's role was removed since (or the slot reused): by ID.
        guard let agentSlot = agentIndex[offer.agentID] else { return }
        guard let frameworkSlot = frameworkIndex[offer.frameworkID] else { return }
        guard let role = catalog.existingRoleID(offer.role) else { return }
        try recover(
            agent: agentSlot, framework: frameworkSlot, role: role, bag: offer.bag, refuseSeconds: refuseSeconds,
            now: clock.ticks(now))
    }

    /// Replaces resources a framework holds on an agent by converted ones (the
    /// allocator side of RESERVE, UNRESERVE, CREATE and DESTROY operations; Mesos's
    /// `updateAllocation`). The agent's total changes the same way.
    public mutating func updateAllocation(
        framework: FrameworkID,
        agent: AgentID,
        consumed: [Resource],
        converted: [Resource]
    ) throws(AllocatorError) {
        let agentSlot = try agentSlot(agent)
        let frameworkSlot = try frameworkSlot(framework)
        let from = try bag(from: consumed)
        let to = try bag(from: converted)
        guard let role = resolveRole(framework: frameworkSlot, allocationRole: from.allocationRole ?? to.allocationRole) else {
            throw AllocatorError(.ambiguousRole, "Converted resources of framework \(framework) carry no allocation role; keep allocation_info.role from the offer")
        }
        let client = client(framework: frameworkSlot, role: role)
        try untrack(agent: agentSlot, client: client, bag: from.bag)
        track(agent: agentSlot, client: client, bag: to.bag)
        var total = agents[Int(agentSlot)].total
        total.subtract(from.bag)
        total.add(to.bag)
        replaceTotal(of: agentSlot, with: total)
    }

    // MARK: - Internal

    func resolveRole(framework: Int32, allocationRole: String?) -> Int32? {
        if let allocationRole {
            return catalog.existingRoleID(allocationRole)
        }
        let subscribed = frameworks[Int(framework)].roles
        return subscribed.count == 1 ? subscribed.first : nil
    }

    mutating func recover(
        agent: Int32,
        framework: Int32,
        role: Int32,
        bag: ResourceBag,
        refuseSeconds: Double?,
        now: Int64
    ) throws(AllocatorError) {
        guard let client = frameworks[Int(framework)].clients[role] else {
            throw AllocatorError(
                .resourcesNotAllocated,
                "Framework \(frameworks[Int(framework)].id) holds nothing in role '\(catalog.roleNames[Int(role)])' on agent \(agents[Int(agent)].id); give back only what was offered"
            )
        }
        try untrack(agent: agent, client: client, bag: bag)
        agents[Int(agent)].available.add(bag)
        if agents[Int(agent)].availableIsPlain {
            agents[Int(agent)].availableIsPlain = isPlain(bag)
        }
        if let timeout = filterTimeout(refuseSeconds: refuseSeconds), clients[Int(client)].isLive {
            agents[Int(agent)].filters.install(
                client: client,
                epoch: clientEpochs[Int(client)],
                refused: bag,
                expiry: now.addingReportingOverflow(AllocatorClock.nanoseconds(timeout)).overflow
                    ? .max : now + AllocatorClock.nanoseconds(timeout),
                now: now,
                epochs: clientEpochs
            )
        }
        releaseClientIfUnused(client)
    }

    /// Mesos's refuse_seconds rules; nil means no filter.
    func filterTimeout(refuseSeconds: Double?) -> Duration? {
        guard var seconds = refuseSeconds else { return nil }
        if seconds.isNaN || seconds < 0 {
            seconds = Self.defaultRefuseSeconds
        } else if seconds > Self.maximumRefuseSeconds {
            seconds = Self.maximumRefuseSeconds
        }
        if seconds == 0 { return nil }
        let timeout = Duration.seconds(seconds)
        return max(timeout, options.allocationInterval)
    }

    /// Returns resources held back for a framework the allocator never learned about.
    mutating func releaseUntracked(agent: Int32, framework: FrameworkID, bag: ResourceBag) {
        guard let index = agents[Int(agent)].untracked.firstIndex(where: { $0.framework == framework }) else { return }
        let held = agents[Int(agent)].untracked[index].bag
        let released = held.subtracting(held.subtracting(bag))
        agents[Int(agent)].untracked[index].bag.subtract(released)
        if agents[Int(agent)].untracked[index].bag.isEmpty {
            agents[Int(agent)].untracked.remove(at: index)
        }
        agents[Int(agent)].available.add(released)
        agents[Int(agent)].availableIsPlain = isPlain(agents[Int(agent)].available)
    }
}
