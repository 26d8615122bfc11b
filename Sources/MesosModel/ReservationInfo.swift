/// One reservation of a resource to a role (`Resource.ReservationInfo`).
public struct ReservationInfo: Codable, Sendable, Hashable {
    /// How the reservation was made.
    public enum ReservationType: String, ProtoEnum {
        /// Not set (proto default).
        case unknown = "UNKNOWN"
        /// Made by the agent's `--resources` flag.
        case `static` = "STATIC"
        /// Made at runtime by a framework or an operator.
        case dynamic = "DYNAMIC"
    }

    /// How the reservation was made.
    public var type: ReservationType?
    /// The role the resource is reserved for.
    public var role: String?
    /// The principal that made a dynamic reservation.
    public var principal: String?
    /// Labels of a dynamic reservation.
    public var labels: Labels?

    /// Creates a reservation.
    public init(
        type: ReservationType? = nil,
        role: String? = nil,
        principal: String? = nil,
        labels: Labels? = nil
    ) {
        self.type = type
        self.role = role
        self.principal = principal
        self.labels = labels
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case role
        case principal
        case labels
    }
}
