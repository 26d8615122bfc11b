import MesosModel

extension DRFAllocator {
    /// Runs an allocation round over every agent and returns the offers to make
    /// (Mesos's periodic `generateOffers`). Offered resources count as allocated
    /// immediately. Clears the pending candidates.
    public mutating func allocate(now: ContinuousClock.Instant) -> [AllocatorOffer] {
        clearPending()
        return runRound(candidates: agentOrder, now: clock.ticks(now))
    }

    /// Runs an allocation round over the given agents only (unknown IDs are ignored).
    public mutating func allocate(agents ids: [AgentID], now: ContinuousClock.Instant) -> [AllocatorOffer] {
        var candidates = ids.compactMap { agentIndex[$0] }
        candidates.sort { agents[Int($0)].orderPosition < agents[Int($1)].orderPosition }
        var unique: [Int32] = []
        for slot in candidates where unique.last != slot { unique.append(slot) }
        return runRound(candidates: unique, now: clock.ticks(now))
    }

    /// A whole round in slices: the agents in the allocator's order, `size` to a slice, for
    /// ``allocate(agents:now:)`` one slice after the other (the master serves other calls between
    /// slices). Clears the pending candidates, as ``allocate(now:)`` does. Each slice is a round
    /// over its agents, as Mesos runs one over the agents an event names: shares, filters and
    /// quota headroom are those of the moment the slice runs.
    public mutating func roundSlices(size: Int) -> [[AgentID]] {
        clearPending()
        let size = max(1, size)
        var slices: [[AgentID]] = []
        var slice: [AgentID] = []
        slice.reserveCapacity(min(size, agentOrder.count))
        for slot in agentOrder {
            slice.append(agents[Int(slot)].id)
            if slice.count == size {
                slices.append(slice)
                slice.removeAll(keepingCapacity: true)
            }
        }
        if !slice.isEmpty { slices.append(slice) }
        return slices
    }

    /// Whether events since the last round call for one (an agent added or updated,
    /// a framework added, activated or revived), as Mesos would batch into its next run.
    public var hasPendingAllocation: Bool {
        pendingAllAgents || !pendingAgents.isEmpty
    }

    /// Runs a round over the agents that events made candidates since the last round
    /// (all agents after framework events); returns no offers when there are none.
    public mutating func allocatePending(now: ContinuousClock.Instant) -> [AllocatorOffer] {
        guard hasPendingAllocation else { return [] }
        var candidates: [Int32]
        if pendingAllAgents {
            candidates = agentOrder
        } else {
            candidates = pendingAgents.filter { agents[Int($0)].isLive }
            candidates.sort { agents[Int($0)].orderPosition < agents[Int($1)].orderPosition }
        }
        clearPending()
        return runRound(candidates: candidates, now: clock.ticks(now))
    }

    mutating func clearPending() {
        for slot in pendingAgents where Int(slot) < agents.count {
            agents[Int(slot)].isPendingCandidate = false
        }
        pendingAgents.removeAll(keepingCapacity: true)
        pendingAllAgents = false
    }

    // MARK: - The round

    mutating func runRound(candidates: [Int32], now: Int64) -> [AllocatorOffer] {
        refreshSharesIfNeeded()
        var order = candidates.filter { agents[Int($0)].isLive && agents[Int($0)].isActivated }
        var offers: [AllocatorOffer] = []
        var quota = makeQuotaRound()

        // Stage 1: roles with unsatisfied quota guarantees.
        order.allocatorShuffle(using: &random)
        if quota.isActive {
            for agent in order where !agents[Int(agent)].available.isEmpty {
                allocateGuarantees(agent: agent, quota: &quota, now: now, offers: &offers)
            }
        }
        let quotaOffers = offers.count

        // Stage 2: everyone, in DRF order; shuffled again to spread stage 1's effect.
        order.allocatorShuffle(using: &random)
        for position in order.indices {
            prefetchAgents(after: position, in: order)
            let agent = order[position]
            if agents[Int(agent)].available.isEmpty { continue }
            allocateFairly(agent: agent, quota: &quota, now: now, offers: &offers)
        }
        if quotaOffers > 0 {
            offers = mergeOffers(offers)
        }
        return offers
    }

