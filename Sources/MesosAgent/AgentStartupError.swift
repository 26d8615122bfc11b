/// The agent cannot start with these flags or this machine.
public struct AgentStartupError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
