/// A small, fast, seedable pseudo-random generator (Steele, Lea & Flood's SplitMix64).
///
/// The allocator has no randomness of its own: the caller injects one of these,
/// so a given seed and event sequence always yields the same offers.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Creates a generator; equal seeds give equal sequences.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }

    /// A uniform value in `0..<bound` (Lemire's method); `bound` must be positive.
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}

extension Array {
    /// Fisher–Yates shuffle with a fixed algorithm (the standard library's may change
    /// between releases), so rounds are reproducible across toolchains.
    mutating func allocatorShuffle(using random: inout SplitMix64) {
        if count < 2 { return }
        var i = count - 1
        while i > 0 {
            let j = Int(random.uniform(below: UInt64(i + 1)))
            if i != j { swapAt(i, j) }
            i -= 1
        }
    }
}
