/// Resources on one agent offered to a framework (`Offer`).
public struct Offer: Codable, Sendable, Hashable {
    /// The offer's ID.
    public var id: OfferID
    /// The framework the offer is for.
    public var frameworkID: FrameworkID
    /// The agent the resources are on.
    public var agentID: AgentID
    /// The agent's hostname.
    public var hostname: String
    /// The agent's URL.
    public var url: MesosURL?
    /// The agent's fault domain.
    public var domain: DomainInfo?
    /// The offered resources.
    public var resources: [Resource]
    /// The agent's attributes.
    public var attributes: [Attribute]
    /// The framework's executors already running on the agent.
    public var executorIDs: [ExecutorID]
    /// Planned unavailability of the resources.
    public var unavailability: Unavailability?
    /// The role the offer is made to (multi-role frameworks).
    public var allocationInfo: AllocationInfo?

    /// Creates an offer.
    public init(
        id: OfferID,
        frameworkID: FrameworkID,
        agentID: AgentID,
        hostname: String,
        url: MesosURL? = nil,
        domain: DomainInfo? = nil,
        resources: [Resource] = [],
        attributes: [Attribute] = [],
        executorIDs: [ExecutorID] = [],
        unavailability: Unavailability? = nil,
        allocationInfo: AllocationInfo? = nil
    ) {
        self.id = id
        self.frameworkID = frameworkID
        self.agentID = agentID
        self.hostname = hostname
        self.url = url
        self.domain = domain
        self.resources = resources
        self.attributes = attributes
        self.executorIDs = executorIDs
        self.unavailability = unavailability
        self.allocationInfo = allocationInfo
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case frameworkID = "framework_id"
        case agentID = "agent_id"
        case hostname
        case url
        case domain
        case resources
        case attributes
        case executorIDs = "executor_ids"
        case unavailability
        case allocationInfo = "allocation_info"
    }
}
