/// Mesos's fixed-point scalar arithmetic: values are kept in thousandths so that
/// repeated additions and subtractions never drift (`src/common/values.cpp`).
enum FixedPoint {
    /// The largest scalar value the allocator accepts (keeps thousandths in `Int64`).
    static let maximumValue: Double = 1e15

    /// Converts a scalar value to thousandths, rounding half away from zero like `llround`.
    @inline(__always)
    static func millis(_ value: Double) -> Int64 {
        Int64((value * 1000).rounded(.toNearestOrAwayFromZero))
    }

    /// Converts thousandths back to a scalar value.
    @inline(__always)
    static func value(_ millis: Int64) -> Double {
        Double(millis) / 1000
    }
}
