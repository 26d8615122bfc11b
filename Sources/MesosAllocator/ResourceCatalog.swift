import MesosModel
import MesosResources

/// Interns resource names, roles and resource kinds to dense integer indices, and
/// converts between Mesos `Resource` lists and the allocator's ``ResourceBag``s.
///
/// Append-only: indices stay valid for the allocator's lifetime. The number of
/// entries is bounded by the distinct names, roles and reservation identities seen.
struct ResourceCatalog: Sendable {
    private(set) var kinds: [ResourceKind] = []
    /// The resource of each kind with its value and allocation info cleared.
    private(set) var templates: [Resource] = []
    /// The templates in the pre-reservation-refinement format (``Resource/downgraded()``, or the
    /// template itself where that format cannot express it), for frameworks without
    /// RESERVATION_REFINEMENT: converted once per kind instead of once per offered resource.
    private(set) var downgradedTemplates: [Resource] = []
    private var kindIndex: [Resource: Int32] = [:]

    private(set) var names: [String] = []
    private var nameIndex: [String: Int32] = [:]

    private(set) var roleNames: [String] = []
    private var roleIndex: [String: Int32] = [:]
    /// Strict ancestors of each role, outermost first (`a/b/c` → `a`, `a/b`).
    private(set) var roleAncestors: [[Int32]] = []

    // MARK: Names and roles

