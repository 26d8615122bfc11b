/// What a short-lived command printed and how it ended.
public struct CommandOutput: Sendable, Hashable {
    /// The exit code (128 + signal when it was killed by a signal).
    public var exitCode: Int32
    /// Standard output.
    public var standardOutput: String
    /// Standard error.
    public var standardError: String

    /// Whether the command exited with 0.
    public var succeeded: Bool { exitCode == 0 }

    /// Standard error (or output when error is empty), trimmed, for messages.
    public var diagnostic: String {
        let text = standardError.isEmpty ? standardOutput : standardError
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates an output.
    public init(exitCode: Int32, standardOutput: String, standardError: String) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}
