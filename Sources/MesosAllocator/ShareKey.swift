/// A client's position in DRF order: (weighted) dominant share, then the number of
/// allocations it has received, then its name: Mesos's `DRFSorter::Node::compareDRF`.
struct ShareKey: Sendable {
    var share: Double = 0
    var count: UInt64 = 0
    /// The name's rank in byte-wise order (see ``NameRanking``).
    var rank: UInt64

    init(rank: UInt64) {
        self.rank = rank
    }

    /// Strict DRF order; keys of distinct clients are never equal because names differ.
    @inline(__always)
    static func precedes(_ a: ShareKey, _ b: ShareKey) -> Bool {
        if a.share != b.share { return a.share < b.share }
        if a.count != b.count { return a.count < b.count }
        return a.rank < b.rank
    }
}
