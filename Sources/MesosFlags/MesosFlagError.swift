/// A command line or `MESOS_*` environment variable that cannot be applied to
/// the command's flags.
public struct MesosFlagError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The flag concerned, in Mesos spelling with its dashes: `--authenticate`.
    public var flag: String
    /// What is wrong and what to do instead.
    public var message: String

    /// Creates the error.
    public init(flag: String, message: String) {
        self.flag = flag
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// A boolean flag given a value that is not a boolean.
    static func invalidBoolean(flag: String, value: String, source: String) -> MesosFlagError {
        MesosFlagError(
            flag: flag,
            message: "Failed to load flag '\(flag)' from \(source): the value '\(value)' is not a boolean; "
                + "use 'true' or 'false' (or '1' or '0')")
    }

    /// A `--no-flag` given a value.
    static func negationWithValue(flag: String, given: String) -> MesosFlagError {
        MesosFlagError(
            flag: flag,
            message: "Failed to load flag '\(flag)': '\(given)' does not take a value; "
                + "write '\(flag)' alone, or '--\(flag.dropFirst(5))=false'")
    }
}