    /// Offers `bag` on `agent` to `client` and records it as allocated.
    @inline(__always)
    mutating func makeOffer(agent: Int32, client: Int32, bag: ResourceBag, offers: inout [AllocatorOffer]) {
        blockedClientsAreCurrent = false
        let framework = clients[Int(client)].framework
        let role = clients[Int(client)].role
        offers.append(
            AllocatorOffer(
                frameworkID: frameworks[Int(framework)].id,
                agentID: agents[Int(agent)].id,
                role: catalog.roleNames[Int(role)],
                bag: bag,
                templates: catalog.templates, downgradedTemplates: catalog.downgradedTemplates,
                origin: AllocatorOffer.Origin(
                    allocatorInstance: instance, frameworkSlot: framework,
                    agentSlot: agent, agentSerial: agents[Int(agent)].serial,
                    clientSlot: client, clientSerial: clients[Int(client)].serial)
            ))
        if bag == agents[Int(agent)].available {
            agents[Int(agent)].available = ResourceBag()
            agents[Int(agent)].availableIsPlain = true
        } else {
            agents[Int(agent)].available.subtract(bag)
            if !agents[Int(agent)].availableIsPlain {
                agents[Int(agent)].availableIsPlain = isPlain(agents[Int(agent)].available)
            }
        }
        track(agent: agent, client: client, bag: bag)
    }

    /// Stage 2 on one agent: roles in DRF order, frameworks in DRF order, each offered
    /// everything it may take (Mesos semantics), or a demand-sized slice.
    mutating func allocateFairly(agent: Int32, quota: inout QuotaRound, now: Int64, offers: inout [AllocatorOffer]) {
        visitStamp &+= 1
        let stamp = visitStamp
        filterMemo.removeAll(keepingCapacity: true)
        filterMemoIsForAvailable = false
        let usesBlockedClients = prepareBlockedClients(agent: agent, now: now)
        defer {
            if usesBlockedClients {
                agents[Int(agent)].blockedClients = visitBlocked
                visitBlocked = .empty
            }
        }
        var roleCursor = 0
        while roleCursor < roleOrder.count {
            if agents[Int(agent)].available.isEmpty { return }
            let role = roleOrder.items[roleCursor]
            if roleVisits[Int(role)] == stamp {
                roleCursor += 1
                continue
            }
            roleVisits[Int(role)] = stamp
            if roles[Int(role)].frameworkOrder.isEmpty {
                roleCursor += 1
                continue
            }
            var cursor = 0
            while cursor < roles[Int(role)].frameworkOrder.count {
                let client = roles[Int(role)].frameworkOrder.items[cursor]
                if clientVisits[Int(client)] == stamp {
                    cursor += 1
                    continue
                }
                clientVisits[Int(client)] = stamp
                if blockedClientsAreCurrent && !roles[Int(role)].hasLimits && !quota.enforcesHeadroom
                    && visitBlocked.contains(client)
                {
                    cursor += 1
                    continue
                }
                let framework = clients[Int(client)].framework
                if options.demandSizedOffers, frameworks[Int(framework)].demand != nil {
                    let before = offers.count
                    fillDemand(agent: agent, trigger: client, quota: &quota, now: now, stamp: stamp, offers: &offers)
                    if offers.count == before { cursor += 1 }
                    filterMemo.removeAll(keepingCapacity: true)
                    filterMemoIsForAvailable = false
                    if agents[Int(agent)].available.isEmpty { break }
                    continue
                }
                switch fairOffer(agent: agent, client: client, role: role, framework: framework, quota: quota, now: now) {
                case .stop:
                    cursor = Int.max
                case .skip:
                    cursor += 1
                case .offer(let bag, let quotaAmount):
                    if roles[Int(role)].hasQuota {
                        quota.consumed[role, default: ScalarVector()].add(quotaAmount)
                    }
                    quota.availableHeadroom.subtract(quotaAmount)
                    makeOffer(agent: agent, client: client, bag: bag, offers: &offers)
                    filterMemo.removeAll(keepingCapacity: true)
                    filterMemoIsForAvailable = false
                // The client moved right in the order (its share grew): the next
                // unvisited client is now at `cursor`.
                }
            }
            // The role moved right if it was allocated anything; unvisited roles shift left.
            if roleOrder.items[roleCursor] == role { roleCursor += 1 }
        }
    }

