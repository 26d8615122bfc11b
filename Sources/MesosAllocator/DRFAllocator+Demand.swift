import MesosModel

extension DRFAllocator {
    /// Declares (or with nil or an empty list, withdraws) the resources one task of the
    /// framework needs: the resources of the scheduler's REQUEST call.
    ///
    /// Frameworks with a declared demand get demand-sized offers: when such frameworks
    /// compete for an agent, its resources are split among them by DRF progressive
    /// filling over their task shapes, and each is offered its slice in the same round.
    /// Scalars count per task (`cpus:1;mem:4096`); a `RANGES` resource counts its
    /// number of values (`ports:[1-2]` is two ports). Reservations and roles on the
    /// demand are ignored: tasks draw on the role's reservations first, then on
    /// unreserved resources.
    public mutating func updateDemand(framework id: FrameworkID, task: [Resource]?) throws(AllocatorError) {
        let slot = try frameworkSlot(id)
        guard let task, !task.isEmpty else {
            frameworks[Int(slot)].demand = nil
            return
        }
        if task.count > 64 {
            throw AllocatorError(.invalidDemand, "Demand of framework \(id) lists \(task.count) resources; declare at most 64 per task")
        }
        var scalars: [Int32: Int64] = [:]
        var ranges: [Int32: UInt64] = [:]
        for resource in task {
            try ResourceCatalog.validate(resource)
            let name = catalog.nameID(resource.name)
            switch resource.type {
            case .scalar:
                scalars[name, default: 0] += FixedPoint.millis(resource.scalar?.value ?? 0)
            case .ranges:
                let count = RangeSet(normalizing: resource.ranges?.range ?? []).count
                ranges[name, default: 0] = min(ranges[name, default: 0] &+ count, 1 << 32)
            case .set, .text:
                throw AllocatorError(
                    .invalidDemand,
                    "Demand resource '\(resource.name)' is a \(resource.type.rawValue); declare task demand with SCALAR or RANGES resources"
                )
            }
        }
        let shape = TaskShape(
            scalars: scalars.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { TaskShape.Scalar(name: $0.key, millis: $0.value) },
            ranges: ranges.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { TaskShape.RangeCount(name: $0.key, count: $0.value) }
        )
        if shape.scalars.isEmpty {
            throw AllocatorError(
                .invalidDemand,
                "Demand of framework \(id) has no positive scalar resource; declare at least e.g. cpus or mem per task"
            )
        }
        frameworks[Int(slot)].demand = shape
    }

    // MARK: - Progressive filling

    /// One framework (in one role) taking part in progressive filling on an agent.
    struct FillParticipant {
        var client: Int32
        var role: Int32
        var framework: Int32
        var shape: TaskShape
        /// Dynamic DRF keys while filling.
        var share: Double
        var count: UInt64
        var allocation: ScalarVector
        var tasks = 0
        var open = true
        var fromReserved = ScalarVector()
        var fromUnreserved = ScalarVector()
        var rangeValues: [Int32: UInt64] = [:]
    }

    /// Splits the agent among every eligible framework with a declared demand by DRF
    /// progressive filling: repeatedly give one task to the framework first in
    /// two-level DRF order (role weighted share, then framework share) whose task still
    /// fits; stop when no task fits. Each framework is offered its slice.
    ///
    /// `trigger` is the (already visited) client whose turn started the filling.
    mutating func fillDemand(
        agent: Int32,
        trigger: Int32,
        quota: inout QuotaRound,
        now: Int64,
        stamp: UInt64,
        offers: inout [AllocatorOffer]
    ) {
        var candidates: [FillParticipant] = []
        for role in roleOrder.items {
            for client in roles[Int(role)].frameworkOrder.items where clientVisits[Int(client)] != stamp || client == trigger {
                let framework = clients[Int(client)].framework
                guard let shape = frameworks[Int(framework)].demand else { continue }
                clientVisits[Int(client)] = stamp
                let capabilities = frameworks[Int(framework)].capabilities
                if options.filterGPUResources && agents[Int(agent)].hasGPU && !capabilities.contains(.gpuResources) {
                    continue
                }
                let agentCapabilities = agents[Int(agent)].capabilities
                if capabilities.contains(.multiRole) && !agentCapabilities.contains(.multiRole) { continue }
                if !agentCapabilities.contains(.hierarchicalRole) && !catalog.roleAncestors[Int(role)].isEmpty { continue }
                candidates.append(
                    FillParticipant(
                        client: client, role: role, framework: framework, shape: shape,
                        share: clientKeys[Int(client)].share, count: clientKeys[Int(client)].count,
                        allocation: clients[Int(client)].allocation))
            }
        }
        if candidates.isEmpty { return }

        // Fill, then drop participants whose slice is filtered or too small, and refill.
        var excluded = Set<Int32>()
        var slices: [(participant: FillParticipant, bag: ResourceBag)] = []
        while true {
            let filled = progressiveFilling(agent: agent, participants: candidates.filter { !excluded.contains($0.client) }, quota: quota)
            slices = []
            var rejected = false
            var remaining = agents[Int(agent)].available
            for participant in filled where participant.tasks > 0 {
                let bag = carve(participant, from: remaining)
                remaining.subtract(bag)
                let minimum = minimum(framework: participant.framework, role: participant.role)
                filterMemo.removeAll(keepingCapacity: true)
                filterMemoIsForAvailable = false
                if !minimum.isSatisfied(by: bag, kinds: catalog.kinds)
                    || isFiltered(agent: agent, client: participant.client, role: participant.role,
                        framework: participant.framework, offer: bag, now: now)
                {
                    excluded.insert(participant.client)
                    rejected = true
                    break
                }
                slices.append((participant, bag))
            }
            if !rejected { break }
        }
        for slice in slices {
            let quotaAmount = catalog.quotaScalars(of: slice.bag)
            if roles[Int(slice.participant.role)].hasQuota {
                quota.consumed[slice.participant.role, default: ScalarVector()].add(quotaAmount)
            }
            quota.availableHeadroom.subtract(quotaAmount)
            makeOffer(agent: agent, client: slice.participant.client, bag: slice.bag, offers: &offers)
        }
    }

