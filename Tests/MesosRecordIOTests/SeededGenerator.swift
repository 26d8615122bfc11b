/// SplitMix64: a small deterministic generator so randomized tests replay identically.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) {
        self = Array(text.utf8)
    }

    /// `self` cut into consecutive chunks whose sizes are drawn from `sizes`.
    func chunked(sizes: ClosedRange<Int>, using generator: inout SeededGenerator) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var start = 0
        while start < count {
            let end = Swift.min(count, start + Int.random(in: sizes, using: &generator))
            chunks.append(Array(self[start..<end]))
            start = end
        }
        return chunks
    }
}
