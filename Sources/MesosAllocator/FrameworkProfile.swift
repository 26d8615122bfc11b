import MesosModel

/// What the allocator needs to know about a framework (from its `FrameworkInfo`).
public struct FrameworkProfile: Sendable, Hashable {
    /// The framework's ID (also its tie-breaking name in DRF order).
    public var id: FrameworkID
    /// The roles it subscribes to.
    public var roles: Set<String>
    /// Its capabilities.
    public var capabilities: FrameworkCapabilities
    /// Per-role overrides of the minimum allocatable resources
    /// (`FrameworkInfo.offer_filters[role].min_allocatable_resources`).
    public var minAllocatableResources: [String: MinimumAllocatable]

    /// Creates a profile.
    public init(
        id: FrameworkID,
        roles: Set<String>,
        capabilities: FrameworkCapabilities = [],
        minAllocatableResources: [String: MinimumAllocatable] = [:]
    ) {
        self.id = id
        self.roles = roles
        self.capabilities = capabilities
        self.minAllocatableResources = minAllocatableResources
    }
}

extension FrameworkProfile {
    /// The allocator's view of a `FrameworkInfo`: its `roles` when MULTI_ROLE, else its
    /// `role` (default `*`); capabilities; per-role `offer_filters` minimums.
    /// Fails when the info has no ID (the master assigns one before adding it).
    public init(_ info: FrameworkInfo) throws(AllocatorError) {
        guard let id = info.id else {
            throw AllocatorError(.unknownFramework, "FrameworkInfo of '\(info.name)' has no id; assign the framework ID before adding it")
        }
        let capabilities = FrameworkCapabilities(mesosNames: info.capabilities.compactMap { $0.type?.rawValue })
        let roles: Set<String> =
            capabilities.contains(.multiRole) ? Set(info.roles) : [info.role ?? "*"]
        var minimums: [String: MinimumAllocatable] = [:]
        for (role, filters) in info.offerFilters {
            guard let minimum = filters.minAllocatableResources else { continue }
            minimums[role] = MinimumAllocatable(
                minimum.quantities.map { alternative in alternative.quantities.mapValues(\.value) })
        }
        self.init(id: id, roles: roles, capabilities: capabilities, minAllocatableResources: minimums)
    }
}
