/// The `--logging_level` of Mesos's daemons: the least severe messages logged, `INFO`, `WARNING`
/// or `ERROR` (any case here; Mesos wants upper case). Anything else is refused with the accepted
/// values, as Mesos refuses it, instead of being read as `INFO`.
public enum LoggingLevel: Sendable, Hashable, CaseIterable, MesosTextValue {
    case info
    case warning
    case error

    /// Parses a level name.
    ///
    /// - Throws: `FlagValueError` naming the value and the accepted ones.
    public init(parsing text: String) throws(FlagValueError) {
        let trimmed = text.trimmingSpaces
        guard let level = Self.allCases.first(where: { $0.description == trimmed.uppercased() }) else {
            throw FlagValueError("Invalid logging level '\(trimmed.prefix(64))': expected INFO, WARNING or ERROR")
        }
        self = level
    }

    /// The level's name, as Mesos spells it.
    public var description: String {
        switch self {
        case .info: "INFO"
        case .warning: "WARNING"
        case .error: "ERROR"
        }
    }
}
