/// Why the master cannot start or persist; the message says what to do.
public struct MasterStartupError: Error, Sendable, CustomStringConvertible {
    /// The explanation.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
