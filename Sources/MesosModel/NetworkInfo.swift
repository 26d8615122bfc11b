/// A container's network request, or the network it got (`NetworkInfo`).
public struct NetworkInfo: Codable, Sendable, Hashable {
    /// An IP version.
    public enum IPProtocol: String, ProtoEnum {
        /// IPv4.
        case ipv4 = "IPv4"
        /// IPv6.
        case ipv6 = "IPv6"
    }

    /// A requested or assigned address: `{"ip_address": "10.0.0.5"}`.
    public struct IPAddress: Codable, Sendable, Hashable {
        /// The IP version to request (proto default IPv4).
        public var `protocol`: IPProtocol?
        /// A specific address, requested or assigned.
        public var ipAddress: String?

        /// Creates an address.
        public init(protocol: IPProtocol? = nil, ipAddress: String? = nil) {
            self.protocol = `protocol`
            self.ipAddress = ipAddress
        }

        private enum CodingKeys: String, CodingKey {
            case `protocol`
            case ipAddress = "ip_address"
        }
    }

    /// A host-to-container port mapping on this network.
    public struct PortMapping: Codable, Sendable, Hashable {
        /// The host port.
        public var hostPort: UInt32
        /// The container port.
        public var containerPort: UInt32
        /// `tcp` or `udp`.
        public var `protocol`: String?

        /// Creates a port mapping.
        public init(hostPort: UInt32, containerPort: UInt32, protocol: String? = nil) {
            self.hostPort = hostPort
            self.containerPort = containerPort
            self.protocol = `protocol`
        }

        private enum CodingKeys: String, CodingKey {
            case hostPort = "host_port"
            case containerPort = "container_port"
            case `protocol`
        }
    }

    /// Requested or assigned addresses.
    public var ipAddresses: [IPAddress]
    /// The network to join (interpreted by the network isolator).
    public var name: String?
    /// Network groups the interface belongs to.
    public var groups: [String]
    /// Metadata for the isolator or IPAM.
    public var labels: Labels?
    /// Port mappings on this network.
    public var portMappings: [PortMapping]

    /// Creates a network info.
    public init(
        ipAddresses: [IPAddress] = [],
        name: String? = nil,
        groups: [String] = [],
        labels: Labels? = nil,
        portMappings: [PortMapping] = []
    ) {
        self.ipAddresses = ipAddresses
        self.name = name
        self.groups = groups
        self.labels = labels
        self.portMappings = portMappings
    }

    private enum CodingKeys: String, CodingKey {
        case ipAddresses = "ip_addresses"
        case name
        case groups
        case labels
        case portMappings = "port_mappings"
    }
}
