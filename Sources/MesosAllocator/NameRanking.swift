/// Gives names integer ranks in byte-wise (`std::string`) order, so DRF tie-breaks
/// by name are one integer comparison. Ranks leave gaps for later insertions; when a
/// gap runs out every rank is renumbered and the caller re-reads the ranks it holds.
struct NameRanking: Sendable {
    private var names: [[UInt8]] = []
    private var ranks: [UInt64] = []
    private static let spacing: UInt64 = 1 << 32

    /// Bumped whenever existing ranks change.
    private(set) var generation = 0

    private func position(of name: [UInt8]) -> (index: Int, found: Bool) {
        var low = 0
        var high = names.count
        while low < high {
            let mid = (low + high) / 2
            if names[mid].lexicographicallyPrecedes(name) { low = mid + 1 } else { high = mid }
        }
        return (low, low < names.count && names[low] == name)
    }

    /// The rank of `name`, inserting it when new.
    mutating func rank(of name: String) -> UInt64 {
        let bytes = Array(name.utf8)
        let (index, found) = position(of: bytes)
        if found { return ranks[index] }
        let below: UInt64 = index > 0 ? ranks[index - 1] : 0
        let above: UInt64? = index < ranks.count ? ranks[index] : nil
        var rank: UInt64
        if let above {
            rank = below + (above - below) / 2
            if rank == below {
                names.insert(bytes, at: index)
                ranks.insert(0, at: index)
                renumber()
                return ranks[index]
            }
        } else {
            let (next, overflow) = below.addingReportingOverflow(Self.spacing)
            if overflow {
                names.insert(bytes, at: index)
                ranks.insert(0, at: index)
                renumber()
                return ranks[index]
            }
            rank = next
        }
        names.insert(bytes, at: index)
        ranks.insert(rank, at: index)
        return rank
    }

    /// The rank of a name already ranked (0 when unknown).
    func existingRank(of name: String) -> UInt64 {
        let (index, found) = position(of: Array(name.utf8))
        return found ? ranks[index] : 0
    }

    /// Forgets a name (its rank is not reused by order; neighbours keep theirs).
    mutating func remove(_ name: String) {
        let (index, found) = position(of: Array(name.utf8))
        if found {
            names.remove(at: index)
            ranks.remove(at: index)
        }
    }

    private mutating func renumber() {
        let step = max(1, UInt64.max / UInt64(names.count + 1) / 2)
        for index in ranks.indices {
            ranks[index] = UInt64(index + 1) * step
        }
        generation += 1
    }
}
