/// A failure the CLI reports as one line on standard error, exiting with code 1.
public struct OperatorCLIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The one-line message.
    public let description: String

    /// An error with `message`.
    public init(_ message: String) {
        description = message
    }
}
