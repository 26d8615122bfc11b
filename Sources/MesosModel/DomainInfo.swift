/// The fault domain (region and zone) of a master or agent (`DomainInfo`).
public struct DomainInfo: Codable, Sendable, Hashable {
    /// A region and zone: `{"region": {"name": "us-east"}, "zone": {"name": "a"}}`.
    public struct FaultDomain: Codable, Sendable, Hashable {
        /// A named region or zone: `{"name": ".."}`.
        public struct Named: Codable, Sendable, Hashable {
            /// The name.
            public var name: String

            /// Creates a named region or zone.
            public init(name: String) {
                self.name = name
            }

            private enum CodingKeys: String, CodingKey {
                case name
            }
        }

        /// The region.
        public var region: Named
        /// The zone within the region.
        public var zone: Named

        /// Creates a fault domain.
        public init(region: String, zone: String) {
            self.region = Named(name: region)
            self.zone = Named(name: zone)
        }

        private enum CodingKeys: String, CodingKey {
            case region
            case zone
        }
    }

    /// The fault domain.
    public var faultDomain: FaultDomain?

    /// Creates a domain.
    public init(faultDomain: FaultDomain? = nil) {
        self.faultDomain = faultDomain
    }

    private enum CodingKeys: String, CodingKey {
        case faultDomain = "fault_domain"
    }
}
