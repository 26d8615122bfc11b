/// Per-role limits on the shape of offers a framework wants (`OfferFilters`).
public struct OfferFilters: Codable, Sendable, Hashable {
    /// Named scalar quantities: `{"quantities": {"cpus": {"value": 1}}}`.
    public struct ResourceQuantities: Codable, Sendable, Hashable {
        /// Quantities by resource name.
        public var quantities: [String: Value.Scalar]

        /// Creates quantities.
        public init(quantities: [String: Value.Scalar] = [:]) {
            self.quantities = quantities
        }

        private enum CodingKeys: String, CodingKey {
            case quantities
        }
    }

    /// Offers must contain at least one of these quantities.
    public struct MinAllocatableResources: Codable, Sendable, Hashable {
        /// Alternatives; empty means any resources are allocatable.
        public var quantities: [ResourceQuantities]

        /// Creates the minimum.
        public init(quantities: [ResourceQuantities] = []) {
            self.quantities = quantities
        }

        private enum CodingKeys: String, CodingKey {
            case quantities
        }
    }

    /// The smallest offers the framework is interested in.
    public var minAllocatableResources: MinAllocatableResources?

    /// Creates offer filters.
    public init(minAllocatableResources: MinAllocatableResources? = nil) {
        self.minAllocatableResources = minAllocatableResources
    }

    private enum CodingKeys: String, CodingKey {
        case minAllocatableResources = "min_allocatable_resources"
    }
}