    mutating func nameID(_ name: String) -> Int32 {
        if let id = nameIndex[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        nameIndex[name] = id
        return id
    }

    func existingNameID(_ name: String) -> Int32? {
        nameIndex[name]
    }

    mutating func roleID(_ role: String) -> Int32 {
        if let id = roleIndex[role] { return id }
        var ancestors: [Int32] = []
        var prefix = Substring(role)
        var parents: [String] = []
        while let slash = prefix.lastIndex(of: "/") {
            prefix = prefix[..<slash]
            parents.append(String(prefix))
        }
        for parent in parents.reversed() {
            ancestors.append(roleID(parent))
        }
        let id = Int32(roleNames.count)
        roleNames.append(role)
        roleIndex[role] = id
        roleAncestors.append(ancestors)
        return id
    }

    func existingRoleID(_ role: String) -> Int32? {
        roleIndex[role]
    }

    /// Whether resources reserved for `reservation` may be allocated to `role`
    /// (the same role or one of its ancestors).
    @inline(__always)
    func isReservation(_ reservation: Int32, allocatableTo role: Int32) -> Bool {
        reservation == role || roleAncestors[Int(role)].contains(reservation)
    }

    /// The top-level role of `role` (itself when it has no `/`).
    func topLevelRole(of role: Int32) -> Int32 {
        roleAncestors[Int(role)].first ?? role
    }

    // MARK: Conversion

    /// Converts Mesos resources to a bag, validating them like `Resources::validate`.
    ///
    /// Returns the single allocation role the resources carry, if any.
    mutating func bag(from resources: some Sequence<Resource>) throws(AllocatorError) -> (bag: ResourceBag, allocationRole: String?) {
        var bag = ResourceBag()
        var allocationRole: String?
        for resource in resources {
            try Self.validate(resource)
            if let role = resource.allocationInfo?.role {
                if let existing = allocationRole, existing != role {
                    throw AllocatorError(
                        .ambiguousRole,
                        "Resources are allocated to more than one role ('\(existing)' and '\(role)'); give back the resources of one role at a time"
                    )
                }
                allocationRole = role
            }
            let quantity = Self.quantity(of: resource)
            if quantity.isEmpty { continue }
            bag.insert(kind: kindID(for: resource), quantity: quantity)
        }
        return (bag, allocationRole)
    }

    /// The Mesos resources of a bag, optionally marked as allocated to `role`.
    func resources(of bag: ResourceBag, allocatedTo role: String?) -> [Resource] {
        var result: [Resource] = []
        result.reserveCapacity(bag.entries.count)
        let allocationInfo = role.map { AllocationInfo(role: $0) }
        for entry in bag.entries {
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

    /// Scalar amounts per resource name.
    func scalarTotals(of bag: ResourceBag) -> ScalarVector {
        var totals = ScalarVector()
        for entry in bag.entries {
            if case .scalar(let millis) = entry.quantity {
                totals.add(Int(kinds[Int(entry.kind)].name), millis)
            }
        }
        return totals
    }

    /// Amounts per resource name as Mesos's `ResourceQuantities` counts them
    /// (scalars, number of range values, number of set items), in thousandths.
    func quantities(of bag: ResourceBag) -> ScalarVector {
        var totals = ScalarVector()
        for entry in bag.entries {
            totals.add(Int(kinds[Int(entry.kind)].name), entry.quantity.quantityMillis)
        }
        return totals
    }

    /// Scalar amounts per name of the unreserved, non-revocable scalars (what quota counts).
    func quotaScalars(of bag: ResourceBag) -> ScalarVector {
        var totals = ScalarVector()
        for entry in bag.entries {
            let kind = kinds[Int(entry.kind)]
            if kind.isQuotaScalar, case .scalar(let millis) = entry.quantity {
                totals.add(Int(kind.name), millis)
            }
        }
        return totals
    }

    // MARK: Private

    private mutating func kindID(for resource: Resource) -> Int32 {
        var template = resource
        template.scalar = nil
        template.ranges = nil
        template.set = nil
        template.allocationInfo = nil
        if let id = kindIndex[template] { return id }
        let reservationRole: String? =
            if let last = resource.reservations.last {
                last.role
            } else if let reservation = resource.reservation?.role {
                reservation
            } else if let role = resource.role, role != "*" {
                role
            } else {
                nil
            }
        let kind = ResourceKind(
            name: nameID(resource.name),
            reservationRole: reservationRole.map { roleID($0) } ?? -1,
            isRevocable: resource.revocable != nil,
            isShared: resource.shared != nil,
            isRefined: resource.reservations.count > 1,
            isScalar: resource.type == .scalar,
            isDivisible: resource.disk == nil
        )
        let id = Int32(kinds.count)
        kinds.append(kind)
        templates.append(template)
        downgradedTemplates.append(template.downgraded() ?? template)
        kindIndex[template] = id
        return id
    }

    private static func quantity(of resource: Resource) -> ResourceQuantity {
        switch resource.type {
        case .scalar: return .scalar(FixedPoint.millis(resource.scalar?.value ?? 0))
        case .ranges: return .ranges(RangeSet(normalizing: resource.ranges?.range ?? []))
        case .set: return .set(SortedStrings.normalized(resource.set?.item ?? []))
        case .text: return .scalar(0)
        }
    }

    static func validate(_ resource: Resource) throws(AllocatorError) {
        let name = resource.name
        if name.isEmpty {
            throw AllocatorError(.invalidResources, "Resource has an empty name; every resource needs a name such as 'cpus'")
        }
        if name.utf8.count > 256 {
            throw AllocatorError(.invalidResources, "Resource name is longer than 256 bytes; use a shorter name")
        }
        switch resource.type {
        case .scalar:
            guard let scalar = resource.scalar, resource.ranges == nil, resource.set == nil else {
                throw AllocatorError(.invalidResources, "Resource '\(name)' is of type SCALAR but does not carry exactly a 'scalar' value")
            }
            let value = scalar.value
            if !value.isFinite || value < 0 || value > FixedPoint.maximumValue {
                throw AllocatorError(
                    .invalidResources,
                    "Resource '\(name)' has invalid scalar value \(value); use a finite value between 0 and \(FixedPoint.maximumValue)"
                )
            }
        case .ranges:
            guard let ranges = resource.ranges, resource.scalar == nil, resource.set == nil else {
                throw AllocatorError(.invalidResources, "Resource '\(name)' is of type RANGES but does not carry exactly a 'ranges' value")
            }
            if ranges.range.count > 65_536 {
                throw AllocatorError(.invalidResources, "Resource '\(name)' has more than 65536 ranges; merge them")
            }
            for range in ranges.range where range.begin > range.end {
                throw AllocatorError(
                    .invalidResources,
                    "Resource '\(name)' has range [\(range.begin)-\(range.end)] whose begin exceeds its end; write ranges as [begin-end]"
                )
            }
        case .set:
            guard let set = resource.set, resource.scalar == nil, resource.ranges == nil else {
                throw AllocatorError(.invalidResources, "Resource '\(name)' is of type SET but does not carry exactly a 'set' value")
            }
            if set.item.count > 65_536 {
                throw AllocatorError(.invalidResources, "Resource '\(name)' has more than 65536 set items")
            }
        case .text:
            throw AllocatorError(.invalidResources, "Resource '\(name)' is of type TEXT, which resources cannot be; use SCALAR, RANGES or SET")
        }
    }
}
