import MesosModel
import MesosResources

/// A deliberately straightforward DRF allocator: the way Mesos worked before its
/// sorter optimizations. For every agent it recomputes every role's and every
/// framework's dominant share and fully sorts them, and it does all resource
/// arithmetic with `Resources`.
///
/// It exists as a baseline for the benchmark and as an independent oracle in tests:
/// given the same seed and events it makes exactly the offers ``DRFAllocator`` makes
/// in Mesos mode. It covers agents, frameworks, roles and weights, offer filters,
/// SUPPRESS/REVIVE, reservations, capabilities, GPU gating and minimum allocatable
/// resources; not quota, demand-sized offers, or agent (de)activation.
public struct ReferenceAllocator: Sendable {
    /// One offer: the resources carry `allocation_info.role`.
    public struct Offer: Sendable, Hashable {
        public var frameworkID: FrameworkID
        public var agentID: AgentID
        public var role: String
        public var resources: Resources

        /// Creates an offer.
        public init(frameworkID: FrameworkID, agentID: AgentID, role: String, resources: Resources) {
            self.frameworkID = frameworkID
            self.agentID = agentID
            self.role = role
            self.resources = resources
        }
    }

    private struct Agent: Sendable {
        var total: Resources
        var available: Resources
        var capabilities: AgentCapabilities
        var attributes: [Attribute]
        /// Offered or allocated resources per framework and role.
        var holdings: [ClientKey: Resources] = [:]
    }

    private struct ClientKey: Hashable, Sendable {
        var framework: FrameworkID
        var role: String
    }

    private struct Filter: Sendable {
        var refused: Resources
        var expiry: ContinuousClock.Instant
    }

    private struct Framework: Sendable {
        var profile: FrameworkProfile
        var isActive: Bool
        var suppressed: Set<String>
        /// Filters per role, per agent.
        var filters: [String: [AgentID: [Filter]]] = [:]
    }

    public let options: AllocatorOptions
    private var random: SplitMix64
    private var agents: [AgentID: Agent] = [:]
    private var agentOrder: [AgentID] = []
    private var frameworks: [FrameworkID: Framework] = [:]
    /// Clients tracked per role, with their allocation counts (tie-breaker).
    private var clientCounts: [ClientKey: UInt64] = [:]
    private var roleCounts: [String: UInt64] = [:]
    /// Scalars offered or allocated per client and per role, in thousandths by name.
    private var clientAllocated: [ClientKey: [String: Int64]] = [:]
    private var roleAllocated: [String: [String: Int64]] = [:]
    private var weights: [String: Double] = [:]

    /// Creates an empty allocator; pass the same options and seed as a ``DRFAllocator``
    /// to get the same offers.
    public init(options: AllocatorOptions = AllocatorOptions(), random: SplitMix64 = SplitMix64(seed: 0)) {
        self.options = options
        var random = random
        _ = random.next()  // DRFAllocator draws its instance tag first.
        self.random = random
    }

    // MARK: - Events

    /// Adds an agent; `used` resources of known frameworks count as allocated to them
    /// (in their allocation role, or the framework's only role).
    public mutating func addAgent(
        _ id: AgentID,
        total: Resources,
        used: [FrameworkID: Resources] = [:],
        attributes: [Attribute] = [],
        capabilities: AgentCapabilities = .all
    ) {
        guard agents[id] == nil else { return }
        var agent = Agent(total: total, available: total, capabilities: capabilities, attributes: attributes)
        for frameworkID in used.keys.sorted() {
            guard let resources = used[frameworkID], let framework = frameworks[frameworkID] else { continue }
            guard let role = resources.allocations.keys.first ?? (framework.profile.roles.count == 1 ? framework.profile.roles.first : nil)
            else { continue }
            let key = ClientKey(framework: frameworkID, role: role)
            agent.available -= resources.unallocated()
            agent.holdings[key, default: Resources()] += resources.unallocated().allocated(to: role)
            account(resources, to: key, sign: 1)
            track(key)
            clientCounts[key, default: 0] &+= 1
            roleCounts[role, default: 0] &+= 1
        }
        agents[id] = agent
        agentOrder.append(id)
    }

    public mutating func removeAgent(_ id: AgentID) {
        guard let agent = agents[id] else { return }
        agents[id] = nil
        for (key, held) in agent.holdings { account(held, to: key, sign: -1) }
        if let position = agentOrder.firstIndex(of: id) {
            let last = agentOrder.removeLast()
            if position < agentOrder.count { agentOrder[position] = last }
        }
        for key in agent.holdings.keys { releaseIfUnused(key) }
    }

    public mutating func updateAgent(_ id: AgentID, attributes: [Attribute]) {
        guard var agent = agents[id], agent.attributes != attributes else { return }
        agent.attributes = attributes
        agents[id] = agent
        for frameworkID in frameworks.keys {
            for role in frameworks[frameworkID]?.filters.keys.map({ $0 }) ?? [] {
                frameworks[frameworkID]?.filters[role]?[id] = nil
            }
        }
    }