    /// The filling itself, on quantities only. Returns the participants with their task counts,
    /// in the order they first received a task.
    func progressiveFilling(agent: Int32, participants: [FillParticipant], quota: QuotaRound) -> [FillParticipant] {
        var participants = participants
        if participants.isEmpty { return [] }
        let kinds = catalog.kinds
        let available = agents[Int(agent)].available

        // Pools: unreserved (non-revocable, non-shared) scalars and ranges; reservations per role.
        var unreserved = ScalarVector()
        var unreservedRanges: [Int32: UInt64] = [:]
        for entry in available.entries {
            let kind = kinds[Int(entry.kind)]
            guard !kind.isRevocable, !kind.isShared, !kind.isReserved else { continue }
            switch entry.quantity {
            case .scalar(let millis): unreserved.add(Int(kind.name), millis)
            case .ranges(let ranges): unreservedRanges[kind.name, default: 0] &+= ranges.count
            case .set: break
            }
        }
        var reserved: [Int32: ScalarVector] = [:]
        var roleAllocation: [Int32: ScalarVector] = [:]
        var roleCount: [Int32: UInt64] = [:]
        var roleDrawn: [Int32: ScalarVector] = [:]
        for participant in participants where reserved[participant.role] == nil {
            var pool = ScalarVector()
            let refined = frameworks[Int(participant.framework)].capabilities.contains(.reservationRefinement)
            for entry in available.entries {
                let kind = kinds[Int(entry.kind)]
                guard kind.isReserved, !kind.isRevocable, !kind.isShared, refined || !kind.isRefined,
                    catalog.isReservation(kind.reservationRole, allocatableTo: participant.role),
                    case .scalar(let millis) = entry.quantity
                else { continue }
                pool.add(Int(kind.name), millis)
            }
            reserved[participant.role] = pool
            roleAllocation[participant.role] = roles[Int(participant.role)].allocation
            roleCount[participant.role] = roleKeys[Int(participant.role)].count
        }
        var drawnUnreserved = ScalarVector()
        var drawnRanges: [Int32: UInt64] = [:]
        let surplus = quota.enforcesHeadroom ? quota.surplusHeadroom : nil
        var firstGrant: [Int32: Int] = [:]
        var grants = 0

        while grants < options.maximumDemandTasksPerAgent {
            // The open participant first in two-level DRF order.
            var best = -1
            for index in participants.indices where participants[index].open {
                if best < 0 {
                    best = index
                    continue
                }
                let a = participants[index]
                let b = participants[best]
                let roleShareA = dominantShare(roleAllocation[a.role] ?? ScalarVector()) / roles[Int(a.role)].weight
                let roleShareB = dominantShare(roleAllocation[b.role] ?? ScalarVector()) / roles[Int(b.role)].weight
                let precedes: Bool
                if a.role != b.role {
                    if roleShareA != roleShareB {
                        precedes = roleShareA < roleShareB
                    } else if roleCount[a.role] != roleCount[b.role] {
                        precedes = (roleCount[a.role] ?? 0) < (roleCount[b.role] ?? 0)
                    } else {
                        precedes = roleKeys[Int(a.role)].rank < roleKeys[Int(b.role)].rank
                    }
                } else if a.share != b.share {
                    precedes = a.share < b.share
                } else if a.count != b.count {
                    precedes = a.count < b.count
                } else {
                    precedes = clientKeys[Int(a.client)].rank < clientKeys[Int(b.client)].rank
                }
                if precedes { best = index }
            }
            if best < 0 { break }

            // Does one more task fit?
            var participant = participants[best]
            let role = participant.role
            var pool = reserved[role] ?? ScalarVector()
            var take = ScalarVector()
            var fits = true
            let limits = roles[Int(role)].hasLimits
                ? remainingLimits(role: role, consumed: (quota.consumed[role] ?? ScalarVector()).adding(roleDrawn[role] ?? ScalarVector()))
                : nil
            for need in participant.shape.scalars {
                let name = Int(need.name)
                let fromPool = min(need.millis, pool[name])
                let rest = need.millis - fromPool
                if rest > 0 {
                    if unreserved[name] - drawnUnreserved[name] < rest { fits = false }
                    if let limits, limits[name] < rest { fits = false }
                    if let surplus, surplus[name] - drawnUnreserved[name] < rest { fits = false }
                }
                if !fits { break }
                pool[name] = pool[name] - fromPool
                take[name] = rest
            }
            if fits {
                for need in participant.shape.ranges {
                    let free = (unreservedRanges[need.name] ?? 0) - (drawnRanges[need.name] ?? 0)
                    if free < need.count { fits = false }
                }
            }
            if !fits {
                participants[best].open = false
                continue
            }
            // Grant it.
            reserved[role] = pool
            drawnUnreserved.add(take)
            roleDrawn[role, default: ScalarVector()].add(take)
            for need in participant.shape.ranges {
                drawnRanges[need.name, default: 0] += need.count
                participant.rangeValues[need.name, default: 0] += need.count
            }
            for need in participant.shape.scalars {
                let name = Int(need.name)
                participant.allocation.add(name, need.millis)
                roleAllocation[role, default: ScalarVector()].add(name, need.millis)
                let fromUnreserved = take[name]
                participant.fromUnreserved.add(name, fromUnreserved)
                participant.fromReserved.add(name, need.millis - fromUnreserved)
            }
            participant.tasks += 1
            participant.count &+= 1
            participant.share = dominantShare(participant.allocation)
            roleCount[role, default: 0] &+= 1
            if firstGrant[participant.client] == nil { firstGrant[participant.client] = grants }
            participants[best] = participant
            grants += 1
        }
        return participants
            .filter { $0.tasks > 0 }
            .sorted { (firstGrant[$0.client] ?? 0) < (firstGrant[$1.client] ?? 0) }
    }

