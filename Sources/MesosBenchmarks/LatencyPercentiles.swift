/// Percentiles of a set of latency samples (p50, p99, max), in milliseconds.
struct LatencyPercentiles: Codable, Sendable {
    var count: Int
    var p50Ms: Double
    var p99Ms: Double
    var maxMs: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(rank, 0), sorted.count - 1)]
        }
        p50Ms = percentile(50)
        p99Ms = percentile(99)
        maxMs = sorted.last ?? 0
    }
}
