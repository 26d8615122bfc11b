/// Identifies a container; a nested container names its parent.
///
/// Wire form: `{"value": "...", "parent": {"value": "..."}}` (`parent` optional and
/// itself a `ContainerID`).
public struct ContainerID: Codable, Sendable, Hashable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The container's own ID value.
    public var value: String

    /// The parent container, for a nested container.
    public var parent: ContainerID? {
        get { parentBox?.id }
        set { parentBox = newValue.map(ParentBox.init) }
    }

    private var parentBox: ParentBox?

    /// Creates a container ID, optionally nested in `parent`.
    public init(value: String, parent: ContainerID? = nil) {
        self.value = value
        self.parentBox = parent.map(ParentBox.init)
    }

    /// Creates a top-level container ID from a string literal.
    public init(stringLiteral value: String) {
        self.init(value: value)
    }

    /// The ID path from the outermost container, joined with `.`, as Mesos prints it.
    public var description: String {
        if let parent { return "\(parent).\(value)" }
        return value
    }

    private enum CodingKeys: String, CodingKey {
        case value
        case parent
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.value = try container.decode(String.self, forKey: .value)
        self.parentBox = try container.decodeIfPresent(ContainerID.self, forKey: .parent)
            .map(ParentBox.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(parent, forKey: .parent)
    }

    /// Immutable heap storage that lets a value type hold its own type.
    private final class ParentBox: Sendable, Hashable {
        let id: ContainerID

        init(_ id: ContainerID) {
            self.id = id
        }

        static func == (lhs: ParentBox, rhs: ParentBox) -> Bool {
            lhs.id == rhs.id
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(id)
        }
    }
}