    enum Decision {
        /// Nothing more for this role on this agent.
        case stop
        /// Not this framework.
        case skip
        /// Offer these resources; the quantity counts toward quota and headroom.
        case offer(ResourceBag, quota: ScalarVector)
    }

    /// What stage 2 offers `client` on `agent`: Mesos's `available.allocatableTo(role)`,
    /// stripped of what the framework cannot use, with unreserved scalars shrunk to the
    /// role's limits and to the surplus headroom; filtered and minimum-checked.
    @inline(__always)
    mutating func fairOffer(
        agent: Int32,
        client: Int32,
        role: Int32,
        framework: Int32,
        quota: QuotaRound,
        now: Int64
    ) -> Decision {
        let capabilities = frameworks[Int(framework)].capabilities
        if agents[Int(agent)].available.isEmpty { return .stop }
        if options.filterGPUResources && agents[Int(agent)].hasGPU && !capabilities.contains(.gpuResources) {
            return .skip
        }
        let minimum = minimum(framework: framework, role: role)
        let kinds = catalog.kinds

        // Fast path: everything available is plain and nothing shrinks it, so every
        // framework would be offered the same thing and filter checks can share a memo.
        if agents[Int(agent)].availableIsPlain && !roles[Int(role)].hasLimits && !quota.enforcesHeadroom {
            let offer = agents[Int(agent)].available
            if !minimum.isSatisfied(by: offer, kinds: kinds) { return .skip }
            if !filterMemoIsForAvailable {
                filterMemo.removeAll(keepingCapacity: true)
                filterMemoIsForAvailable = true
            }
            if isFilteredByCapabilities(agent: agent, role: role, framework: framework) { return .skip }
            if !agents[Int(agent)].filters.isEmpty,
                let expiry = agents[Int(agent)].filters.blockingExpiry(
                    client: client, epoch: clientEpochs[Int(client)], now: now, offer: offer, memo: &filterMemo)
            {
                if blockedClientsAreCurrent {
                    visitBlocked.insert(client, blockedUntil: expiry)
                }
                return .skip
            }
            return .offer(offer, quota: quota.isActive ? catalog.quotaScalars(of: offer) : ScalarVector())
        }

        let available = allocatable(agents[Int(agent)].available, to: role)
        if available.isEmpty { return .stop }
        if !minimum.isSatisfied(by: available, kinds: kinds) { return .skip }
        let usable = strip(available, for: capabilities)

        // Reservations, non-scalars and revocable resources are always offered.
        var offer = usable.filter { kinds[Int($0)].isReserved || !kinds[Int($0)].isScalar || kinds[Int($0)].isRevocable }
        var additional = usable.filter { kinds[Int($0)].isQuotaScalar }
        if roles[Int(role)].hasLimits {
            additional = shrink(additional, toLimits: remainingLimits(role: role, consumed: quota.consumed[role] ?? ScalarVector()))
        }
        if quota.enforcesHeadroom && !additional.isEmpty {
            additional = shrink(additional, toQuantities: quota.surplusHeadroom)
        }
        offer.add(additional)
        if !minimum.isSatisfied(by: offer, kinds: kinds) { return .skip }
        filterMemo.removeAll(keepingCapacity: true)
        filterMemoIsForAvailable = false
        if isFiltered(agent: agent, client: client, role: role, framework: framework, offer: offer, now: now) {
            return .skip
        }
        return .offer(offer, quota: catalog.scalarTotals(of: additional))
    }

