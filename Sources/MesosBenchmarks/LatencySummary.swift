/// Median, 90th percentile and extremes of samples in milliseconds.
struct LatencySummary: Codable, Sendable {
    var count: Int
    var medianMs: Double
    var p90Ms: Double
    var minMs: Double
    var maxMs: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        minMs = sorted.first ?? 0
        maxMs = sorted.last ?? 0
        medianMs = Self.percentile(sorted, 0.5)
        p90Ms = Self.percentile(sorted, 0.9)
    }

    /// Linear interpolation between the closest ranks of sorted samples.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }

    /// `median / p90 [min-max]`.
    var cell: String {
        "\(formatNumber(medianMs)) / \(formatNumber(p90Ms)) [\(formatNumber(minMs))-\(formatNumber(maxMs))]"
    }
}
