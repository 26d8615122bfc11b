/// Service discovery information, not interpreted by Mesos (`DiscoveryInfo`).
public struct DiscoveryInfo: Codable, Sendable, Hashable {
    /// Who may discover the service.
    public enum Visibility: String, ProtoEnum {
        /// Only the framework.
        case framework = "FRAMEWORK"
        /// The whole cluster.
        case cluster = "CLUSTER"
        /// Anyone.
        case external = "EXTERNAL"
    }

    /// A named service port (`Port`).
    public struct Port: Codable, Sendable, Hashable {
        /// The port number.
        public var number: UInt32
        /// The service name.
        public var name: String?
        /// The L4-L7 protocol.
        public var `protocol`: String?
        /// Visibility overriding the service-wide one.
        public var visibility: Visibility?
        /// Metadata, e.g. for firewalls.
        public var labels: Labels?

        /// Creates a port.
        public init(
            number: UInt32,
            name: String? = nil,
            protocol: String? = nil,
            visibility: Visibility? = nil,
            labels: Labels? = nil
        ) {
            self.number = number
            self.name = name
            self.protocol = `protocol`
            self.visibility = visibility
            self.labels = labels
        }

        private enum CodingKeys: String, CodingKey {
            case number
            case name
            case `protocol`
            case visibility
            case labels
        }
    }

    /// A list of ports (`Ports`): `{"ports": [...]}`.
    public struct Ports: Codable, Sendable, Hashable {
        /// The ports.
        public var ports: [Port]

        /// Creates a port list.
        public init(ports: [Port] = []) {
            self.ports = ports
        }

        private enum CodingKeys: String, CodingKey {
            case ports
        }
    }

    /// Who may discover the service.
    public var visibility: Visibility
    /// The service name.
    public var name: String?
    /// E.g. `PROD`, `QA`.
    public var environment: String?
    /// E.g. a region.
    public var location: String?
    /// The service version.
    public var version: String?
    /// The service's ports.
    public var ports: Ports?
    /// Metadata.
    public var labels: Labels?

    /// Creates discovery info.
    public init(
        visibility: Visibility,
        name: String? = nil,
        environment: String? = nil,
        location: String? = nil,
        version: String? = nil,
        ports: Ports? = nil,
        labels: Labels? = nil
    ) {
        self.visibility = visibility
        self.name = name
        self.environment = environment
        self.location = location
        self.version = version
        self.ports = ports
        self.labels = labels
    }

    private enum CodingKeys: String, CodingKey {
        case visibility
        case name
        case environment
        case location
        case version
        case ports
        case labels
    }
}
