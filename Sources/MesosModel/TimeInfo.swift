/// A point in time as nanoseconds since the Unix epoch (`TimeInfo`).
public struct TimeInfo: Codable, Sendable, Hashable, Comparable {
    /// Nanoseconds since the epoch.
    public var nanoseconds: Int64

    /// Creates a time from nanoseconds since the epoch.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Creates a time from seconds since the epoch (rounded to whole nanoseconds,
    /// clamped to the representable range).
    public init(secondsSinceEpoch seconds: Double) {
        self.nanoseconds = DurationInfo.clampedNanoseconds(seconds)
    }

    /// Seconds since the epoch.
    public var secondsSinceEpoch: Double { Double(nanoseconds) / 1e9 }

    /// Orders times chronologically.
    public static func < (lhs: TimeInfo, rhs: TimeInfo) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    private enum CodingKeys: String, CodingKey {
        case nanoseconds
    }
}
