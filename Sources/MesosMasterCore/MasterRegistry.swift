import MesosModel

/// What a master must not forget across restarts (Mesos's registry): the admitted
/// agents, the agents marked unreachable or gone, and the frameworks with their
/// failover timeouts. Persisted as JSON in `--work_dir`.
public struct MasterRegistry: Codable, Sendable, Hashable {
    /// An agent the master admitted.
    public struct AdmittedAgent: Codable, Sendable, Hashable {
        /// The agent's info (with its id).
        public var info: AgentInfo

        /// Creates an entry.
        public init(info: AgentInfo) {
            self.info = info
        }

        private enum CodingKeys: String, CodingKey {
            case info
        }
    }

    /// An agent marked unreachable, and when.
    public struct UnreachableAgent: Codable, Sendable, Hashable {
        /// The agent's id.
        public var id: AgentID
        /// When it was marked unreachable, seconds since the epoch.
        public var since: Double

        /// Creates an entry.
        public init(id: AgentID, since: Double) {
            self.id = id
            self.since = since
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case since
        }
    }

    /// Admitted (reachable) agents.
    public var agents: [AdmittedAgent]
    /// Agents marked unreachable.
    public var unreachable: [UnreachableAgent]
    /// Agents removed for good (they get `SHUTDOWN` if they come back).
    public var gone: [AgentID]
    /// Frameworks that are not completed, with their `FrameworkInfo` (id and failover timeout).
    public var frameworks: [FrameworkInfo]

    /// Creates a registry.
    public init(
        agents: [AdmittedAgent] = [], unreachable: [UnreachableAgent] = [], gone: [AgentID] = [],
        frameworks: [FrameworkInfo] = []
    ) {
        self.agents = agents
        self.unreachable = unreachable
        self.gone = gone
        self.frameworks = frameworks
    }

    private enum CodingKeys: String, CodingKey {
        case agents
        case unreachable
        case gone
        case frameworks
    }

    /// Decodes leniently: missing lists are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agents = try container.decodeIfPresent([AdmittedAgent].self, forKey: .agents) ?? []
        unreachable = try container.decodeIfPresent([UnreachableAgent].self, forKey: .unreachable) ?? []
        gone = try container.decodeIfPresent([AgentID].self, forKey: .gone) ?? []
        frameworks = try container.decodeIfPresent([FrameworkInfo].self, forKey: .frameworks) ?? []
    }
}
