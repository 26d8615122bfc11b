/// Text that is not a valid resource or attribute description, e.g.
/// `Bad value for resources, missing or extra ':' in cpus4`.
///
/// The message quotes the offending token so the operator can find it.
public struct ResourceParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and where.
    public var message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
