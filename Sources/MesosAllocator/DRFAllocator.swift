import MesosModel

/// Mesos's hierarchical DRF allocator as a pure value: events in, offers out.
///
/// The allocator decides which framework is offered which resources. It performs
/// no IO and owns no clock or randomness: the current time is passed to the calls
/// that need it, and the agent visiting order comes from the injected
/// ``SplitMix64``. The same seed and the same event sequence always produce the
/// same offers. The master drives it: it reports agents and frameworks as they
/// come and go, gives resources back with ``recoverResources(framework:agent:resources:refuseSeconds:now:)``,
/// and runs ``allocate(now:)`` every allocation interval (or
/// ``allocatePending(now:)`` after events that call for one, as Mesos does).
///
/// Semantics follow Mesos's `HierarchicalDRFAllocator` (two-level DRF over roles
/// and frameworks, offer filters, SUPPRESS/REVIVE, minimum allocatable resources,
/// weights, quota guarantees, limits and headroom, reservations, GPU gating), plus
/// demand-sized offers for frameworks that declare their task shape with
/// ``updateDemand(framework:task:)``. See `Docs/allocator.md`.
///
/// Internally agents, frameworks and roles are dense integer indices, resources are
/// compact interned bags, and each role keeps its frameworks sorted by DRF key
/// incrementally, so a round costs about O(agents × log frameworks).
public struct DRFAllocator: Sendable {
    /// The configuration.
    public let options: AllocatorOptions

    var random: SplitMix64
    let instance: UInt64
    var catalog = ResourceCatalog()
    var defaultMinimum: CompiledMinimum
    var excludedNames: Set<Int32>

    // Agents, by dense index; removed slots are reused.
    var agents: [AgentState] = []
    var agentIndex: [AgentID: Int32] = [:]
    var freeAgentSlots: [Int32] = []
    /// Live agents in insertion order (removal swaps the last one into the hole).
    var agentOrder: [Int32] = []

    // Frameworks.
    var frameworks: [FrameworkState] = []
    var frameworkIndex: [FrameworkID: Int32] = [:]
    var freeFrameworkSlots: [Int32] = []

    // Clients: (framework, role) pairs.
    var clients: [ClientState] = []
    var clientKeys: [ShareKey] = []
    /// Bumped whenever a client's filters are cleared or its slot is released.
    var clientEpochs: [UInt32] = []
    var clientVisits: [UInt64] = []
    var freeClientSlots: [Int32] = []

    // Roles, indexed like the catalog's roles.
    var roles: [RoleState] = []
    var roleKeys: [ShareKey] = []
    var roleVisits: [UInt64] = []
    var roleOrder = ShareOrder()
    /// Roles with a non-default quota.
    var quotaRoles: Set<Int32> = []

    // Tie-breaking ranks of framework IDs and role names.
    var frameworkRanking = NameRanking()
    var roleRanking = NameRanking()

    // Dominant share denominators.
    var clusterTotal = ScalarVector()
    var shareDivisors: [(name: Int, total: Double)] = []
    var sharesDirty = false

    // Round scratch space.
    var visitStamp: UInt64 = 0
    var filterMemo: [UInt8] = []
    /// `filterMemo` holds verdicts for the agent's whole available resources.
    var filterMemoIsForAvailable = false
    /// Bumped whenever any offer filter is cleared; invalidates every `BlockedClientCache`.
    var filterClearEpoch: UInt64 = 0
    /// The visited agent's `blockedClients` describe its current free resources.
    var blockedClientsAreCurrent = false
    /// The visited agent's blocked-client cache, moved out of the agent during its visit.
    var visitBlocked = BlockedClientCache.empty
    var clock = AllocatorClock()
    /// Source of agent and client serials.
    var nextSerial: UInt64 = 0

    // Candidates for `allocatePending`.
    var pendingAllAgents = false
    var pendingAgents: [Int32] = []

    /// Refusal length when a filter asks for none or a negative one (`Filters.refuse_seconds` default).
    public static let defaultRefuseSeconds = 5.0
    /// Longest refusal honoured: 365 days.
    public static let maximumRefuseSeconds = 365.0 * 24 * 3600

    /// Creates an empty allocator.
    ///
    /// - Parameters:
    ///   - options: configuration; defaults match Mesos's master flags.
    ///   - random: the source of the agent visiting order.
    public init(options: AllocatorOptions = AllocatorOptions(), random: SplitMix64 = SplitMix64(seed: 0)) {
        self.options = options
        var random = random
        self.instance = random.next()
        self.random = random
        var catalog = ResourceCatalog()
        self.defaultMinimum = CompiledMinimum(options.minAllocatableResources, catalog: &catalog)
        var excluded: Set<Int32> = []
        for name in options.fairnessExcludedResourceNames {
            excluded.insert(catalog.nameID(name))
        }
        self.excludedNames = excluded
        self.catalog = catalog
    }

    // MARK: - Dominant shares

