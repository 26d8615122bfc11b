/// Amounts of resources by name, with no other distinction (no roles, no
/// reservations): `cpus:4; mem:1024`. Mesos's `ResourceQuantities`.
///
/// Built for the allocator's hot paths: a small array sorted by name, with
/// values in Mesos's fixed-point thousandths (so sums never drift), merged in
/// one pass. Only positive amounts are stored; subtracting more than is held
/// leaves zero (the name disappears).
public struct ResourceQuantities: Sendable, Hashable, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    struct Entry: Sendable, Hashable {
        var name: String
        var millis: Int64
    }

    /// Sorted by name; every `millis` is positive.
    private(set) var entries: [Entry]

    /// No quantities.
    public init() {
        entries = []
    }

    /// The given amounts; non-positive and non-finite amounts are left out.
    public init(_ amounts: [String: Double]) {
        entries = amounts.compactMap { name, value in
            guard value.isFinite else { return nil }
            let millis = FixedPoint.millis(from: value)
            return millis > 0 ? Entry(name: name, millis: millis) : nil
        }
        .sorted { $0.name < $1.name }
    }

    /// The given amounts; non-positive and non-finite amounts are left out.
    public init(dictionaryLiteral elements: (String, Double)...) {
        var amounts: [String: Double] = [:]
        for (name, value) in elements {
            amounts[name, default: 0] += value
        }
        self.init(amounts)
    }

    /// Whether no amount is held.
    public var isEmpty: Bool { entries.isEmpty }

    /// The names with a positive amount, sorted.
    public var names: [String] { entries.map(\.name) }

    /// The amount of `name` (0 when absent). Setting 0 or less removes it.
    public subscript(name: String) -> Double {
        get { FixedPoint.value(ofMillis: millis(of: name)) }
        set {
            let millis = newValue.isFinite ? FixedPoint.millis(from: newValue) : 0
            set(millis: millis, named: name)
        }
    }

    /// The amount of `name` in thousandths.
    func millis(of name: String) -> Int64 {
        for entry in entries {
            if entry.name == name { return entry.millis }
        }
        return 0
    }

    private mutating func set(millis: Int64, named name: String) {
        let index = entries.firstIndex { $0.name >= name } ?? entries.endIndex
        let present = index < entries.endIndex && entries[index].name == name
        switch (present, millis > 0) {
        case (true, true): entries[index].millis = millis
        case (true, false): entries.remove(at: index)
        case (false, true): entries.insert(Entry(name: name, millis: millis), at: index)
        case (false, false): break
        }
    }

    /// Adds `millis` thousandths of `name`.
    mutating func add(millis amount: Int64, named name: String) {
        set(millis: FixedPoint.sum(millis(of: name), amount), named: name)
    }

    // MARK: - Arithmetic

    /// The amounts of both, added by name.
    public static func + (lhs: ResourceQuantities, rhs: ResourceQuantities) -> ResourceQuantities {
        if rhs.entries.isEmpty { return lhs }
        if lhs.entries.isEmpty { return rhs }
        var result: [Entry] = []
        result.reserveCapacity(lhs.entries.count + rhs.entries.count)
        var left = 0
        var right = 0
        while left < lhs.entries.count && right < rhs.entries.count {
            let l = lhs.entries[left]
            let r = rhs.entries[right]
            if l.name == r.name {
                result.append(Entry(name: l.name, millis: FixedPoint.sum(l.millis, r.millis)))
                left += 1
                right += 1
            } else if l.name < r.name {
                result.append(l)
                left += 1
            } else {
                result.append(r)
                right += 1
            }
        }
        result.append(contentsOf: lhs.entries[left...])
        result.append(contentsOf: rhs.entries[right...])
        return ResourceQuantities(sortedEntries: result)
    }

    /// `lhs` less `rhs` by name, never below zero.
    public static func - (lhs: ResourceQuantities, rhs: ResourceQuantities) -> ResourceQuantities {
        if rhs.entries.isEmpty || lhs.entries.isEmpty { return lhs }
        var result: [Entry] = []
        result.reserveCapacity(lhs.entries.count)
        var right = 0
        for entry in lhs.entries {
            while right < rhs.entries.count && rhs.entries[right].name < entry.name {
                right += 1
            }
            if right < rhs.entries.count && rhs.entries[right].name == entry.name {
                let remaining = FixedPoint.difference(entry.millis, rhs.entries[right].millis)
                if remaining > 0 {
                    result.append(Entry(name: entry.name, millis: remaining))
                }
            } else {
                result.append(entry)
            }
        }
        return ResourceQuantities(sortedEntries: result)
    }

    /// Adds `rhs` by name.
    public static func += (lhs: inout ResourceQuantities, rhs: ResourceQuantities) {
        lhs = lhs + rhs
    }

    /// Subtracts `rhs` by name, never below zero.
    public static func -= (lhs: inout ResourceQuantities, rhs: ResourceQuantities) {
        lhs = lhs - rhs
    }

    private init(sortedEntries: [Entry]) {
        entries = sortedEntries
    }

    // MARK: - Comparison

    /// Whether every amount in `other` is held here at least as large.
    public func contains(_ other: ResourceQuantities) -> Bool {
        var index = 0
        for needed in other.entries {
            while index < entries.count && entries[index].name < needed.name {
                index += 1
            }
            guard index < entries.count, entries[index].name == needed.name, entries[index].millis >= needed.millis
            else { return false }
        }
        return true
    }

    /// The dominant share of these amounts in `total` (Dominant Resource
    /// Fairness): the largest `self[name] / total[name]` over the names with a
    /// positive total; 0 when there is none.
    public func dominantShare(of total: ResourceQuantities) -> Double {
        var share = 0.0
        var index = 0
        for entry in entries {
            while index < total.entries.count && total.entries[index].name < entry.name {
                index += 1
            }
            guard index < total.entries.count else { break }
            let whole = total.entries[index]
            if whole.name == entry.name {
                share = Swift.max(share, Double(entry.millis) / Double(whole.millis))
            }
        }
        return share
    }

    /// The amounts whose name satisfies `isIncluded`.
    public func filter(_ isIncluded: (String) throws -> Bool) rethrows -> ResourceQuantities {
        ResourceQuantities(sortedEntries: try entries.filter { try isIncluded($0.name) })
    }

    /// `cpus:4; mem:1024`, by name.
    public var description: String {
        entries.isEmpty
            ? "{}"
            : entries.map { "\($0.name):\(FixedPoint.text(ofMillis: $0.millis))" }.joined(separator: "; ")
    }
}

extension ResourceQuantities: RandomAccessCollection {
    /// The position of the first amount.
    public var startIndex: Int { entries.startIndex }
    /// The position after the last amount.
    public var endIndex: Int { entries.endIndex }

    /// The amount at `position`, in name order.
    public subscript(position: Int) -> (name: String, value: Double) {
        (entries[position].name, FixedPoint.value(ofMillis: entries[position].millis))
    }
}
