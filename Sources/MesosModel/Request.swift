/// A framework's request for resources, a hint to the allocator (`Request`).
public struct Request: Codable, Sendable, Hashable {
    /// The agent the request is for, if any.
    public var agentID: AgentID?
    /// The resources wanted.
    public var resources: [Resource]

    /// Creates a request.
    public init(agentID: AgentID? = nil, resources: [Resource] = []) {
        self.agentID = agentID
        self.resources = resources
    }

    private enum CodingKeys: String, CodingKey {
        case agentID = "agent_id"
        case resources
    }
}
