/// The agent's version, reported to the master and on `/state`.
public enum AgentVersion {
    /// The version string.
    public static let current = "0.1.0"
}
