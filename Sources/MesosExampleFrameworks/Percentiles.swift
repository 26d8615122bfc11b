/// p50 / p90 / p99 / max of a set of durations, by the nearest-rank method.
public struct Percentiles: Hashable, Sendable {
    /// The median.
    public var p50: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 99th percentile.
    public var p99: Double
    /// The largest value.
    public var max: Double

    /// Creates percentiles from their values.
    public init(p50: Double, p90: Double, p99: Double, max: Double) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
    }

    /// The percentiles of `values`; nil when there are none.
    public init?(of values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func rank(_ percent: Double) -> Double {
            // Nearest rank: the smallest value with at least `percent` % of the values at or below it.
            let index = Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.min(Swift.max(index, 0), sorted.count - 1)]
        }
        self.init(p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[sorted.count - 1])
    }
}
