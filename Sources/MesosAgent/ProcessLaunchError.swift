/// A task's process could not be started.
public struct ProcessLaunchError: Error, Sendable, CustomStringConvertible {
    /// The executable.
    public var executable: String
    /// Why.
    public var reason: String

    /// The message.
    public var description: String { "could not start '\(executable)': \(reason)" }
}
