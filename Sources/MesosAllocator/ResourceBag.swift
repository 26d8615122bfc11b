/// The allocator's compact resource collection: one entry per resource kind
/// (interned in a ``ResourceCatalog``), sorted by kind, no empty entries.
///
/// This is the allocator's private counterpart of Mesos's `Resources`: adding,
/// subtracting and `contains` are merges of two short sorted arrays with no
/// string comparisons, which is what keeps an allocation round cheap.
struct ResourceBag: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var kind: Int32
        var quantity: ResourceQuantity
    }

    private(set) var entries: [Entry]

    static let empty = ResourceBag()

    init() {
        entries = []
    }

    /// Entries must be sorted by kind, unique and non-empty.
    init(sortedEntries: [Entry]) {
        entries = sortedEntries
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Prefetches the entries' storage (``DRFAllocator/prefetchAgents(after:in:)``).
    func prefetchStorage() { DRFAllocator.prefetchStorage(of: entries) }

    /// Adds one quantity of a kind, merging with an existing entry.
    mutating func insert(kind: Int32, quantity: ResourceQuantity) {
        if quantity.isEmpty { return }
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].kind < kind { low = mid + 1 } else { high = mid }
        }
        if low < entries.count && entries[low].kind == kind {
            entries[low].quantity = entries[low].quantity.adding(quantity)
        } else {
            entries.insert(Entry(kind: kind, quantity: quantity), at: low)
        }
    }

    /// `self + other`.
    mutating func add(_ other: ResourceBag) {
        if other.entries.isEmpty { return }
        if entries.isEmpty {
            entries = other.entries
            return
        }
        var merged: [Entry] = []
        merged.reserveCapacity(entries.count + other.entries.count)
        var i = 0
        var j = 0
        let a = entries
        let b = other.entries
        while i < a.count && j < b.count {
            if a[i].kind == b[j].kind {
                merged.append(Entry(kind: a[i].kind, quantity: a[i].quantity.adding(b[j].quantity)))
                i += 1
                j += 1
            } else if a[i].kind < b[j].kind {
                merged.append(a[i])
                i += 1
            } else {
                merged.append(b[j])
                j += 1
            }
        }
        while i < a.count {
            merged.append(a[i])
            i += 1
        }
        while j < b.count {
            merged.append(b[j])
            j += 1
        }
        entries = merged
    }

    /// `self - other`; quantities never go below empty and empty entries are dropped.
    mutating func subtract(_ other: ResourceBag) {
        if other.entries.isEmpty || entries.isEmpty { return }
        var result: [Entry] = []
        result.reserveCapacity(entries.count)
        var j = 0
        let b = other.entries
        for entry in entries {
            while j < b.count && b[j].kind < entry.kind { j += 1 }
            if j < b.count && b[j].kind == entry.kind {
                let rest = entry.quantity.subtracting(b[j].quantity)
                if !rest.isEmpty {
                    result.append(Entry(kind: entry.kind, quantity: rest))
                }
            } else {
                result.append(entry)
            }
        }
        entries = result
    }

    func adding(_ other: ResourceBag) -> ResourceBag {
        var copy = self
        copy.add(other)
        return copy
    }

    func subtracting(_ other: ResourceBag) -> ResourceBag {
        var copy = self
        copy.subtract(other)
        return copy
    }

    /// Whether `self` holds all of `other` (Mesos's `Resources::contains`).
    func contains(_ other: ResourceBag) -> Bool {
        let b = other.entries
        if b.isEmpty { return true }
        let a = entries
        if a.count < b.count { return false }
        var i = 0
        for needle in b {
            while i < a.count && a[i].kind < needle.kind { i += 1 }
            if i == a.count || a[i].kind != needle.kind { return false }
            if !a[i].quantity.contains(needle.quantity) { return false }
            i += 1
        }
        return true
    }

    /// The entries whose kind satisfies `keep`.
    func filter(_ keep: (Int32) -> Bool) -> ResourceBag {
        ResourceBag(sortedEntries: entries.filter { keep($0.kind) })
    }

    /// Whether every entry's kind satisfies `predicate`.
    func allKinds(_ predicate: (Int32) -> Bool) -> Bool {
        entries.allSatisfy { predicate($0.kind) }
    }
}
