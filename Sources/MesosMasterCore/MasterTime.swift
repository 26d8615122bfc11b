/// The current time as the core needs it: a monotonic instant for timers and the
/// allocator, and wall-clock seconds since the epoch for timestamps on the wire.
public struct MasterTime: Sendable, Hashable {
    /// Monotonic time, for deadlines.
    public var instant: ContinuousClock.Instant
    /// Seconds since the Unix epoch, for `timestamp` fields.
    public var wallSeconds: Double

    /// Creates a time.
    public init(instant: ContinuousClock.Instant, wallSeconds: Double) {
        self.instant = instant
        self.wallSeconds = wallSeconds
    }

    /// The same time `duration` later (both clocks advance).
    public func advanced(by duration: Duration) -> MasterTime {
        let (seconds, attoseconds) = duration.components
        return MasterTime(
            instant: instant.advanced(by: duration),
            wallSeconds: wallSeconds + Double(seconds) + Double(attoseconds) / 1e18)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
