/// Why a resource is invalid, in Mesos's wording where Mesos has one, e.g.
/// `Resource 'cpus:-1' is invalid: Invalid scalar resource: value <= 0`.
///
/// The master puts ``message`` into `TASK_ERROR` status updates.
public struct ResourceValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, and so what to change.
    public var message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
