/// The offer filters installed on one agent: for each client (a framework in a
/// role), the resources it refused and until when (Mesos's `RefusedOfferFilter`).
///
/// A filter blocks an offer whose resources are a subset of the refused ones.
/// Refused bags are stored once per distinct value, so thousands of frameworks
/// declining the same agent share one copy. Entries become stale when their
/// client's epoch moves on (REVIVE, deactivation, removal) or when they expire;
/// stale entries are ignored and purged lazily.
struct AgentOfferFilters: Sendable {
    struct Entry: Sendable {
        var client: Int32
        var epoch: UInt32
        var refusal: Int32
        /// Expiry in allocator ticks (nanoseconds since the allocator's time origin).
        var expiry: Int64
    }

    /// Sorted by client; a client may have a few entries (adjacent).
    private(set) var entries: [Entry] = []
    /// Distinct refused bags referenced by `entries`.
    private(set) var refusals: [ResourceBag] = []
    private var purgeThreshold = 16

    /// At most this many live filters per client and agent; the soonest-expiring goes first.
    static let maximumPerClient = 8

    var isEmpty: Bool { entries.isEmpty }

    /// Prefetches the entries' storage (``DRFAllocator/prefetchAgents(after:in:)``).
    func prefetchStorage() { DRFAllocator.prefetchStorage(of: entries) }

    mutating func removeAll() {
        entries = []
        refusals = []
        purgeThreshold = 16
    }

    @inline(__always)
    private func firstIndex(of client: Int32) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) &>> 1
            if entries[mid].client < client { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The expiry of a live filter of `client` that blocks offering `offer`, or nil
    /// when no filter blocks it.
    ///
    /// `memo` caches `refusals[i].contains(offer)` per refusal (0 unknown, 1 yes,
    /// 2 no); the caller clears it whenever `offer` changes.
    @inline(__always)
    func blockingExpiry(
        client: Int32,
        epoch: UInt32,
        now: Int64,
        offer: ResourceBag,
        memo: inout [UInt8]
    ) -> Int64? {
        if entries.isEmpty { return nil }
        var index = firstIndex(of: client)
        while index < entries.count && entries[index].client == client {
            let entry = entries[index]
            index += 1
            if entry.epoch != epoch || entry.expiry <= now { continue }
            let refusal = Int(entry.refusal)
            if memo.count < refusals.count {
                memo.append(contentsOf: repeatElement(0, count: refusals.count - memo.count))
            }
            switch memo[refusal] {
            case 1: return entry.expiry
            case 2: continue
            default:
                let contained = refusals[refusal].contains(offer)
                memo[refusal] = contained ? 1 : 2
                if contained { return entry.expiry }
            }
        }
        return nil
    }

    /// Installs a filter; `epochs[c]` is the current epoch of client `c`.
    mutating func install(
        client: Int32,
        epoch: UInt32,
        refused: ResourceBag,
        expiry: Int64,
        now: Int64,
        epochs: [UInt32]
    ) {
        if refused.isEmpty { return }
        let start = firstIndex(of: client)
        var end = start
        while end < entries.count && entries[end].client == client { end += 1 }

        // Keep this client's live entries that the new filter does not supersede.
        var kept: [Entry] = []
        for entry in entries[start..<end] where entry.epoch == epoch && entry.expiry > now {
            let existing = refusals[Int(entry.refusal)]
            if existing.contains(refused) && entry.expiry >= expiry {
                return  // Already covered by a filter at least as broad and as long.
            }
            if refused.contains(existing) && expiry >= entry.expiry {
                continue  // Superseded by the new filter.
            }
            kept.append(entry)
        }
        let refusal = refusalIndex(for: refused)
        kept.append(Entry(client: client, epoch: epoch, refusal: refusal, expiry: expiry))
        if kept.count > Self.maximumPerClient {
            kept.sort { $0.expiry > $1.expiry }
            kept.removeLast(kept.count - Self.maximumPerClient)
        }
        entries.replaceSubrange(start..<end, with: kept)

        if entries.count >= purgeThreshold || refusals.count >= purgeThreshold {
            purge(now: now, epochs: epochs)
            purgeThreshold = max(16, max(entries.count, refusals.count) * 2)
        }
    }

    /// Drops the entries of `client` (its framework left the role, or was removed).
    mutating func removeEntries(of client: Int32) {
        let start = firstIndex(of: client)
        var end = start
        while end < entries.count && entries[end].client == client { end += 1 }
        if start < end {
            entries.removeSubrange(start..<end)
        }
    }

    /// Number of filters in force.
    func liveCount(now: Int64, epochs: [UInt32]) -> Int {
        entries.reduce(0) { count, entry in
            Int(entry.client) < epochs.count && epochs[Int(entry.client)] == entry.epoch && entry.expiry > now ? count + 1 : count
        }
    }

    /// Removes stale and expired entries and unreferenced refusals.
    mutating func purge(now: Int64, epochs: [UInt32]) {
        entries.removeAll { entry in
            Int(entry.client) >= epochs.count || epochs[Int(entry.client)] != entry.epoch || entry.expiry <= now
        }
        var used = [Bool](repeating: false, count: refusals.count)
        for entry in entries { used[Int(entry.refusal)] = true }
        if used.allSatisfy({ $0 }) { return }
        var remap = [Int32](repeating: -1, count: refusals.count)
        var compacted: [ResourceBag] = []
        for index in refusals.indices where used[index] {
            remap[index] = Int32(compacted.count)
            compacted.append(refusals[index])
        }
        refusals = compacted
        for index in entries.indices {
            entries[index].refusal = remap[Int(entries[index].refusal)]
        }
    }

    private mutating func refusalIndex(for bag: ResourceBag) -> Int32 {
        // Search the most recent refusals first: successive declines of an agent tend to match.
        var index = refusals.count - 1
        var probes = 0
        while index >= 0 && probes < 32 {
            if refusals[index] == bag { return Int32(index) }
            index -= 1
            probes += 1
        }
        refusals.append(bag)
        return Int32(refusals.count - 1)
    }
}
