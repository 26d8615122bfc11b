/// A planned unavailability interval, e.g. maintenance (`Unavailability`).
public struct Unavailability: Codable, Sendable, Hashable {
    /// When the interval starts.
    public var start: TimeInfo
    /// How long it lasts; absent means forever.
    public var duration: DurationInfo?

    /// Creates an unavailability.
    public init(start: TimeInfo, duration: DurationInfo? = nil) {
        self.start = start
        self.duration = duration
    }

    private enum CodingKeys: String, CodingKey {
        case start
        case duration
    }
}
