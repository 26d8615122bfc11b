/// Describes an agent (`AgentInfo`).
public struct AgentInfo: Codable, Sendable, Hashable {
    /// A feature an agent supports (`AgentInfo.Capability`, reported at registration).
    public struct Capability: Codable, Sendable, Hashable {
        /// The capability names Mesos defines.
        public enum CapabilityType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// Can launch tasks of multi-role frameworks.
            case multiRole = "MULTI_ROLE"
            /// Can use resources of hierarchical roles.
            case hierarchicalRole = "HIERARCHICAL_ROLE"
            /// Understands refined reservations.
            case reservationRefinement = "RESERVATION_REFINEMENT"
            /// Handles resource provider operations.
            case resourceProvider = "RESOURCE_PROVIDER"
            /// Can resize persistent volumes.
            case resizeVolume = "RESIZE_VOLUME"
            /// Provides operation feedback for default resources.
            case agentOperationFeedback = "AGENT_OPERATION_FEEDBACK"
            /// Can drain its tasks for maintenance.
            case agentDraining = "AGENT_DRAINING"
            /// Can launch tasks with resource limits.
            case taskResourceLimits = "TASK_RESOURCE_LIMITS"
        }

        /// The capability; `nil` when the name is unknown to this build.
        public var type: CapabilityType?

        /// Creates a capability.
        public init(type: CapabilityType? = nil) {
            self.type = type
        }

        private enum CodingKeys: String, CodingKey {
            case type
        }
    }

    /// The agent's hostname.
    public var hostname: String
    /// The agent's port (proto default 5051).
    public var port: Int32?
    /// The agent's configured resources.
    public var resources: [Resource]
    /// The agent's attributes.
    public var attributes: [Attribute]
    /// The agent's ID, once registered.
    public var id: AgentID?
    /// The agent's fault domain.
    public var domain: DomainInfo?

    /// Creates an agent description.
    public init(
        hostname: String,
        port: Int32? = nil,
        resources: [Resource] = [],
        attributes: [Attribute] = [],
        id: AgentID? = nil,
        domain: DomainInfo? = nil
    ) {
        self.hostname = hostname
        self.port = port
        self.resources = resources
        self.attributes = attributes
        self.id = id
        self.domain = domain
    }

    private enum CodingKeys: String, CodingKey {
        case hostname
        case port
        case resources
        case attributes
        case id
        case domain
    }
}
