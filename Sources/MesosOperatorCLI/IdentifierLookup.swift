/// Finds one item by its id or a unique prefix of it, as `docker` and `git` do, with errors that
/// say what was not found or list the candidates.
public struct IdentifierLookup<Item> {
    /// What the items are called in errors (`task`, `framework`).
    public let noun: String
    /// What to suggest when nothing matches (e.g. `swift-mesos ps --all lists them`).
    public let hint: String
    /// An item's id.
    public let id: (Item) -> String

    /// A lookup of `noun`s identified by `id`.
    public init(noun: String, hint: String, id: @escaping (Item) -> String) {
        self.noun = noun
        self.hint = hint
        self.id = id
    }

    /// The most candidates an ambiguity error lists.
    public static var listedCandidates: Int { 10 }

    /// The item whose id is `query`, else the only one whose id starts with `query`.
    public func find(_ query: String, in items: [Item]) throws(OperatorCLIError) -> Item {
        guard !query.isEmpty else { throw OperatorCLIError("no \(noun) id given") }
        let exact = items.filter { id($0) == query }
        if exact.count == 1 { return exact[0] }
        let matches = exact.isEmpty ? items.filter { id($0).hasPrefix(query) } : exact
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw OperatorCLIError("no \(noun) '\(query)' (\(hint))") }
        let ids = matches.map(id).sorted()
        let listed = ids.prefix(Self.listedCandidates).joined(separator: ", ")
        let more = ids.count > Self.listedCandidates ? ", and \(ids.count - Self.listedCandidates) more" : ""
        let what = exact.isEmpty ? "\(noun) prefix '\(query)' is ambiguous" : "\(noun) id '\(query)' is ambiguous"
        throw OperatorCLIError("\(what): it matches \(ids.count) \(noun)s: \(listed)\(more)")
    }
}
