/// How a task's container ended, as the shell observed it.
public enum ContainerTermination: Codable, Sendable, Hashable {
    /// The main process exited with this code.
    case exited(code: Int32)
    /// The main process was terminated by this signal.
    case signaled(signal: Int32)
    /// The kernel's OOM killer ended the container (docker reports `OOMKilled`).
    case outOfMemory(exitCode: Int32)
    /// The container ended but how is unknown (for example while the agent was down).
    case unknown(message: String)
}
