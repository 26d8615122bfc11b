import MesosModel

/// One offer decided by an allocation round: resources on one agent for one
/// framework in one role. The resources count as allocated until given back with
/// ``DRFAllocator/recover(_:refuseSeconds:now:)`` or
/// ``DRFAllocator/recoverResources(framework:agent:resources:refuseSeconds:now:)``.
public struct AllocatorOffer: Sendable {
    /// The fields live in one object: the master copies each offer into its offer table and gives
    /// it back on DECLINE, and a copy of seven fields (three strings, three arrays) retained each of
    /// them, mostly cold memory: a tenth of a 50,000-offer round and of declining it.
    final class Storage: Sendable {
        let frameworkID: FrameworkID
        let agentID: AgentID
        let role: String
        let bag: ResourceBag
        let templates: [Resource]
        let downgradedTemplates: [Resource]
        let origin: Origin

        init(
            frameworkID: FrameworkID, agentID: AgentID, role: String, bag: ResourceBag, templates: [Resource],
            downgradedTemplates: [Resource], origin: Origin
        ) {
            self.frameworkID = frameworkID
            self.agentID = agentID
            self.role = role
            self.bag = bag
            self.templates = templates
            self.downgradedTemplates = downgradedTemplates
            self.origin = origin
        }
    }

    private let storage: Storage

    /// The framework the offer is for.
    public var frameworkID: FrameworkID { storage.frameworkID }
    /// The agent the resources are on.
    public var agentID: AgentID { storage.agentID }
    /// The role the resources are allocated to.
    public var role: String { storage.role }

    var bag: ResourceBag { storage.bag }
    /// The allocator catalog's resource templates (shared, copy-on-write) at offer time.
    var templates: [Resource] { storage.templates }
    /// The same, downgraded (``ResourceCatalog/downgradedTemplates``).
    var downgradedTemplates: [Resource] { storage.downgradedTemplates }
    /// Where the allocator that made the offer keeps its agent and client, so giving the
    /// offer back needs no ID lookups; checked against the serials before use.
    var origin: Origin { storage.origin }

    struct Origin: Sendable {
        var allocatorInstance: UInt64
        /// The framework's slot (``DRFAllocator/frameworkSlotCount``).
        var frameworkSlot: Int32
        var agentSlot: Int32
        var agentSerial: UInt64
        var clientSlot: Int32
        var clientSerial: UInt64
    }

    init(
        frameworkID: FrameworkID, agentID: AgentID, role: String, bag: ResourceBag, templates: [Resource],
        downgradedTemplates: [Resource], origin: Origin
    ) {
        storage = Storage(
            frameworkID: frameworkID, agentID: agentID, role: role, bag: bag, templates: templates,
            downgradedTemplates: downgradedTemplates, origin: origin)
    }

    /// Where the allocator keeps the offer's framework: a number below
    /// ``DRFAllocator/frameworkSlotCount``, the same for every offer of one framework from one
    /// allocator while the framework is known. A cheap key for grouping a round's offers by
    /// framework without hashing framework ids.
    public var frameworkSlot: Int { Int(origin.frameworkSlot) }

    /// The offered resources, each with `allocation_info.role` set to ``role``.
    /// Built on demand: the round itself only records compact quantities.
    public var resources: [Resource] { resources(downgraded: false) }

    /// ``resources``; with `downgraded`, in the pre-reservation-refinement format for frameworks
    /// without RESERVATION_REFINEMENT: each as ``Resource/downgraded()`` makes it, or as it is where
    /// that format cannot express it.
    public func resources(downgraded: Bool) -> [Resource] {
        let storage = storage
        let templates = downgraded ? storage.downgradedTemplates : storage.templates
        var result: [Resource] = []
        result.reserveCapacity(storage.bag.entries.count)
        let allocationInfo = AllocationInfo(role: storage.role)
        for entry in storage.bag.entries {
            var resource = templates[Int(entry.kind)]
            switch entry.quantity {
            case .scalar(let millis): resource.scalar = Value.Scalar(value: FixedPoint.value(millis))
            case .ranges(let ranges): resource.ranges = Value.Ranges(range: ranges.spans)
            case .set(let items): resource.set = Value.Set(item: items)
            }
            resource.allocationInfo = allocationInfo
            result.append(resource)
        }
        return result
    }

    /// Whether ``resources(downgraded:)`` of `other` is that of this offer: the same allocator
    /// (its catalog only grows, so a kind means the same resource), role and quantities.
    public func offersSameResources(as other: AllocatorOffer) -> Bool {
        if storage === other.storage { return true }
        return storage.origin.allocatorInstance == other.storage.origin.allocatorInstance
            && storage.role == other.storage.role && storage.bag == other.storage.bag
    }

    /// The total scalar amount of resources called `name` (e.g. `cpus`), 0 when none.
    public func scalar(named name: String) -> Double {
        var millis: Int64 = 0
        for entry in bag.entries where templates[Int(entry.kind)].name == name {
            if case .scalar(let value) = entry.quantity { millis += value }
        }
        return FixedPoint.value(millis)
    }

    /// The number of values of the `RANGES` resources called `name` (e.g. `ports`).
    public func rangeCount(named name: String) -> UInt64 {
        var count: UInt64 = 0
        for entry in bag.entries where templates[Int(entry.kind)].name == name {
            if case .ranges(let ranges) = entry.quantity { count += ranges.count }
        }
        return count
    }
}
