/// A flag value that could not be parsed, e.g. `--allocation_interval=5parsecs`.
///
/// The message says what was wrong and what is expected, so a daemon can print
/// it as is next to the flag's name.
public struct FlagValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the value and what is expected instead.
    public var message: String

    /// Creates the error with a message for the user.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
