/// ``MinimumAllocatable`` with names interned: alternatives of (name index, thousandths).
struct CompiledMinimum: Sendable, Hashable {
    var alternatives: [[(name: Int32, millis: Int64)]]

    static func == (lhs: CompiledMinimum, rhs: CompiledMinimum) -> Bool {
        lhs.alternatives.count == rhs.alternatives.count
            && zip(lhs.alternatives, rhs.alternatives).allSatisfy { a, b in
                a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.millis == $1.millis }
            }
    }

    func hash(into hasher: inout Hasher) {
        for alternative in alternatives {
            for pair in alternative {
                hasher.combine(pair.name)
                hasher.combine(pair.millis)
            }
        }
    }

    init(_ minimum: MinimumAllocatable, catalog: inout ResourceCatalog) {
        alternatives = minimum.alternatives.map { alternative in
            alternative.keys.sorted().map { name in
                (name: catalog.nameID(name), millis: FixedPoint.millis(alternative[name] ?? 0))
            }
        }
    }

    /// Whether `bag` satisfies at least one alternative (always, when there are none).
    func isSatisfied(by bag: ResourceBag, kinds: [ResourceKind]) -> Bool {
        if bag.isEmpty { return false }
        if alternatives.isEmpty { return true }
        for alternative in alternatives {
            var satisfied = true
            for requirement in alternative {
                var amount: Int64 = 0
                for entry in bag.entries where kinds[Int(entry.kind)].name == requirement.name {
                    amount &+= entry.quantity.quantityMillis
                }
                if amount < requirement.millis {
                    satisfied = false
                    break
                }
            }
            if satisfied { return true }
        }
        return false
    }
}