    /// Stage 1 on one agent: roles with unsatisfied guarantees get unreserved resources
    /// toward them (plus their own reservations and what may burst up to their limits).
    mutating func allocateGuarantees(agent: Int32, quota: inout QuotaRound, now: Int64, offers: inout [AllocatorOffer]) {
        visitStamp &+= 1
        let stamp = visitStamp
        let kinds = catalog.kinds
        var roleCursor = 0
        while roleCursor < roleOrder.count {
            let role = roleOrder.items[roleCursor]
            if roleVisits[Int(role)] == stamp {
                roleCursor += 1
                continue
            }
            roleVisits[Int(role)] = stamp
            let state = roles[Int(role)]
            if state.guarantees.isZero || state.clients.isEmpty {
                roleCursor += 1
                continue
            }
            if agents[Int(agent)].available.isEmpty { return }
            var unsatisfied = state.guarantees.subtracting(quota.consumed[role] ?? ScalarVector())
            if unsatisfied.isZero {
                roleCursor += 1
                continue
            }
            var cursor = 0
            while cursor < roles[Int(role)].frameworkOrder.count && !unsatisfied.isZero {
                let client = roles[Int(role)].frameworkOrder.items[cursor]
                if clientVisits[Int(client)] == stamp {
                    cursor += 1
                    continue
                }
                clientVisits[Int(client)] = stamp
                let framework = clients[Int(client)].framework
                let available = allocatable(agents[Int(agent)].available, to: role)
                if available.isEmpty { break }
                let minimum = minimum(framework: framework, role: role)
                let capabilities = frameworks[Int(framework)].capabilities
                guard minimum.isSatisfied(by: available, kinds: kinds),
                    !(options.filterGPUResources && agents[Int(agent)].hasGPU && !capabilities.contains(.gpuResources))
                else {
                    cursor += 1
                    continue
                }
                let usable = strip(available, for: capabilities)
                let quotaResources = usable.filter { kinds[Int($0)].isQuotaScalar }
                let guaranteed = shrink(quotaResources, toQuantities: unsatisfied)
                if guaranteed.isEmpty {
                    cursor += 1
                    continue
                }
                var offer = guaranteed
                offer.add(
                    usable.filter {
                        kinds[Int($0)].reservationRole == role || !kinds[Int($0)].isScalar || kinds[Int($0)].isRevocable
                    })
                var additional = quotaResources.subtracting(guaranteed)
                let guaranteedAmount = catalog.scalarTotals(of: guaranteed)
                if state.hasLimits {
                    let consumed = (quota.consumed[role] ?? ScalarVector()).adding(guaranteedAmount)
                    additional = shrink(additional, toLimits: remainingLimits(role: role, consumed: consumed))
                }
                if quota.enforcesHeadroom && !additional.isEmpty {
                    additional = shrink(additional, toQuantities: quota.surplusHeadroom)
                }
                offer.add(additional)
                filterMemo.removeAll(keepingCapacity: true)
                filterMemoIsForAvailable = false
                if !minimum.isSatisfied(by: offer, kinds: kinds)
                    || isFiltered(agent: agent, client: client, role: role, framework: framework, offer: offer, now: now)
                {
                    cursor += 1
                    continue
                }
                let increase = guaranteedAmount.adding(catalog.scalarTotals(of: additional))
                unsatisfied.subtract(increase)
                quota.consumed[role, default: ScalarVector()].add(increase)
                quota.requiredHeadroom.subtract(guaranteedAmount)
                quota.availableHeadroom.subtract(increase)
                makeOffer(agent: agent, client: client, bag: offer, offers: &offers)
            }
            if roleOrder.items[roleCursor] == role { roleCursor += 1 }
        }
    }