    public mutating func addFramework(_ profile: FrameworkProfile, active: Bool = true, suppressedRoles: Set<String> = []) {
        guard frameworks[profile.id] == nil else { return }
        frameworks[profile.id] = Framework(profile: profile, isActive: active, suppressed: suppressedRoles.intersection(profile.roles))
        for role in profile.roles.sorted() { track(ClientKey(framework: profile.id, role: role)) }
    }

    public mutating func removeFramework(_ id: FrameworkID) {
        guard frameworks[id] != nil else { return }
        for agentID in agentOrder {
            guard var agent = agents[agentID] else { continue }
            for (key, held) in agent.holdings where key.framework == id {
                agent.available += held.unallocated()
                agent.holdings[key] = nil
                account(held, to: key, sign: -1)
            }
            agents[agentID] = agent
        }
        frameworks[id] = nil
        for key in clientCounts.keys where key.framework == id { releaseIfUnused(key) }
    }

    public mutating func activateFramework(_ id: FrameworkID) {
        frameworks[id]?.isActive = true
    }

    public mutating func deactivateFramework(_ id: FrameworkID) {
        frameworks[id]?.isActive = false
        frameworks[id]?.filters = [:]
    }

    public mutating func suppressOffers(framework id: FrameworkID, roles: Set<String> = []) {
        guard let framework = frameworks[id] else { return }
        let targets = roles.isEmpty ? framework.profile.roles : roles.intersection(framework.profile.roles)
        frameworks[id]?.suppressed.formUnion(targets)
    }

    public mutating func reviveOffers(framework id: FrameworkID, roles: Set<String> = []) {
        guard let framework = frameworks[id] else { return }
        let targets = roles.isEmpty ? framework.profile.roles : roles.intersection(framework.profile.roles)
        frameworks[id]?.suppressed.subtract(targets)
        for role in targets { frameworks[id]?.filters[role] = nil }
    }

    public mutating func updateWeights(_ newWeights: [String: Double]) {
        for (role, weight) in newWeights where weight.isFinite && weight > 0 { weights[role] = weight }
    }

    /// Gives back resources (carrying their allocation role), optionally refusing them.
    public mutating func recoverResources(
        framework: FrameworkID,
        agent agentID: AgentID,
        resources: Resources,
        refuseSeconds: Double? = nil,
        now: ContinuousClock.Instant
    ) {
        guard var agent = agents[agentID], frameworks[framework] != nil,
            let role = resources.allocations.keys.first
        else { return }
        let key = ClientKey(framework: framework, role: role)
        guard let held = agent.holdings[key], held.contains(resources) else { return }
        let remaining = held - resources
        agent.holdings[key] = remaining.isEmpty ? nil : remaining
        account(resources, to: key, sign: -1)
        let unallocated = resources.unallocated()
        agent.available += unallocated
        agents[agentID] = agent
        releaseIfUnused(key)
        guard clientCounts[key] != nil, var seconds = refuseSeconds else { return }
        if seconds.isNaN || seconds < 0 {
            seconds = DRFAllocator.defaultRefuseSeconds
        } else if seconds > DRFAllocator.maximumRefuseSeconds {
            seconds = DRFAllocator.maximumRefuseSeconds
        }
        if seconds == 0 { return }
        let timeout = max(Duration.seconds(seconds), options.allocationInterval)
        frameworks[framework]?.filters[role, default: [:]][agentID, default: []]
            .append(Filter(refused: unallocated, expiry: now.advanced(by: timeout)))
    }

    // MARK: - The round

    /// One allocation round over every agent.
    public mutating func allocate(now: ContinuousClock.Instant) -> [Offer] {
        var order = agentOrder
        order.allocatorShuffle(using: &random)  // Stage 1 (quota) has nothing to do here.
        order.allocatorShuffle(using: &random)
        var offers: [Offer] = []
        let totals = clusterTotals()
        for agentID in order {
            guard let start = agents[agentID], !start.available.isEmpty else { continue }
            // Full sort of the roles for this agent.
            let roleOrder = clientRoles().map { (role: $0, key: roleKey($0, totals: totals)) }
                .sorted { precedes($0.key, $1.key) }.map(\.role)
            for role in roleOrder {
                guard let agent = agents[agentID], !agent.available.isEmpty else { break }
                // Full sort of the role's active frameworks.
                let frameworkOrder = activeClients(in: role).map { (client: $0, key: clientKey($0, totals: totals)) }
                    .sorted { precedes($0.key, $1.key) }.map(\.client)
                for key in frameworkOrder {
                    guard let agent = agents[agentID], let framework = frameworks[key.framework] else { continue }
                    let available = agent.available.allocatableTo(role: role)
                    if available.isEmpty { break }
                    let minimum = framework.profile.minAllocatableResources[role] ?? options.minAllocatableResources
                    if !satisfies(available, minimum) { continue }
                    let capabilities = framework.profile.capabilities
                    if options.filterGPUResources && !capabilities.contains(.gpuResources) && (agent.total.gpus ?? 0) > 0 {
                        continue
                    }
                    let offer = available.filter { resource in
                        (capabilities.contains(.sharedResources) || !resource.isShared)
                            && (capabilities.contains(.revocableResources) || !resource.isRevocable)
                            && (capabilities.contains(.reservationRefinement) || resource.reservations.count <= 1)
                    }
                    if !satisfies(offer, minimum) { continue }
                    if isFiltered(framework, role: role, agentID: agentID, agent: agent, offer: offer, now: now) { continue }
                    agents[agentID]?.available -= offer
                    agents[agentID]?.holdings[key, default: Resources()] += offer.allocated(to: role)
                    account(offer, to: key, sign: 1)
                    clientCounts[key, default: 0] &+= 1
                    roleCounts[role, default: 0] &+= 1
                    offers.append(Offer(frameworkID: key.framework, agentID: agentID, role: role, resources: offer.allocated(to: role)))
                }
            }
        }
        return offers
    }

