/// Mesos's fixed-point arithmetic for scalar resources: values are kept to three
/// decimal places (thousandths), so sums and differences never drift.
///
/// `millis(from:)` is Mesos's `convertToFixed` (`llround(value * 1000)`) and
/// `value(ofMillis:)` its `convertToFloating`; every scalar operation goes
/// through both, so `0.1 + 0.2` is exactly `0.3` and adding then subtracting
/// any number of values gives back the start.
enum FixedPoint {
    /// Thousandths per unit.
    static let scale: Int64 = 1000

    /// The value in thousandths, rounded half away from zero (like `llround`).
    /// Saturates at the bounds of `Int64`; NaN maps to 0 (validation rejects it first).
    static func millis(from value: Double) -> Int64 {
        let scaled = (value * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite else { return scaled.isNaN ? 0 : (scaled > 0 ? .max : .min) }
        if scaled >= 9_223_372_036_854_775_807.0 { return .max }
        if scaled <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(scaled)
    }

    /// The floating point value of `millis` thousandths, computed as
    /// `quotient + remainder / 1000` like Mesos so it converts back exactly.
    static func value(ofMillis millis: Int64) -> Double {
        Double(millis / scale) + Double(millis % scale) / Double(scale)
    }

    /// `value` rounded to three decimal places.
    static func rounded(_ value: Double) -> Double {
        Self.value(ofMillis: millis(from: value))
    }

    /// `lhs + rhs`, saturating instead of trapping.
    static func sum(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        let (result, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? (rhs > 0 ? .max : .min) : result
    }

    /// `lhs - rhs`, saturating instead of trapping.
    static func difference(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        let (result, overflow) = lhs.subtractingReportingOverflow(rhs)
        return overflow ? (rhs < 0 ? .max : .min) : result
    }

    /// The shortest decimal text of `millis` thousandths: `4`, `0.5`, `1.125`, `-2.25`.
    static func text(ofMillis millis: Int64) -> String {
        let sign = millis < 0 ? "-" : ""
        let magnitude = millis.magnitude
        let whole = magnitude / UInt64(scale)
        var fraction = magnitude % UInt64(scale)
        guard fraction != 0 else { return sign + String(whole) }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        let padding = String(repeating: "0", count: digits - fractionText.count)
        return sign + String(whole) + "." + padding + fractionText
    }
}
