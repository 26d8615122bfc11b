/// A duration in nanoseconds (`DurationInfo`): `{"nanoseconds": 3000000000}`.
public struct DurationInfo: Codable, Sendable, Hashable, Comparable {
    /// The duration in nanoseconds.
    public var nanoseconds: Int64

    /// Creates a duration from nanoseconds.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Creates a duration from seconds (rounded to whole nanoseconds, clamped to
    /// the representable range; NaN becomes zero).
    public init(seconds: Double) {
        self.nanoseconds = Self.clampedNanoseconds(seconds)
    }

    /// The duration in seconds.
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    /// Orders durations by length.
    public static func < (lhs: DurationInfo, rhs: DurationInfo) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// Converts seconds to nanoseconds without trapping on huge or non-finite input.
    static func clampedNanoseconds(_ seconds: Double) -> Int64 {
        let nanoseconds = (seconds * 1e9).rounded()
        if nanoseconds.isNaN { return 0 }
        if nanoseconds >= Double(Int64.max) { return .max }
        if nanoseconds <= Double(Int64.min) { return .min }
        return Int64(nanoseconds)
    }

    private enum CodingKeys: String, CodingKey {
        case nanoseconds
    }
}