    /// The actual resources of a participant's slice, taken from `available`:
    /// reserved scalars for its role first, then unreserved ones, then the lowest range values.
    func carve(_ participant: FillParticipant, from available: ResourceBag) -> ResourceBag {
        let kinds = catalog.kinds
        var reservedNeed = participant.fromReserved
        var unreservedNeed = participant.fromUnreserved
        var rangeNeed = participant.rangeValues
        let refined = frameworks[Int(participant.framework)].capabilities.contains(.reservationRefinement)
        var slice = ResourceBag()
        for entry in available.entries {
            let kind = kinds[Int(entry.kind)]
            guard !kind.isRevocable, !kind.isShared else { continue }
            let name = Int(kind.name)
            switch entry.quantity {
            case .scalar(let millis):
                if kind.isReserved {
                    guard refined || !kind.isRefined,
                        catalog.isReservation(kind.reservationRole, allocatableTo: participant.role)
                    else { continue }
                    let amount = min(millis, reservedNeed[name])
                    if amount > 0 {
                        slice.insert(kind: entry.kind, quantity: .scalar(amount))
                        reservedNeed[name] = reservedNeed[name] - amount
                    }
                } else {
                    let amount = min(millis, unreservedNeed[name])
                    if amount > 0 {
                        slice.insert(kind: entry.kind, quantity: .scalar(amount))
                        unreservedNeed[name] = unreservedNeed[name] - amount
                    }
                }
            case .ranges(let ranges):
                guard !kind.isReserved, let need = rangeNeed[kind.name], need > 0 else { continue }
                let taken = ranges.lowest(need)
                slice.insert(kind: entry.kind, quantity: .ranges(taken))
                rangeNeed[kind.name] = need - taken.count
            case .set:
                continue
            }
        }
        return slice
    }
}
