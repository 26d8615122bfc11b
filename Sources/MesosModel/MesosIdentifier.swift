/// A Mesos ID message: `{"value": "..."}` on the wire.
///
/// Conforming IDs can be written as string literals (`let id: TaskID = "web-1"`),
/// print as their bare value and sort by it.
public protocol MesosIdentifier: Codable, Sendable, Hashable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The ID's string value.
    var value: String { get }
    /// Creates the ID with the given string value.
    init(value: String)
}

extension MesosIdentifier {
    /// Creates the ID from a string literal.
    public init(stringLiteral value: String) {
        self.init(value: value)
    }

    /// The bare ID value.
    public var description: String { value }

    /// Orders IDs by their string value.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.value < rhs.value
    }
}
