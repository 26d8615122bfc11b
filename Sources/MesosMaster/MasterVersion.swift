/// This build's Mesos-compatible version (numeric `X.Y.Z`: clients parse it).
public enum MasterVersion {
    /// The version string.
    public static let version = "1.11.0"
}
