import MesosModel

/// Mesos's rules for when two resources describe "the same kind of thing"
/// (`src/common/resources.cpp`: `compareResourceMetadata`, `addable`,
/// `subtractable`). All functions expect resources in canonical form (see
/// ``Resources``).
enum ResourceMatching {
    /// Mesos's `DiskInfo` equality: same source and same persistence ID; the
    /// volume (how a task mounts it) and the persistence principal are ignored.
    static func sameDisk(_ lhs: DiskInfo?, _ rhs: DiskInfo?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): return true
        case (let lhs?, let rhs?): return lhs.source == rhs.source && lhs.persistence?.id == rhs.persistence?.id
        default: return false
        }
    }

    /// Same name, type, allocation, reservations, disk, revocability, provider and
    /// sharedness: everything but the value.
    static func sameMetadata(_ lhs: Resource, _ rhs: Resource) -> Bool {
        commonMetadataMatches(lhs, rhs) && (lhs.shared != nil) == (rhs.shared != nil)
    }

    /// Mesos's `Resource ==`: same metadata and same value.
    static func equal(_ lhs: Resource, _ rhs: Resource) -> Bool {
        guard sameMetadata(lhs, rhs) else { return false }
        switch lhs.type {
        case .scalar: return lhs.scalarMillis == rhs.scalarMillis
        case .ranges: return lhs.ranges?.range ?? [] == rhs.ranges?.range ?? []
        case .set: return lhs.set?.item ?? [] == rhs.set?.item ?? []
        case .text: return false
        }
    }

    /// Whether the two can be merged into one resource by adding their values.
    static func addable(_ lhs: Resource, _ rhs: Resource) -> Bool {
        if (lhs.shared != nil) != (rhs.shared != nil) { return false }
        // Shared resources are counted, not merged: only identical ones combine.
        if lhs.shared != nil { return equal(lhs, rhs) }
        guard commonMetadataMatches(lhs, rhs) else { return false }
        if let disk = lhs.disk {
            if let source = disk.source {
                switch source.type {
                case .path: break
                // Exclusive disks cannot be added; that would defeat the exclusivity.
                case .mount, .block, .unknown: return false
                case .raw: if source.id != nil { return false }
                }
            }
            if disk.persistence != nil { return false }
        }
        return true
    }

    /// Whether `rhs` can be taken out of `lhs` leaving one valid resource.
    static func subtractable(_ lhs: Resource, _ rhs: Resource) -> Bool {
        if (lhs.shared != nil) != (rhs.shared != nil) { return false }
        if lhs.shared != nil { return equal(lhs, rhs) }
        guard commonMetadataMatches(lhs, rhs) else { return false }
        if let disk = lhs.disk {
            if let source = disk.source {
                switch source.type {
                case .path: break
                case .mount, .block: if !equal(lhs, rhs) { return false }
                case .raw: if source.id != nil && !equal(lhs, rhs) { return false }
                case .unknown: return false
                }
            }
            if disk.persistence != nil && !equal(lhs, rhs) { return false }
        }
        return true
    }

    /// The metadata checks `addable` and `subtractable` share.
    private static func commonMetadataMatches(_ lhs: Resource, _ rhs: Resource) -> Bool {
        lhs.name == rhs.name
            && lhs.type == rhs.type
            && lhs.allocationInfo == rhs.allocationInfo
            && lhs.reservations == rhs.reservations
            && sameDisk(lhs.disk, rhs.disk)
            && (lhs.revocable != nil) == (rhs.revocable != nil)
            && lhs.providerID == rhs.providerID
    }

    /// Whether `lhs` holds all of `rhs` (same kind, and at least as much).
    static func contains(_ lhs: Resource, _ rhs: Resource) -> Bool {
        guard subtractable(lhs, rhs) else { return false }
        switch lhs.type {
        case .scalar: return rhs.scalarMillis <= lhs.scalarMillis
        case .ranges: return RangeArithmetic.contains(lhs.ranges?.range ?? [], rhs.ranges?.range ?? [])
        case .set:
            let items = lhs.set?.item ?? []
            return (rhs.set?.item ?? []).allSatisfy { sortedContains(items, $0) }
        case .text: return false
        }
    }

    /// Binary search in a sorted array.
    static func sortedContains(_ sorted: [String], _ item: String) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < item {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < sorted.count && sorted[low] == item
    }
}

extension Resource {
    /// The scalar value in thousandths (0 when absent).
    var scalarMillis: Int64 { FixedPoint.millis(from: scalar?.value ?? 0) }

    /// The resource in the canonical form ``Resources`` stores: upgraded
    /// reservations, the scalar rounded to thousandths, ranges coalesced, set
    /// items sorted and unique, and no value fields besides the one `type` uses.
    func canonicalized() -> Resource {
        var result = upgraded()
        switch result.type {
        case .scalar:
            result.scalar = Value.Scalar(value: FixedPoint.rounded(result.scalar?.value ?? 0))
            result.ranges = nil
            result.set = nil
        case .ranges:
            result.ranges = Value.Ranges(range: RangeArithmetic.coalesced(result.ranges?.range ?? []))
            result.scalar = nil
            result.set = nil
        case .set:
            result.set = Value.Set(item: Array(Swift.Set(result.set?.item ?? [])).sorted())
            result.scalar = nil
            result.ranges = nil
        case .text:
            break
        }
        return result
    }

    /// Whether the value is zero or empty.
    var hasEmptyValue: Bool {
        switch type {
        case .scalar: scalarMillis == 0
        case .ranges: ranges?.range.isEmpty ?? true
        case .set: set?.item.isEmpty ?? true
        case .text: true
        }
    }

    /// Adds `other`'s value into this one (both canonical, same type).
    mutating func addValue(of other: Resource) {
        switch type {
        case .scalar:
            scalar = Value.Scalar(value: FixedPoint.value(ofMillis: FixedPoint.sum(scalarMillis, other.scalarMillis)))
        case .ranges:
            ranges = Value.Ranges(range: RangeArithmetic.union(ranges?.range ?? [], other.ranges?.range ?? []))
        case .set:
            set = Value.Set(item: Array(Swift.Set((set?.item ?? []) + (other.set?.item ?? []))).sorted())
        case .text:
            break
        }
    }

    /// Takes `other`'s value out of this one (both canonical, same type); a
    /// scalar may go negative, which callers treat as "all gone".
    mutating func subtractValue(of other: Resource) {
        switch type {
        case .scalar:
            scalar = Value.Scalar(
                value: FixedPoint.value(ofMillis: FixedPoint.difference(scalarMillis, other.scalarMillis)))
        case .ranges:
            ranges = Value.Ranges(range: RangeArithmetic.difference(ranges?.range ?? [], other.ranges?.range ?? []))
        case .set:
            let removed = Swift.Set(other.set?.item ?? [])
            set = Value.Set(item: (set?.item ?? []).filter { !removed.contains($0) })
        case .text:
            break
        }
    }
}
