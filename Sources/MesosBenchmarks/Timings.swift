/// Summary of repeated measurements, in milliseconds.
struct Timings: Codable, Sendable {
    var rounds: Int
    var medianMs: Double
    var minMs: Double
    var maxMs: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        rounds = sorted.count
        minMs = sorted.first ?? 0
        maxMs = sorted.last ?? 0
        if sorted.isEmpty {
            medianMs = 0
        } else if sorted.count % 2 == 1 {
            medianMs = sorted[sorted.count / 2]
        } else {
            medianMs = (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }
}

extension Duration {
    var milliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}

/// Runs `body` and returns how long it took, in milliseconds.
func measure<T>(_ body: () throws -> T) rethrows -> (result: T, ms: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    return (result, (clock.now - start).milliseconds)
}
