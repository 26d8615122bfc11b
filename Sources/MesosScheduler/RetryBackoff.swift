/// Exponential backoff with jitter for reconnection attempts: attempt `n` (from 0) waits a random
/// duration between half and all of `min(initial * 2^n, maximum)`.
///
/// The randomness is a parameter so the delays are testable.
public struct RetryBackoff: Hashable, Sendable {
    /// The base delay of the first retry.
    public var initial: Duration
    /// The cap of the base delay.
    public var maximum: Duration

    /// Creates a backoff policy.
    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The delay before retry number `attempt` (0 is the first retry), given `random` in `0..<1`.
    public func delay(attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt, 0), 30)
        var base = initial
        for _ in 0..<exponent {
            base = base * 2
            if base >= maximum { break }
        }
        base = min(base, maximum)
        let fraction = 0.5 + 0.5 * min(max(random, 0), 1)
        return base * fraction
    }
}
