/// The role a resource is allocated to (`Resource.AllocationInfo`): `{"role": "web"}`.
public struct AllocationInfo: Codable, Sendable, Hashable {
    /// The role; set on offered and used resources of multi-role frameworks.
    public var role: String?

    /// Creates allocation info.
    public init(role: String? = nil) {
        self.role = role
    }

    private enum CodingKeys: String, CodingKey {
        case role
    }
}
