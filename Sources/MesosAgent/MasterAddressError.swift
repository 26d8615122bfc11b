/// The `--master` flag could not be understood.
public struct MasterAddressError: Error, Sendable, CustomStringConvertible {
    /// The value given.
    public var value: String
    /// What is wrong.
    public var reason: String

    /// The message.
    public var description: String {
        "--master=\(value) is not valid (\(reason)): use host:port, a comma list of them, or zk://host:port,.../path"
    }
}
