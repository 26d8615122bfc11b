/// Describes a framework (`FrameworkInfo`), sent in SUBSCRIBE.
public struct FrameworkInfo: Codable, Sendable, Hashable {
    /// A feature the framework supports.
    public struct Capability: Codable, Sendable, Hashable {
        /// The capability names Mesos defines.
        public enum CapabilityType: String, ProtoEnum {
            /// Not set (or a name this build does not know).
            case unknown = "UNKNOWN"
            /// `REVOCABLE_RESOURCES`.
            case revocableResources = "REVOCABLE_RESOURCES"
            /// `TASK_KILLING_STATE`.
            case taskKillingState = "TASK_KILLING_STATE"
            /// `GPU_RESOURCES`.
            case gpuResources = "GPU_RESOURCES"
            /// `SHARED_RESOURCES`.
            case sharedResources = "SHARED_RESOURCES"
            /// `PARTITION_AWARE`.
            case partitionAware = "PARTITION_AWARE"
            /// `MULTI_ROLE`.
            case multiRole = "MULTI_ROLE"
            /// `RESERVATION_REFINEMENT`.
            case reservationRefinement = "RESERVATION_REFINEMENT"
            /// `REGION_AWARE`.
            case regionAware = "REGION_AWARE"
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

    /// The Unix user tasks run as by default.
    public var user: String
    /// The framework's display name.
    public var name: String
    /// The framework ID; set when re-subscribing after a failover.
    public var id: FrameworkID?
    /// Seconds the master waits for a disconnected scheduler before tearing the
    /// framework down (proto default 0).
    public var failoverTimeout: Double?
    /// Whether agents checkpoint the framework's tasks.
    public var checkpoint: Bool?
    /// Deprecated single role (proto default `*`); use `roles` with `MULTI_ROLE`.
    public var role: String?
    /// The framework's roles (requires the `MULTI_ROLE` capability).
    public var roles: [String]
    /// The scheduler's host.
    public var hostname: String?
    /// The principal the framework authenticates as.
    public var principal: String?
    /// The framework's web UI.
    public var webuiURL: String?
    /// Features the framework supports.
    public var capabilities: [Capability]
    /// Labels.
    public var labels: Labels?
    /// Offer shape filters by role.
    public var offerFilters: [String: OfferFilters]

    /// Creates a framework description.
    public init(
        user: String,
        name: String,
        id: FrameworkID? = nil,
        failoverTimeout: Double? = nil,
        checkpoint: Bool? = nil,
        role: String? = nil,
        roles: [String] = [],
        hostname: String? = nil,
        principal: String? = nil,
        webuiURL: String? = nil,
        capabilities: [Capability] = [],
        labels: Labels? = nil,
        offerFilters: [String: OfferFilters] = [:]
    ) {
        self.user = user
        self.name = name
        self.id = id
        self.failoverTimeout = failoverTimeout
        self.checkpoint = checkpoint
        self.role = role
        self.roles = roles
        self.hostname = hostname
        self.principal = principal
        self.webuiURL = webuiURL
        self.capabilities = capabilities
        self.labels = labels
        self.offerFilters = offerFilters
    }

    /// Whether the framework declared `capability`.
    public func hasCapability(_ capability: Capability.CapabilityType) -> Bool {
        capabilities.contains { $0.type == capability }
    }

    private enum CodingKeys: String, CodingKey {
        case user
        case name
        case id
        case failoverTimeout = "failover_timeout"
        case checkpoint
        case role
        case roles
        case hostname
        case principal
        case webuiURL = "webui_url"
        case capabilities
        case labels
        case offerFilters = "offer_filters"
    }
}
