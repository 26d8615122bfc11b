/// Describes a master (`MasterInfo`); also the JSON a master writes to its
/// ZooKeeper election node.
public struct MasterInfo: Codable, Sendable, Hashable {
    /// A feature the master supports.
    public struct Capability: Codable, Sendable, Hashable {
        /// The capability names Mesos defines.
        public enum CapabilityType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// Handles agents whose state changes on re-registration.
            case agentUpdate = "AGENT_UPDATE"
            /// Can drain and deactivate agents.
            case agentDraining = "AGENT_DRAINING"
            /// Supports the quota v2 API.
            case quotaV2 = "QUOTA_V2"
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

    /// The master's ID (a UUID string).
    public var id: String
    /// Deprecated packed IPv4 address; see ``PackedIPv4``.
    public var ip: UInt32
    /// Deprecated port (use `address.port`).
    public var port: UInt32
    /// The libprocess PID, `master@<ip>:<port>` (read by some clients).
    public var pid: String?
    /// Deprecated hostname (use `address.hostname`).
    public var hostname: String?
    /// The Mesos version, `X.Y.Z`.
    public var version: String?
    /// The master's address (read by most clients).
    public var address: Address?
    /// The master's fault domain.
    public var domain: DomainInfo?
    /// Features the master supports.
    public var capabilities: [Capability]

    /// Creates a master description.
    public init(
        id: String,
        ip: UInt32,
        port: UInt32 = 5050,
        pid: String? = nil,
        hostname: String? = nil,
        version: String? = nil,
        address: Address? = nil,
        domain: DomainInfo? = nil,
        capabilities: [Capability] = []
    ) {
        self.id = id
        self.ip = ip
        self.port = port
        self.pid = pid
        self.hostname = hostname
        self.version = version
        self.address = address
        self.domain = domain
        self.capabilities = capabilities
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case ip
        case port
        case pid
        case hostname
        case version
        case address
        case domain
        case capabilities
    }
}