    /// Recomputes the share denominators from the cluster total.
    mutating func recomputeShareDivisors() {
        var divisors: [(name: Int, total: Double)] = []
        for name in 0..<clusterTotal.count where clusterTotal[name] > 0 && !excludedNames.contains(Int32(name)) {
            divisors.append((name: name, total: Double(clusterTotal[name])))
        }
        shareDivisors = divisors
    }

    /// max over resources of allocated / total (excluded resources ignored).
    @inline(__always)
    func dominantShare(_ allocation: ScalarVector) -> Double {
        var share = 0.0
        for divisor in shareDivisors {
            let amount = allocation[divisor.name]
            if amount > 0 {
                let ratio = Double(amount) / divisor.total
                if ratio > share { share = ratio }
            }
        }
        return share
    }

    @inline(__always)
    func roleShare(_ role: Int32) -> Double {
        let state = roles[Int(role)]
        return dominantShare(state.allocation) / state.weight
    }

    /// Brings every key and order up to date after the cluster total changed.
    mutating func refreshSharesIfNeeded() {
        guard sharesDirty else { return }
        sharesDirty = false
        recomputeShareDivisors()
        for index in clients.indices where clients[index].isLive {
            clientKeys[index].share = dominantShare(clients[index].allocation)
        }
        for role in roles.indices where roles[role].isInRoleOrder {
            roleKeys[role].share = roleShare(Int32(role))
            roles[role].frameworkOrder.sort(keys: clientKeys)
        }
        roleOrder.sort(keys: roleKeys)
    }

    // MARK: - Storage helpers

    /// Makes per-role storage cover every role the catalog knows.
    mutating func ensureRoleStorage() {
        let generation = roleRanking.generation
        while roles.count < catalog.roleNames.count {
            roleKeys.append(ShareKey(rank: roleRanking.rank(of: catalog.roleNames[roles.count])))
            roles.append(RoleState())
            roleVisits.append(0)
        }
        if roleRanking.generation != generation {
            for role in roleKeys.indices {
                roleKeys[role].rank = roleRanking.existingRank(of: catalog.roleNames[role])
            }
        }
    }

    mutating func roleID(_ name: String) -> Int32 {
        let id = catalog.roleID(name)
        ensureRoleStorage()
        return id
    }

    mutating func bag(from resources: some Sequence<Resource>) throws(AllocatorError) -> (bag: ResourceBag, allocationRole: String?) {
        let result = try catalog.bag(from: resources)
        ensureRoleStorage()
        return result
    }

    func isPlain(_ bag: ResourceBag) -> Bool {
        let kinds = catalog.kinds
        return bag.allKinds { kinds[Int($0)].isPlain }
    }

    func hasGPU(_ bag: ResourceBag) -> Bool {
        guard let gpus = catalog.existingNameID("gpus") else { return false }
        return catalog.scalarTotals(of: bag)[Int(gpus)] > 0
    }

    // MARK: - Clients

    /// The client of `framework` in `role`, created (inactive) when missing.
    mutating func client(framework: Int32, role: Int32) -> Int32 {
        if let existing = frameworks[Int(framework)].clients[role] { return existing }
        let id: Int32
        let key = ShareKey(rank: frameworks[Int(framework)].rank)
        nextSerial &+= 1
        var state = ClientState(framework: framework, role: role)
        state.serial = nextSerial
        if let slot = freeClientSlots.popLast() {
            id = slot
            clients[Int(id)] = state
            clientKeys[Int(id)] = key
        } else {
            id = Int32(clients.count)
            clients.append(state)
            clientKeys.append(key)
            clientEpochs.append(0)
            clientVisits.append(0)
        }
        frameworks[Int(framework)].clients[role] = id
        roles[Int(role)].clients.append(id)
        if !roles[Int(role)].isInRoleOrder {
            // A fresh node in Mesos's role sorter: no allocations, count zero.
            roles[Int(role)].isInRoleOrder = true
            roleKeys[Int(role)].count = 0
            roleKeys[Int(role)].share = sharesDirty ? 0 : roleShare(role)
            // With stale keys the order is re-sorted by `refreshSharesIfNeeded` before use.
            roleOrder.insert(role, keys: roleKeys)
        }
        return id
    }

    /// Ranks a new framework's ID, re-reading every rank if the ranking was renumbered.
    mutating func rankFramework(_ slot: Int32) {
        let generation = frameworkRanking.generation
        frameworks[Int(slot)].rank = frameworkRanking.rank(of: frameworks[Int(slot)].id.value)
        guard frameworkRanking.generation != generation else { return }
        for index in frameworks.indices where frameworks[index].isLive {
            frameworks[index].rank = frameworkRanking.existingRank(of: frameworks[index].id.value)
        }
        for index in clients.indices where clients[index].isLive {
            clientKeys[index].rank = frameworks[Int(clients[index].framework)].rank
        }
    }

