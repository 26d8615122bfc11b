/// How long declined or unused offer resources stay filtered (`Filters`).
public struct Filters: Codable, Sendable, Hashable {
    /// The proto default for `refuse_seconds`.
    public static let defaultRefuseSeconds: Double = 5

    /// Seconds to treat unused resources as refused; absent means 5, negative
    /// means the default, and values above 365 days are capped at 365 days.
    public var refuseSeconds: Double?

    /// Creates filters.
    public init(refuseSeconds: Double? = nil) {
        self.refuseSeconds = refuseSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case refuseSeconds = "refuse_seconds"
    }
}
