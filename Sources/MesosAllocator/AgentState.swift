import MesosModel

/// One agent as the allocator sees it.
struct AgentState: Sendable {
    /// Resources held by one client (framework in a role) on the agent: offered or in use.
    struct Holding: Sendable {
        var client: Int32
        var bag: ResourceBag
    }

    /// Resources in use by a framework the allocator does not know (yet).
    struct UntrackedHolding: Sendable {
        var framework: FrameworkID
        var bag: ResourceBag
    }

    var id: AgentID
    /// Distinguishes successive agents in the same slot.
    var serial: UInt64 = 0
    var isLive = true
    var isActivated = true
    var capabilities: AgentCapabilities
    var attributes: [Attribute]
    var total: ResourceBag
    /// `total` minus everything offered or in use.
    var available: ResourceBag
    /// All of `available` is unreserved, non-revocable and non-shared.
    var availableIsPlain = true
    var holdings: [Holding] = []
    var untracked: [UntrackedHolding] = []
    var hasGPU = false
    /// Index in the allocator's agent order.
    var orderPosition = 0
    var isPendingCandidate = false
    var filters = AgentOfferFilters()
    /// Clients verified to be blocked by filters from the current free resources.
    var blockedClients: BlockedClientCache?

    init(id: AgentID, capabilities: AgentCapabilities, attributes: [Attribute], total: ResourceBag) {
        self.id = id
        self.capabilities = capabilities
        self.attributes = attributes
        self.total = total
        self.available = total
    }

    func holdingIndex(of client: Int32) -> Int? {
        holdings.firstIndex { $0.client == client }
    }
}
