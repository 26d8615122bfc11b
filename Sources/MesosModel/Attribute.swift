/// A fixed property of an agent, e.g. `rack:r1` (`Attribute` in mesos.proto).
///
/// Wire form: `{"name": "rack", "type": "TEXT", "text": {"value": "r1"}}`.
public struct Attribute: Codable, Sendable, Hashable {
    /// The attribute name.
    public var name: String
    /// The kind of value the attribute carries.
    public var type: ValueType
    /// The value, for `SCALAR` attributes.
    public var scalar: Value.Scalar?
    /// The value, for `RANGES` attributes.
    public var ranges: Value.Ranges?
    /// The value, for `SET` attributes.
    public var set: Value.Set?
    /// The value, for `TEXT` attributes.
    public var text: Value.Text?

    /// Creates an attribute.
    public init(
        name: String,
        type: ValueType,
        scalar: Value.Scalar? = nil,
        ranges: Value.Ranges? = nil,
        set: Value.Set? = nil,
        text: Value.Text? = nil
    ) {
        self.name = name
        self.type = type
        self.scalar = scalar
        self.ranges = ranges
        self.set = set
        self.text = text
    }

    /// A `TEXT` attribute.
    public static func text(name: String, value: String) -> Attribute {
        Attribute(name: name, type: .text, text: Value.Text(value: value))
    }

    /// A `SCALAR` attribute.
    public static func scalar(name: String, value: Double) -> Attribute {
        Attribute(name: name, type: .scalar, scalar: Value.Scalar(value: value))
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case type
        case scalar
        case ranges
        case set
        case text
    }
}