    // MARK: - Internal

    private typealias Key = (share: Double, count: UInt64, name: [UInt8])

    private func precedes(_ a: Key, _ b: Key) -> Bool {
        if a.share != b.share { return a.share < b.share }
        if a.count != b.count { return a.count < b.count }
        return a.name.lexicographicallyPrecedes(b.name)
    }

    private func clusterTotals() -> [String: Int64] {
        var totals: [String: Int64] = [:]
        for agent in agents.values {
            for resource in agent.total where resource.type == .scalar {
                totals[resource.name, default: 0] += FixedPoint.millis(resource.scalar?.value ?? 0)
            }
        }
        return totals
    }

    private func share(of allocated: [String: Int64], totals: [String: Int64]) -> Double {
        var share = 0.0
        for (name, total) in totals where total > 0 && !options.fairnessExcludedResourceNames.contains(name) {
            share = max(share, Double(allocated[name] ?? 0) / Double(total))
        }
        return share
    }

    private func clientKey(_ key: ClientKey, totals: [String: Int64]) -> Key {
        (share(of: clientAllocated[key] ?? [:], totals: totals), clientCounts[key] ?? 0, Array(key.framework.value.utf8))
    }

    private func roleKey(_ role: String, totals: [String: Int64]) -> Key {
        (share(of: roleAllocated[role] ?? [:], totals: totals) / (weights[role] ?? 1), roleCounts[role] ?? 0, Array(role.utf8))
    }

    private mutating func account(_ resources: Resources, to key: ClientKey, sign: Int64) {
        for resource in resources where resource.type == .scalar {
            let millis = sign * FixedPoint.millis(resource.scalar?.value ?? 0)
            clientAllocated[key, default: [:]][resource.name, default: 0] += millis
            roleAllocated[key.role, default: [:]][resource.name, default: 0] += millis
        }
    }

    private func clientRoles() -> [String] {
        Array(Set(clientCounts.keys.map(\.role)))
    }

    private func activeClients(in role: String) -> [ClientKey] {
        clientCounts.keys.filter { key in
            guard key.role == role, let framework = frameworks[key.framework] else { return false }
            return framework.isActive && framework.profile.roles.contains(role) && !framework.suppressed.contains(role)
        }
    }

    private mutating func track(_ key: ClientKey) {
        if clientCounts[key] == nil {
            if !clientCounts.keys.contains(where: { $0.role == key.role }) { roleCounts[key.role] = 0 }
            clientCounts[key] = 0
        }
    }

    /// Stops tracking a client whose framework left the role (or is gone) and holds nothing.
    private mutating func releaseIfUnused(_ key: ClientKey) {
        guard clientCounts[key] != nil else { return }
        if let framework = frameworks[key.framework], framework.profile.roles.contains(key.role) { return }
        if agents.values.contains(where: { $0.holdings[key] != nil }) { return }
        clientCounts[key] = nil
        clientAllocated[key] = nil
        frameworks[key.framework]?.filters[key.role] = nil
        if !clientCounts.keys.contains(where: { $0.role == key.role }) { roleCounts[key.role] = nil }
    }

    private func satisfies(_ resources: Resources, _ minimum: MinimumAllocatable) -> Bool {
        if resources.isEmpty { return false }
        if minimum.alternatives.isEmpty { return true }
        return minimum.alternatives.contains { resources.contains(ResourceQuantities($0)) }
    }

    private func isFiltered(
        _ framework: Framework,
        role: String,
        agentID: AgentID,
        agent: Agent,
        offer: Resources,
        now: ContinuousClock.Instant
    ) -> Bool {
        if framework.profile.capabilities.contains(.multiRole) && !agent.capabilities.contains(.multiRole) { return true }
        if !agent.capabilities.contains(.hierarchicalRole) && role.contains("/") { return true }
        let filters = framework.filters[role]?[agentID] ?? []
        return filters.contains { $0.expiry > now && $0.refused.contains(offer) }
    }
}
