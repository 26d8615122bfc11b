/// Per agent: the clients whose offer filters were verified to block the agent's
/// whole free resources. While those resources are unchanged, no filter anywhere
/// was cleared and none of the recorded filters expired, a verified client is
/// skipped with one bit test instead of a filter lookup and subset check.
///
/// This keeps Mesos's DeclineOffers pattern cheap: after every framework declined
/// an agent for a long time, each round still has to walk the agent's frameworks,
/// but each one costs a bit test.
struct BlockedClientCache: Sendable {
    /// The agent's free resources the verdicts are about.
    var available: ResourceBag
    /// The allocator's filter-clearing epoch when the cache was started.
    var epoch: UInt64
    /// The earliest expiry (allocator ticks) among the recorded blocking filters.
    var validUntil: Int64 = .max
    private var bits: [UInt64] = []

    init(available: ResourceBag, epoch: UInt64) {
        self.available = available
        self.epoch = epoch
    }

    /// A cache that matches nothing.
    static let empty = BlockedClientCache(available: ResourceBag(), epoch: .max)

    func isValid(for available: ResourceBag, epoch: UInt64, now: Int64) -> Bool {
        self.epoch == epoch && validUntil > now && self.available == available
    }

    @inline(__always)
    func contains(_ client: Int32) -> Bool {
        let word = Int(client) &>> 6
        return word < bits.count && bits[word] & (1 &<< UInt64(client & 63)) != 0
    }

    mutating func insert(_ client: Int32, blockedUntil expiry: Int64) {
        let word = Int(client) &>> 6
        if word >= bits.count {
            bits.append(contentsOf: repeatElement(0, count: word + 1 - bits.count))
        }
        bits[word] |= 1 &<< UInt64(client & 63)
        if expiry < validUntil { validUntil = expiry }
    }
}
