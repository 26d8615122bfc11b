/// Why a docker CLI command could not be run.
public enum DockerCLIError: Error, Sendable, CustomStringConvertible {
    /// The command did not finish in time (it was stopped).
    case timedOut(command: String, seconds: Double)
    /// The docker CLI could not be started.
    case notStarted(path: String, reason: String)

    /// A message that says what to do.
    public var description: String {
        switch self {
        case .timedOut(let command, let seconds):
            "`docker \(command)` did not finish within \(seconds) seconds"
        case .notStarted(let path, let reason):
            "could not run the docker CLI at '\(path)' (\(reason)); install docker or pass --docker=<path>"
        }
    }
}
