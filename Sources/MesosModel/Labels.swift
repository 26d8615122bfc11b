/// A key/value label attached to frameworks, tasks, resources and more.
public struct Label: Codable, Sendable, Hashable {
    /// The label's key.
    public var key: String
    /// The label's value, when it has one.
    public var value: String?

    /// Creates a label.
    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case key
        case value
    }
}

/// A list of labels: `{"labels": [{"key": ..., "value": ...}]}` on the wire.
public struct Labels: Codable, Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The labels, in order (keys may repeat).
    public var labels: [Label]

    /// Creates a label list.
    public init(labels: [Label] = []) {
        self.labels = labels
    }

    /// Creates a label list from a literal.
    public init(arrayLiteral elements: Label...) {
        self.labels = elements
    }

    /// The value of the first label with `key`, if any.
    public subscript(key: String) -> String? {
        labels.first { $0.key == key }?.value
    }

    private enum CodingKeys: String, CodingKey {
        case labels
    }
}
