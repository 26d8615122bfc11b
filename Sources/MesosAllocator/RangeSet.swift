import MesosModel

/// A set of unsigned integers stored as sorted, disjoint, non-adjacent closed ranges
/// (the value of a `RANGES` resource such as `ports`).
struct RangeSet: Hashable, Sendable {
    /// Sorted by `begin`; no two spans overlap or touch.
    private(set) var spans: [Value.Range]

    /// The empty set.
    init() {
        spans = []
    }

    /// Normalizes arbitrary (possibly overlapping, unsorted) ranges; callers validate `begin <= end`.
    init(normalizing ranges: [Value.Range]) {
        guard !ranges.isEmpty else {
            spans = []
            return
        }
        let sorted = ranges.sorted { $0.begin < $1.begin }
        var merged: [Value.Range] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if var last = merged.last, last.end == .max || range.begin <= last.end + 1 {
                if range.end > last.end {
                    last.end = range.end
                    merged[merged.count - 1] = last
                }
            } else {
                merged.append(range)
            }
        }
        spans = merged
    }

    private init(spans: [Value.Range]) {
        self.spans = spans
    }

    var isEmpty: Bool { spans.isEmpty }

    /// The number of values in the set (saturating at `UInt64.max`).
    var count: UInt64 {
        var total: UInt64 = 0
        for span in spans {
            let (width, overflow) = (span.end - span.begin).addingReportingOverflow(1)
            if overflow { return .max }
            let (sum, sumOverflow) = total.addingReportingOverflow(width)
            if sumOverflow { return .max }
            total = sum
        }
        return total
    }

    /// The union of both sets.
    func union(_ other: RangeSet) -> RangeSet {
        if other.spans.isEmpty { return self }
        if spans.isEmpty { return other }
        return RangeSet(normalizing: spans + other.spans)
    }

    /// The values of `self` that are not in `other`.
    func subtracting(_ other: RangeSet) -> RangeSet {
        if other.spans.isEmpty || spans.isEmpty { return self }
        var result: [Value.Range] = []
        result.reserveCapacity(spans.count + other.spans.count)
        var j = 0
        let holes = other.spans
        for span in spans {
            var begin = span.begin
            let end = span.end
            var exhausted = false
            // Skip holes entirely before this span.
            while j < holes.count && holes[j].end < begin { j += 1 }
            var k = j
            while k < holes.count && holes[k].begin <= end {
                let hole = holes[k]
                if hole.begin > begin {
                    result.append(Value.Range(begin: begin, end: hole.begin - 1))
                }
                if hole.end >= end {
                    exhausted = true
                    break
                }
                begin = hole.end + 1
                k += 1
            }
            if !exhausted {
                result.append(Value.Range(begin: begin, end: end))
            }
        }
        return RangeSet(spans: result)
    }

    /// Whether every value of `other` is in `self`.
    func contains(_ other: RangeSet) -> Bool {
        if other.spans.isEmpty { return true }
        if spans.isEmpty { return false }
        var i = 0
        for needle in other.spans {
            while i < spans.count && spans[i].end < needle.begin { i += 1 }
            if i == spans.count { return false }
            let span = spans[i]
            if span.begin > needle.begin || span.end < needle.end { return false }
        }
        return true
    }

    /// The `n` smallest values of the set (all of it when it has fewer).
    func lowest(_ n: UInt64) -> RangeSet {
        if n == 0 { return RangeSet() }
        var remaining = n
        var result: [Value.Range] = []
        for span in spans {
            let width = span.end - span.begin  // count - 1, cannot overflow
            if width < remaining {
                result.append(span)
                remaining -= width + 1
                if remaining == 0 { break }
            } else {
                result.append(Value.Range(begin: span.begin, end: span.begin + remaining - 1))
                break
            }
        }
        return RangeSet(spans: result)
    }
}