    // MARK: - Building blocks

    /// The minimum allocatable resources for the framework in the role.
    @inline(__always)
    func minimum(framework: Int32, role: Int32) -> CompiledMinimum {
        if frameworks[Int(framework)].minimums.isEmpty { return defaultMinimum }
        return frameworks[Int(framework)].minimums[role] ?? defaultMinimum
    }

    /// The part of `bag` that may be allocated to `role`: unreserved, or reserved for
    /// the role or one of its ancestors (Mesos's `allocatableTo`).
    func allocatable(_ bag: ResourceBag, to role: Int32) -> ResourceBag {
        let kinds = catalog.kinds
        let catalog = self.catalog
        if bag.allKinds({ kinds[Int($0)].reservationRole < 0 }) { return bag }
        return bag.filter { kind in
            let reservation = kinds[Int(kind)].reservationRole
            return reservation < 0 || catalog.isReservation(reservation, allocatableTo: role)
        }
    }

    /// Drops what the framework's capabilities do not allow (Mesos's `stripIncapableResources`).
    func strip(_ bag: ResourceBag, for capabilities: FrameworkCapabilities) -> ResourceBag {
        let kinds = catalog.kinds
        let shared = capabilities.contains(.sharedResources)
        let revocable = capabilities.contains(.revocableResources)
        let refined = capabilities.contains(.reservationRefinement)
        let keep: (Int32) -> Bool = { kind in
            let info = kinds[Int(kind)]
            return (shared || !info.isShared) && (revocable || !info.isRevocable) && (refined || !info.isRefined)
        }
        return bag.allKinds(keep) ? bag : bag.filter(keep)
    }

    /// Mesos's `isFiltered`: MULTI_ROLE and HIERARCHICAL_ROLE agent capabilities, then
    /// the client's refusal filters on the agent.
    @inline(__always)
    mutating func isFiltered(
        agent: Int32,
        client: Int32,
        role: Int32,
        framework: Int32,
        offer: ResourceBag,
        now: Int64
    ) -> Bool {
        if isFilteredByCapabilities(agent: agent, role: role, framework: framework) { return true }
        if agents[Int(agent)].filters.isEmpty { return false }
        return agents[Int(agent)].filters.blockingExpiry(
            client: client, epoch: clientEpochs[Int(client)], now: now, offer: offer, memo: &filterMemo) != nil
    }

    /// MULTI_ROLE frameworks need MULTI_ROLE agents; hierarchical roles need HIERARCHICAL_ROLE agents.
    @inline(__always)
    func isFilteredByCapabilities(agent: Int32, role: Int32, framework: Int32) -> Bool {
        let agentCapabilities = agents[Int(agent)].capabilities
        if frameworks[Int(framework)].capabilities.contains(.multiRole) && !agentCapabilities.contains(.multiRole) {
            return true
        }
        return !agentCapabilities.contains(.hierarchicalRole) && !catalog.roleAncestors[Int(role)].isEmpty
    }

    /// Moves the agent's cache of clients blocked by filters into `visitBlocked`,
    /// restarting it when stale, for a stage-2 visit of an agent whose free resources
    /// are all plain. Returns whether the visit uses it (and must put it back).
    mutating func prepareBlockedClients(agent: Int32, now: Int64) -> Bool {
        blockedClientsAreCurrent = false
        guard agents[Int(agent)].availableIsPlain, !agents[Int(agent)].filters.isEmpty else {
            agents[Int(agent)].blockedClients = nil
            return false
        }
        let cache = agents[Int(agent)].blockedClients
        agents[Int(agent)].blockedClients = nil
        let available = agents[Int(agent)].available
        if let cache, cache.isValid(for: available, epoch: filterClearEpoch, now: now) {
            visitBlocked = cache
        } else {
            visitBlocked = BlockedClientCache(available: available, epoch: filterClearEpoch)
        }
        blockedClientsAreCurrent = true
        return true
    }

