import MesosModel

extension Resources {
    // MARK: - Quantities by name

    /// The total of the scalar resources named `name`, whatever their
    /// reservation; `nil` when there are none.
    public func scalar(named name: String) -> Double? {
        var total: Int64 = 0
        var found = false
        for entry in entries where entry.resource.name == name && entry.resource.type == .scalar {
            total = FixedPoint.sum(total, entry.resource.scalarMillis)
            found = true
        }
        return found ? FixedPoint.value(ofMillis: total) : nil
    }

    /// All ranges of the resources named `name`, coalesced; `nil` when there are none.
    public func ranges(named name: String) -> [Value.Range]? {
        var total: [Value.Range] = []
        var found = false
        for entry in entries where entry.resource.name == name && entry.resource.type == .ranges {
            total = RangeArithmetic.union(total, entry.resource.ranges?.range ?? [])
            found = true
        }
        return found ? total : nil
    }

    /// All items of the set resources named `name`, sorted; `nil` when there are none.
    public func items(named name: String) -> [String]? {
        var total: Swift.Set<String> = []
        var found = false
        for entry in entries where entry.resource.name == name && entry.resource.type == .set {
            total.formUnion(entry.resource.set?.item ?? [])
            found = true
        }
        return found ? total.sorted() : nil
    }

    /// CPUs (`cpus`), if any.
    public var cpus: Double? { scalar(named: "cpus") }
    /// Memory in megabytes (`mem`), if any.
    public var mem: Double? { scalar(named: "mem") }
    /// Disk in megabytes (`disk`), if any.
    public var disk: Double? { scalar(named: "disk") }
    /// GPUs (`gpus`), if any.
    public var gpus: Double? { scalar(named: "gpus") }
    /// Port ranges (`ports`), coalesced; empty when there are none.
    public var ports: [Value.Range] { ranges(named: "ports") ?? [] }

    /// The names of the resources held.
    public var names: Swift.Set<String> { Swift.Set(entries.map(\.resource.name)) }

    /// The total of each scalar resource by name, ignoring reservations,
    /// allocation and every other distinction (Mesos's `ResourceQuantities`).
    public var scalarQuantities: ResourceQuantities {
        var quantities = ResourceQuantities()
        for entry in entries where entry.resource.type == .scalar {
            quantities.add(millis: entry.resource.scalarMillis, named: entry.resource.name)
        }
        return quantities
    }

    /// Whether these resources hold at least `quantities` of each name,
    /// whatever their reservations; ranges count their integers and sets their items.
    public func contains(_ quantities: ResourceQuantities) -> Bool {
        quantities.entries.allSatisfy { needed in
            var held: Int64 = 0
            for entry in entries where entry.resource.name == needed.name {
                let amount: Int64
                switch entry.resource.type {
                case .scalar:
                    amount = entry.resource.scalarMillis
                case .ranges:
                    let count = RangeArithmetic.count(entry.resource.ranges?.range ?? [])
                    amount = count > UInt64(Int64.max / FixedPoint.scale) ? .max : Int64(count) * FixedPoint.scale
                case .set:
                    amount = Int64(entry.resource.set?.item.count ?? 0) * FixedPoint.scale
                case .text:
                    amount = 0
                }
                held = FixedPoint.sum(held, amount)
                if held >= needed.millis { return true }
            }
            return false
        }
    }

    // MARK: - Subsets

    /// The resources for which `isIncluded` is true.
    public func filter(_ isIncluded: (Resource) throws -> Bool) rethrows -> Resources {
        Resources(entries: try entries.filter { try isIncluded($0.resource) })
    }

    /// The resources reserved for no role.
    public var unreserved: Resources { filter(\.isUnreserved) }

    /// The reserved resources: for `role` (its innermost reservation) when
    /// given, else for any role.
    public func reserved(for role: String? = nil) -> Resources {
        filter { $0.isReserved(for: role) }
    }

    /// What a framework in `role` may be offered: the unreserved resources and
    /// those reserved for `role` or one of its ancestors.
    public func allocatableTo(role: String) -> Resources {
        filter { $0.isAllocatable(to: role) }
    }

    /// The reserved resources grouped by the role of their innermost reservation.
    public var reservations: [String: Resources] {
        var result: [String: Resources] = [:]
        for entry in entries {
            if let role = entry.resource.reservationRole {
                result[role, default: Resources()].add(entry)
            }
        }
        return result
    }

    /// The resources with all reservations removed (Mesos's `toUnreserved`);
    /// what becomes the same kind merges.
    public func flattened() -> Resources {
        var result = Resources()
        for var entry in entries {
            entry.resource.reservations = []
            result.add(entry)
        }
        return result
    }

    /// The scalar resources.
    public var scalars: Resources { filter { $0.type == .scalar } }
    /// The revocable resources.
    public var revocable: Resources { filter(\.isRevocable) }
    /// The resources that are not revocable.
    public var nonRevocable: Resources { filter { !$0.isRevocable } }
    /// The persistent volumes.
    public var persistentVolumes: Resources { filter(\.isPersistentVolume) }
    /// The shared resources.
    public var shared: Resources { filter(\.isShared) }
    /// The resources that are not shared.
    public var nonShared: Resources { filter { !$0.isShared } }

    // MARK: - Allocation

    /// The same resources marked as allocated to `role` (`allocation_info`),
    /// as the master does for offers and tasks of multi-role frameworks.
    public func allocated(to role: String) -> Resources {
        var result = Resources()
        for var entry in entries {
            entry.resource.allocationInfo = AllocationInfo(role: role)
            result.add(entry)
        }
        return result
    }

    /// The same resources without allocation info.
    public func unallocated() -> Resources {
        var result = Resources()
        for var entry in entries {
            entry.resource.allocationInfo = nil
            result.add(entry)
        }
        return result
    }

    /// The resources grouped by the role they are allocated to; resources
    /// without an allocation role are left out.
    public var allocations: [String: Resources] {
        var result: [String: Resources] = [:]
        for entry in entries {
            if let role = entry.resource.allocationInfo?.role {
                result[role, default: Resources()].add(entry)
            }
        }
        return result
    }
}
