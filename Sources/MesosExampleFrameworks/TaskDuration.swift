import MesosFlags

/// How long a demo task sleeps: a fixed time, or uniformly random within a range (the original
/// demo's 20–40 s).
public enum TaskDuration: Hashable, Sendable, CustomStringConvertible {
    /// Always this many seconds.
    case fixed(seconds: Double)
    /// Uniformly random between the bounds, in seconds.
    case uniform(ClosedRange<Double>)

    /// The original demo's 20 s + uniform(0–20 s).
    public static let original = TaskDuration.uniform(20...40)

    /// Parses `30secs` (fixed) or `20secs..40secs` (uniform), in Mesos duration syntax.
    public init(parsing text: String) throws(FlagValueError) {
        let bounds = text.split(separator: "..", omittingEmptySubsequences: false)
        switch bounds.count {
        case 1:
            self = .fixed(seconds: try Self.seconds(String(bounds[0])))
        case 2:
            let lower = try Self.seconds(String(bounds[0]))
            let upper = try Self.seconds(String(bounds[1]))
            guard lower <= upper else {
                throw FlagValueError("Invalid task duration '\(text)': the lower bound is above the upper one")
            }
            self = .uniform(lower...upper)
        default:
            throw FlagValueError("Invalid task duration '\(text)': expected e.g. '30secs' or '20secs..40secs'")
        }
    }

    /// A duration drawn with `generator`, rounded to whole seconds (at least 1: `sleep` takes integers).
    public func sample(using generator: inout some RandomNumberGenerator) -> Int {
        let seconds: Double
        switch self {
        case .fixed(let value): seconds = value
        case .uniform(let range): seconds = Double.random(in: range, using: &generator)
        }
        return max(1, Int(seconds.rounded()))
    }

    /// `30secs` or `20secs..40secs`.
    public var description: String {
        switch self {
        case .fixed(let seconds): "\(TaskShape.format(seconds))secs"
        case .uniform(let range): "\(TaskShape.format(range.lowerBound))secs..\(TaskShape.format(range.upperBound))secs"
        }
    }

    private static func seconds(_ text: String) throws(FlagValueError) -> Double {
        let duration = try MesosDuration(parsing: text)
        return Double(duration.nanoseconds) / 1e9
    }
}
