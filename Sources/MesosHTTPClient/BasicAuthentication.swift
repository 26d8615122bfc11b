/// Credentials for HTTP basic authentication (`Authorization: Basic ...`).
public struct BasicAuthentication: Hashable, Sendable, CustomStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Shows the user name only, so credentials do not leak into logs.
    public var description: String { "BasicAuthentication(username: \(username), password: <redacted>)" }
}
