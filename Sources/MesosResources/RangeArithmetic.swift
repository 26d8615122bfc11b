import MesosModel

/// Arithmetic on lists of closed integer ranges (`Value.Ranges`), kept in
/// canonical form: sorted by `begin`, disjoint and non-adjacent (`[1-3, 5-9]`,
/// never `[1-3, 4-9]` or `[5-9, 1-3]`).
enum RangeArithmetic {
    /// `ranges` in canonical form: overlapping and adjacent ranges coalesce.
    /// Inverted ranges (`begin > end`) are dropped; validation reports them.
    static func coalesced(_ ranges: [Value.Range]) -> [Value.Range] {
        var sorted = ranges.filter { $0.begin <= $0.end }
        guard sorted.count > 1 else { return sorted }
        if !isSortedByBegin(sorted) {
            sorted.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        }
        var result: [Value.Range] = []
        result.reserveCapacity(sorted.count)
        var current = sorted[0]
        for range in sorted.dropFirst() {
            if current.end == .max || range.begin <= current.end + 1 {
                current.end = max(current.end, range.end)
            } else {
                result.append(current)
                current = range
            }
        }
        result.append(current)
        return result
    }

    private static func isSortedByBegin(_ ranges: [Value.Range]) -> Bool {
        zip(ranges, ranges.dropFirst()).allSatisfy { $0.begin <= $1.begin }
    }

    /// The union of two canonical lists, in canonical form.
    static func union(_ lhs: [Value.Range], _ rhs: [Value.Range]) -> [Value.Range] {
        if lhs.isEmpty { return rhs }
        if rhs.isEmpty { return lhs }
        return coalesced(lhs + rhs)
    }

    /// The integers of `lhs` not in `rhs`, both canonical; the result is canonical.
    /// Removing a range from the middle of another splits it in two.
    static func difference(_ lhs: [Value.Range], _ rhs: [Value.Range]) -> [Value.Range] {
        guard !lhs.isEmpty, !rhs.isEmpty else { return lhs }
        var result: [Value.Range] = []
        result.reserveCapacity(lhs.count + 1)
        var cut = 0  // index of the first `rhs` range that may still overlap
        for range in lhs {
            var begin = range.begin
            let end = range.end
            var exhausted = false
            while cut < rhs.count && rhs[cut].end < begin {
                cut += 1
            }
            var index = cut
            while index < rhs.count && rhs[index].begin <= end {
                let hole = rhs[index]
                if hole.begin > begin {
                    result.append(Value.Range(begin: begin, end: hole.begin - 1))
                }
                if hole.end >= end {
                    exhausted = true
                    break
                }
                begin = hole.end + 1
                index += 1
            }
            if !exhausted {
                result.append(Value.Range(begin: begin, end: end))
            }
        }
        return result
    }

    /// Whether every integer of `rhs` is in `lhs`; both canonical.
    static func contains(_ lhs: [Value.Range], _ rhs: [Value.Range]) -> Bool {
        var index = 0
        for range in rhs {
            while index < lhs.count && lhs[index].end < range.begin {
                index += 1
            }
            guard index < lhs.count, lhs[index].begin <= range.begin, range.end <= lhs[index].end else {
                return false
            }
        }
        return true
    }

    /// How many integers the canonical list covers (saturating at `UInt64.max`).
    static func count(_ ranges: [Value.Range]) -> UInt64 {
        var total: UInt64 = 0
        for range in ranges {
            let (width, overflow) = (range.end - range.begin).addingReportingOverflow(1)
            if overflow { return .max }
            let (sum, overflow2) = total.addingReportingOverflow(width)
            if overflow2 { return .max }
            total = sum
        }
        return total
    }
}
