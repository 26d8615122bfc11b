/// The value part of one allocator resource entry.
enum ResourceQuantity: Hashable, Sendable {
    /// A `SCALAR` value in thousandths (see ``FixedPoint``).
    case scalar(Int64)
    /// A `RANGES` value.
    case ranges(RangeSet)
    /// A `SET` value: sorted, without duplicates.
    case set([String])

    var isEmpty: Bool {
        switch self {
        case .scalar(let millis): return millis <= 0
        case .ranges(let ranges): return ranges.isEmpty
        case .set(let items): return items.isEmpty
        }
    }

    /// `self + other`; both must be of the same case (same resource kind).
    func adding(_ other: ResourceQuantity) -> ResourceQuantity {
        switch (self, other) {
        case (.scalar(let a), .scalar(let b)): return .scalar(a &+ b)
        case (.ranges(let a), .ranges(let b)): return .ranges(a.union(b))
        case (.set(let a), .set(let b)): return .set(SortedStrings.union(a, b))
        default: return self
        }
    }

    /// `self - other`, never below empty.
    func subtracting(_ other: ResourceQuantity) -> ResourceQuantity {
        switch (self, other) {
        case (.scalar(let a), .scalar(let b)): return .scalar(a > b ? a - b : 0)
        case (.ranges(let a), .ranges(let b)): return .ranges(a.subtracting(b))
        case (.set(let a), .set(let b)): return .set(SortedStrings.subtracting(a, b))
        default: return self
        }
    }

    /// Whether `self` holds at least `other`.
    func contains(_ other: ResourceQuantity) -> Bool {
        switch (self, other) {
        case (.scalar(let a), .scalar(let b)): return a >= b
        case (.ranges(let a), .ranges(let b)): return a.contains(b)
        case (.set(let a), .set(let b)): return SortedStrings.contains(a, b)
        default: return false
        }
    }

    /// How much of it there is, as Mesos's `ResourceQuantities` counts it
    /// (scalar value, number of range values, number of set items), in thousandths.
    var quantityMillis: Int64 {
        switch self {
        case .scalar(let millis): return millis
        case .ranges(let ranges):
            let count = ranges.count
            return count >= UInt64(Int64.max / 1000) ? Int64.max : Int64(count) * 1000
        case .set(let items): return Int64(items.count) * 1000
        }
    }
}