    /// Puts the client in or out of its role's framework order as its framework's state says.
    mutating func updateActivation(of client: Int32) {
        let state = clients[Int(client)]
        let framework = frameworks[Int(state.framework)]
        let shouldBeActive =
            framework.isActive && framework.roles.contains(state.role) && !framework.suppressed.contains(state.role)
        guard shouldBeActive != state.isActive else { return }
        clients[Int(client)].isActive = shouldBeActive
        if shouldBeActive {
            if !sharesDirty { clientKeys[Int(client)].share = dominantShare(state.allocation) }
            roles[Int(state.role)].frameworkOrder.insert(client, keys: clientKeys)
        } else {
            roles[Int(state.role)].frameworkOrder.remove(client, keys: clientKeys)
        }
    }

    /// Invalidates every offer filter of the client.
    mutating func clearFilters(of client: Int32) {
        clientEpochs[Int(client)] &+= 1
        filterClearEpoch &+= 1
    }

    /// Releases the client when its framework left the role and it holds nothing.
    mutating func releaseClientIfUnused(_ client: Int32) {
        let state = clients[Int(client)]
        guard state.isLive, state.heldAgents == 0,
            !frameworks[Int(state.framework)].roles.contains(state.role)
        else { return }
        if state.isActive {
            roles[Int(state.role)].frameworkOrder.remove(client, keys: clientKeys)
        }
        frameworks[Int(state.framework)].clients[state.role] = nil
        let role = Int(state.role)
        if let position = roles[role].clients.firstIndex(of: client) {
            roles[role].clients.remove(at: position)
        }
        if roles[role].clients.isEmpty && roles[role].isInRoleOrder {
            roleOrder.remove(state.role, keys: roleKeys)
            roles[role].isInRoleOrder = false
        }
        clients[Int(client)].isLive = false
        clients[Int(client)].isActive = false
        clearFilters(of: client)
        freeClientSlots.append(client)
    }

    // MARK: - Tracking allocations

    /// Records that `bag` on `agent` is offered or allocated to `client`, updating
    /// shares and DRF orders (Mesos's `trackAllocatedResources`).
    mutating func track(agent: Int32, client: Int32, bag: ResourceBag) {
        if let index = agents[Int(agent)].holdingIndex(of: client) {
            agents[Int(agent)].holdings[index].bag.add(bag)
        } else {
            agents[Int(agent)].holdings.append(AgentState.Holding(client: client, bag: bag))
            clients[Int(client)].heldAgents += 1
        }
        addToShares(client: client, bag: bag, sign: 1)
    }

    /// Reverses ``track(agent:client:bag:)`` for part of a holding.
    mutating func untrack(agent: Int32, client: Int32, bag: ResourceBag) throws(AllocatorError) {
        guard let index = agents[Int(agent)].holdingIndex(of: client),
            agents[Int(agent)].holdings[index].bag.contains(bag)
        else {
            throw AllocatorError(
                .resourcesNotAllocated,
                "Resources given back by framework \(frameworks[Int(clients[Int(client)].framework)].id) on agent \(agents[Int(agent)].id) are not all offered or allocated to it in role '\(catalog.roleNames[Int(clients[Int(client)].role)])'; give back only what was offered"
            )
        }
        agents[Int(agent)].holdings[index].bag.subtract(bag)
        if agents[Int(agent)].holdings[index].bag.isEmpty {
            agents[Int(agent)].holdings.remove(at: index)
            clients[Int(client)].heldAgents -= 1
        }
        addToShares(client: client, bag: bag, sign: -1)
    }

    /// Adds (`sign` 1) or removes (`sign` -1) a bag's scalars to the client, its role and
    /// the role's quota accounting, then moves both in DRF order.
    mutating func addToShares(client: Int32, bag: ResourceBag, sign: Int64) {
        let role = clients[Int(client)].role
        let top = Int(catalog.topLevelRole(of: role))
        // Locate both while their keys are still the ones they are sorted by.
        let clientPosition =
            !sharesDirty && clients[Int(client)].isActive
            ? roles[Int(role)].frameworkOrder.index(of: client, keys: clientKeys) : nil
        let rolePosition =
            !sharesDirty && roles[Int(role)].isInRoleOrder ? roleOrder.index(of: role, keys: roleKeys) : nil
        for entry in bag.entries {
            guard case .scalar(let millis) = entry.quantity else { continue }
            let kind = catalog.kinds[Int(entry.kind)]
            let name = Int(kind.name)
            let amount = sign * millis
            clients[Int(client)].allocation.add(name, amount)
            roles[Int(role)].allocation.add(name, amount)
            if kind.isQuotaScalar {
                roles[top].subtreeQuotaAllocated.add(name, amount)
            }
        }
        if sign > 0 {
            clientKeys[Int(client)].count &+= 1
            roleKeys[Int(role)].count &+= 1
        }
        guard !sharesDirty else { return }
        clientKeys[Int(client)].share = dominantShare(clients[Int(client)].allocation)
        if let clientPosition {
            roles[Int(role)].frameworkOrder.reposition(at: clientPosition, keys: clientKeys)
        }
        roleKeys[Int(role)].share = roleShare(role)
        if let rolePosition {
            roleOrder.reposition(at: rolePosition, keys: roleKeys)
        }
    }
}
