import ArgumentParser
import Foundation  // String(format:) for fractional output

/// A span of time in Mesos's flag syntax: a number followed by a unit, as in
/// `500ms`, `1secs`, `1.5secs`, `10mins`, `2hrs`, `1days`, `1weeks`, `10ns`, `20us`.
///
/// Stored as whole nanoseconds (like stout's `Duration`); fractional input is
/// truncated to the nanosecond. Prints back in Mesos's form, choosing the
/// largest unit that shows the value as a whole number where one exists
/// (`1500ms`, not `1.5secs`). Declare it as an option type directly:
///
/// ```swift
/// @Option(help: "How often to run the allocator.")
/// var allocationInterval: MesosDuration = .seconds(1)
/// ```
public struct MesosDuration: Sendable, Hashable, Comparable, MesosTextValue
{
    /// The length in nanoseconds (negative durations print with a leading `-`).
    public var nanoseconds: Int64

    /// Creates a duration of `nanoseconds`.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Creates a duration from a Swift `Duration`, truncated to whole nanoseconds
    /// and clamped to the range of `Int64` nanoseconds.
    public init(_ duration: Swift.Duration) {
        let (seconds, attoseconds) = duration.components
        let (wholeNanos, overflow) = seconds.multipliedReportingOverflow(by: Unit.second.nanoseconds)
        let (total, overflow2) = wholeNanos.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow || overflow2 {
            self.nanoseconds = seconds < 0 ? .min : .max
        } else {
            self.nanoseconds = total
        }
    }

    /// Parses Mesos's duration syntax.
    ///
    /// - Throws: `FlagValueError` naming the bad input and the accepted units.
    public init(parsing text: String) throws(FlagValueError) {
        let trimmed = text.trimmingSpaces
        guard trimmed.utf8.count <= 64 else {
            throw FlagValueError("Invalid duration '\(trimmed.prefix(64))...': too long; expected a number followed by a unit, e.g. '10secs'")
        }
        let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unitText = String(trimmed.dropFirst(number.count))
        guard !unitText.isEmpty else {
            throw FlagValueError(
                "Invalid duration '\(trimmed)': expected a number followed by a unit "
                    + "(\(Unit.allUnitsList)), e.g. '10secs'")
        }
        guard let unit = Unit(rawValue: unitText) else {
            throw FlagValueError(
                "Invalid duration '\(trimmed)': unknown unit '\(unitText)'; supported units are \(Unit.allUnitsList)")
        }
        guard !number.isEmpty, let value = Double(number), value.isFinite else {
            throw FlagValueError(
                "Invalid duration '\(trimmed)': expected a non-negative number before '\(unitText)', e.g. '10\(unitText)'")
        }
        let nanos = value * Double(unit.nanoseconds)
        // Doubles at or above 2^63 do not fit in Int64.
        guard nanos < 9_223_372_036_854_775_807.0 else {
            throw FlagValueError("Invalid duration '\(trimmed)': too long; the largest duration is about 15250weeks")
        }
        self.nanoseconds = Int64(nanos)
    }

    /// A duration of whole nanoseconds.
    public static func nanoseconds(_ value: Int64) -> MesosDuration { MesosDuration(nanoseconds: value) }
    /// A duration of whole microseconds.
    public static func microseconds(_ value: Int64) -> MesosDuration { Unit.microsecond.times(value) }
    /// A duration of whole milliseconds.
    public static func milliseconds(_ value: Int64) -> MesosDuration { Unit.millisecond.times(value) }
    /// A duration of whole seconds.
    public static func seconds(_ value: Int64) -> MesosDuration { Unit.second.times(value) }
    /// A duration of whole minutes.
    public static func minutes(_ value: Int64) -> MesosDuration { Unit.minute.times(value) }
    /// A duration of whole hours.
    public static func hours(_ value: Int64) -> MesosDuration { Unit.hour.times(value) }
    /// A duration of whole days.
    public static func days(_ value: Int64) -> MesosDuration { Unit.day.times(value) }
    /// A duration of whole weeks.
    public static func weeks(_ value: Int64) -> MesosDuration { Unit.week.times(value) }
    /// No time at all.
    public static let zero = MesosDuration(nanoseconds: 0)

    /// The same span as a Swift `Duration`, e.g. for `Task.sleep(for:)`.
    public var duration: Swift.Duration { .nanoseconds(nanoseconds) }

    /// The length in (fractional) seconds.
    public var seconds: Double { Double(nanoseconds) / Double(Unit.second.nanoseconds) }

    /// Mesos's text form, e.g. `500ms`, `1secs`, `1500ms`, `10mins`, `1.5hrs`.
    public var description: String {
        guard nanoseconds != 0 else { return "0ns" }
        let sign = nanoseconds < 0 ? "-" : ""
        // Int64.min has no positive counterpart; print it as Int64.max like stout.
        let magnitude = nanoseconds == .min ? Int64.max : abs(nanoseconds)
        // The bucket is the largest unit not larger than the duration.
        let units = Unit.ascending
        var bucket = 0
        while bucket + 1 < units.count && magnitude >= units[bucket + 1].nanoseconds {
            bucket += 1
        }
        let unit = units[bucket]
        if bucket > 0 && magnitude % unit.nanoseconds != 0 && magnitude % units[bucket - 1].nanoseconds == 0 {
            // Not whole in the bucket's unit but whole one unit down: `10days`, not `1.43weeks`.
            let lower = units[bucket - 1]
            return sign + String(magnitude / lower.nanoseconds) + lower.rawValue
        }
        return sign + Self.format(magnitude, per: unit.nanoseconds) + unit.rawValue
    }

    /// `value / unit`, as a whole number when exact, else with up to 15 significant digits.
    private static func format(_ value: Int64, per unit: Int64) -> String {
        if value % unit == 0 { return String(value / unit) }
        return String(format: "%.15g", Double(value) / Double(unit))
    }

    /// Orders durations by length.
    public static func < (lhs: MesosDuration, rhs: MesosDuration) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The units of Mesos's duration syntax, smallest first.
    enum Unit: String, CaseIterable {
        case nanosecond = "ns"
        case microsecond = "us"
        case millisecond = "ms"
        case second = "secs"
        case minute = "mins"
        case hour = "hrs"
        case day = "days"
        case week = "weeks"

        static let ascending: [Unit] = allCases

        static let allUnitsList = "'ns', 'us', 'ms', 'secs', 'mins', 'hrs', 'days', and 'weeks'"

        var nanoseconds: Int64 {
            switch self {
            case .nanosecond: 1
            case .microsecond: 1_000
            case .millisecond: 1_000_000
            case .second: 1_000_000_000
            case .minute: 60_000_000_000
            case .hour: 3_600_000_000_000
            case .day: 86_400_000_000_000
            case .week: 604_800_000_000_000
            }
        }

        /// `value` of this unit, saturating at the bounds of Int64 nanoseconds.
        func times(_ value: Int64) -> MesosDuration {
            let (product, overflow) = value.multipliedReportingOverflow(by: nanoseconds)
            if overflow { return MesosDuration(nanoseconds: value < 0 ? .min : .max) }
            return MesosDuration(nanoseconds: product)
        }
    }
}
