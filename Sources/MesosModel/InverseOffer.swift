/// A request that a framework give resources back, e.g. for maintenance (`InverseOffer`).
public struct InverseOffer: Codable, Sendable, Hashable {
    /// The inverse offer's ID (same ID space as offers).
    public var id: OfferID
    /// The agent's URL.
    public var url: MesosURL?
    /// The framework asked to release resources.
    public var frameworkID: FrameworkID
    /// The agent the resources are on, if specific.
    public var agentID: AgentID?
    /// When the resources become unavailable.
    public var unavailability: Unavailability
    /// The resources wanted back; empty means all on the agent.
    public var resources: [Resource]

    /// Creates an inverse offer.
    public init(
        id: OfferID,
        url: MesosURL? = nil,
        frameworkID: FrameworkID,
        agentID: AgentID? = nil,
        unavailability: Unavailability,
        resources: [Resource] = []
    ) {
        self.id = id
        self.url = url
        self.frameworkID = frameworkID
        self.agentID = agentID
        self.unavailability = unavailability
        self.resources = resources
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case url
        case frameworkID = "framework_id"
        case agentID = "agent_id"
        case unavailability
        case resources
    }
}
