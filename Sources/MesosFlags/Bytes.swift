import ArgumentParser

/// A byte count in Mesos's flag syntax: a whole number followed by a unit,
/// `B`, `KB`, `MB`, `GB` or `TB` (any case; powers of 1024), e.g. `512MB`.
///
/// Prints in the largest unit that loses nothing (`1GB`, `1536MB`, `100B`),
/// like stout's `Bytes`.
public struct Bytes: Sendable, Hashable, Comparable, MesosTextValue
{
    /// The number of bytes.
    public var count: UInt64

    /// Creates a byte count.
    public init(_ count: UInt64) {
        self.count = count
    }

    /// Parses Mesos's byte syntax.
    ///
    /// - Throws: `FlagValueError` naming the bad input and the accepted units.
    public init(parsing text: String) throws(FlagValueError) {
        let trimmed = text.trimmingSpaces
        guard trimmed.utf8.count <= 64 else {
            throw FlagValueError("Invalid bytes '\(trimmed.prefix(64))...': too long; expected a whole number followed by a unit, e.g. '512MB'")
        }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let rest = trimmed.dropFirst(digits.count)
        if rest.first == "." {
            throw FlagValueError("Fractional bytes '\(trimmed)': use a whole number of a smaller unit, e.g. '1536MB' for 1.5GB")
        }
        guard !rest.isEmpty else {
            throw FlagValueError(
                "Invalid bytes '\(trimmed)': expected a whole number followed by a unit (B, KB, MB, GB, TB), e.g. '512MB'")
        }
        guard let unit = Unit(rawValue: rest.uppercased()) else {
            throw FlagValueError("Invalid bytes '\(trimmed)': unknown bytes unit '\(rest)'; supported units are B, KB, MB, GB and TB")
        }
        guard !digits.isEmpty, let value = UInt64(digits) else {
            throw FlagValueError("Invalid bytes '\(trimmed)': expected a whole number before '\(rest)', e.g. '512\(rest)'")
        }
        let (total, overflow) = value.multipliedReportingOverflow(by: unit.bytes)
        guard !overflow else {
            throw FlagValueError("Invalid bytes '\(trimmed)': too large; the largest byte count is about 16777215TB")
        }
        self.count = total
    }

    /// `value` kibibytes (Mesos's `KB`), saturating at `UInt64.max` bytes.
    public static func kilobytes(_ value: UInt64) -> Bytes { Unit.kilobytes.times(value) }
    /// `value` mebibytes (Mesos's `MB`), saturating at `UInt64.max` bytes.
    public static func megabytes(_ value: UInt64) -> Bytes { Unit.megabytes.times(value) }
    /// `value` gibibytes (Mesos's `GB`), saturating at `UInt64.max` bytes.
    public static func gigabytes(_ value: UInt64) -> Bytes { Unit.gigabytes.times(value) }
    /// `value` tebibytes (Mesos's `TB`), saturating at `UInt64.max` bytes.
    public static func terabytes(_ value: UInt64) -> Bytes { Unit.terabytes.times(value) }

    /// The count in whole mebibytes, rounded down (Mesos's `mem` and `disk` unit).
    public var megabytes: UInt64 { count / Unit.megabytes.bytes }

    /// Mesos's text form: the largest unit that loses nothing, e.g. `1GB`, `1536MB`, `100B`.
    public var description: String {
        var value = count
        var unit = Unit.bytes
        while value != 0, value % 1024 == 0, let next = unit.next {
            value /= 1024
            unit = next
        }
        return "\(value)\(unit.rawValue)"
    }

    /// Orders byte counts by size.
    public static func < (lhs: Bytes, rhs: Bytes) -> Bool { lhs.count < rhs.count }

    enum Unit: String {
        case bytes = "B"
        case kilobytes = "KB"
        case megabytes = "MB"
        case gigabytes = "GB"
        case terabytes = "TB"

        var bytes: UInt64 {
            switch self {
            case .bytes: 1
            case .kilobytes: 1 << 10
            case .megabytes: 1 << 20
            case .gigabytes: 1 << 30
            case .terabytes: 1 << 40
            }
        }

        var next: Unit? {
            switch self {
            case .bytes: .kilobytes
            case .kilobytes: .megabytes
            case .megabytes: .gigabytes
            case .gigabytes: .terabytes
            case .terabytes: nil
            }
        }

        func times(_ value: UInt64) -> Bytes {
            let (product, overflow) = value.multipliedReportingOverflow(by: bytes)
            return Bytes(overflow ? .max : product)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(self.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
