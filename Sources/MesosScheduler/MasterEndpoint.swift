/// One master a scheduler can talk to: scheme, host and port.
///
/// ```swift
/// let endpoint = try MasterEndpoint(parsing: "10.0.0.5:5050")
/// endpoint.schedulerURL  // "http://10.0.0.5:5050/api/v1/scheduler"
/// ```
public struct MasterEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// A host name, an IPv4 address, or an IPv6 address without brackets.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// The port Mesos masters listen on unless told otherwise.
    public static let defaultPort = 5050

    /// Creates an endpoint.
    public init(scheme: String = "http", host: String, port: Int = MasterEndpoint.defaultPort) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `host`, `host:port`, `[v6]:port`, or `http(s)://host[:port][/path]` (the path is ignored:
    /// the scheduler API always lives at `/api/v1/scheduler`).
    ///
    /// - Throws: ``SchedulerError/invalidMasterURL(_:reason:)`` naming what is wrong.
    public init(parsing text: String) throws(SchedulerError) {
        var rest = Substring(text.trimmingWhitespace())
        var scheme = "http"
        for candidate in ["http", "https"] where rest.lowercased().hasPrefix(candidate + "://") {
            scheme = candidate
            rest = rest.dropFirst(candidate.count + 3)
        }
        if rest.contains("://") {
            throw .invalidMasterURL(text, reason: "only http://, https:// and zk:// URLs are supported")
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        let (host, port) = try Self.splitAuthority(rest, original: text, defaultPort: scheme == "https" ? 443 : Self.defaultPort)
        self.init(scheme: scheme, host: host, port: port)
    }

    /// The endpoint a `307` answer points to. Mesos sends protocol-relative locations
    /// (`//host:port/api/v1/scheduler`), which keep this endpoint's scheme.
    ///
    /// - Returns: `nil` when `location` names no host.
    public func redirected(to location: String) -> MasterEndpoint? {
        var text = Substring(location.trimmingWhitespace())
        var scheme = self.scheme
        if text.hasPrefix("//") {
            text = text.dropFirst(2)
        } else if let range = text.range(of: "://") {
            scheme = text[..<range.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            text = text[range.upperBound...]
        } else {
            return nil  // a path-only location names no other master
        }
        if let slash = text.firstIndex(of: "/") { text = text[..<slash] }
        guard let (host, port) = try? Self.splitAuthority(text, original: location, defaultPort: port) else { return nil }
        return MasterEndpoint(scheme: scheme, host: host, port: port)
    }

    /// `<scheme>://<host>:<port>/api/v1/scheduler`.
    public var schedulerURL: String { "\(baseURL)/api/v1/scheduler" }

    /// `<scheme>://<host>:<port>`.
    public var baseURL: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostText):\(port)"
    }

    public var description: String { baseURL }

    private static func splitAuthority(
        _ authority: Substring, original: String, defaultPort: Int
    ) throws(SchedulerError) -> (String, Int) {
        guard !authority.isEmpty else { throw .invalidMasterURL(original, reason: "no host") }
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw .invalidMasterURL(original, reason: "unterminated IPv6 address; write [::1]:5050")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw .invalidMasterURL(original, reason: "unexpected text after the IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        if host.contains("@") {
            throw .invalidMasterURL(original, reason: "credentials do not belong in the master URL; set SchedulerConfiguration.credentials")
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
            throw .invalidMasterURL(original, reason: "'\(host)' is not a host name or IP address")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidMasterURL(original, reason: "'\(portText)' is not a port between 1 and 65535")
        }
        return (String(host), port)
    }
}