    /// Keeps at most `target` of each name (Mesos's `shrinkResources` with quantities):
    /// names with no target are dropped; divisible scalars are cut down.
    func shrink(_ bag: ResourceBag, toQuantities target: ScalarVector) -> ResourceBag {
        var remaining = target
        var result: [ResourceBag.Entry] = []
        let kinds = catalog.kinds
        for entry in bag.entries {
            let kind = kinds[Int(entry.kind)]
            let name = Int(kind.name)
            let room = remaining[name]
            if room <= 0 { continue }
            guard case .scalar(let millis) = entry.quantity else { continue }
            if millis <= room {
                result.append(entry)
                remaining[name] = room - millis
            } else if kind.isDivisible {
                result.append(ResourceBag.Entry(kind: entry.kind, quantity: .scalar(room)))
                remaining[name] = 0
            }
        }
        return ResourceBag(sortedEntries: result)
    }

    /// Keeps at most the remaining limit of each limited name; unlimited names stay whole.
    func shrink(_ bag: ResourceBag, toLimits limits: LimitVector) -> ResourceBag {
        var remaining = limits
        var result: [ResourceBag.Entry] = []
        let kinds = catalog.kinds
        for entry in bag.entries {
            let kind = kinds[Int(entry.kind)]
            let name = Int(kind.name)
            let room = remaining[name]
            if room == .max {
                result.append(entry)
                continue
            }
            if room <= 0 { continue }
            guard case .scalar(let millis) = entry.quantity else { continue }
            if millis <= room {
                result.append(entry)
                remaining.millis[name] = room - millis
            } else if kind.isDivisible {
                result.append(ResourceBag.Entry(kind: entry.kind, quantity: .scalar(room)))
                remaining.millis[name] = 0
            }
        }
        return ResourceBag(sortedEntries: result)
    }

    /// `limits - consumed` for the role (unlimited names stay unlimited).
    func remainingLimits(role: Int32, consumed: ScalarVector) -> LimitVector {
        let limits = roles[Int(role)].limits
        var room = [Int64](repeating: .max, count: limits.count)
        for name in 0..<limits.count where limits[name] != .max {
            room[name] = max(0, limits[name] - consumed[name])
        }
        return LimitVector(millis: room)
    }

    /// The round's quota state, computed from scratch like Mesos does each round.
    func makeQuotaRound() -> QuotaRound {
        var quota = QuotaRound()
        guard !quotaRoles.isEmpty else { return quota }
        quota.isActive = true
        for role in quotaRoles.sorted() {
            let state = roles[Int(role)]
            let consumed = state.consumedQuota
            quota.consumed[role] = consumed
            quota.requiredHeadroom.add(state.guarantees.subtracting(consumed))
        }
        for slot in agentOrder {
            quota.availableHeadroom.add(catalog.quotaScalars(of: agents[Int(slot)].available))
        }
        return quota
    }

    /// Combines offers for the same framework, role and agent (stage 1 and stage 2 may
    /// both offer on an agent), keeping first-offer order.
    func mergeOffers(_ offers: [AllocatorOffer]) -> [AllocatorOffer] {
        struct Key: Hashable {
            var framework: FrameworkID
            var agent: AgentID
            var role: String
        }
        var positions: [Key: Int] = [:]
        var merged: [AllocatorOffer] = []
        for offer in offers {
            let key = Key(framework: offer.frameworkID, agent: offer.agentID, role: offer.role)
            if let index = positions[key] {
                let previous = merged[index]
                merged[index] = AllocatorOffer(
                    frameworkID: previous.frameworkID, agentID: previous.agentID, role: previous.role,
                    bag: previous.bag.adding(offer.bag), templates: catalog.templates,
                    downgradedTemplates: catalog.downgradedTemplates, origin: previous.origin)
            } else {
                positions[key] = merged.count
                merged.append(offer)
            }
        }
        return merged
    }
}
