/// Converts the caller's instants to allocator ticks: signed nanoseconds since the
/// first instant the allocator saw. Stored times are plain integers, which keeps
/// filter entries small and cheap to copy.
struct AllocatorClock: Sendable {
    private var origin: ContinuousClock.Instant?

    /// Ticks of `instant`, fixing the origin on first use.
    mutating func ticks(_ instant: ContinuousClock.Instant) -> Int64 {
        guard let origin else {
            origin = instant
            return 0
        }
        return Self.nanoseconds(origin.duration(to: instant))
    }

    /// Ticks of `instant`, or nil before any instant was seen.
    func existingTicks(_ instant: ContinuousClock.Instant) -> Int64? {
        origin.map { Self.nanoseconds($0.duration(to: instant)) }
    }

    /// A duration in nanoseconds, saturating at the `Int64` bounds.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, sumOverflow) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if sumOverflow { return seconds < 0 ? .min : .max }
        return sum
    }
}
