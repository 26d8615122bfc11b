/// A `zk://[user:password@]host:port[,host:port...]/path` URL, as Mesos's `--zk` and `--master` flags take it.
public struct ZooKeeperURL: Sendable, Hashable, CustomStringConvertible {
    /// `host:port` pairs, in the order given.
    public var servers: [String]
    /// The znode path (e.g. `/mesos`), never empty, always starting with `/`.
    public var path: String
    /// Digest credentials, when the URL carries them (`zk://user:password@host:port/path`).
    public var credentials: ZooKeeperCredentials?

    /// The connect string for `zookeeper_init`: `host:port,host:port`.
    public var connectString: String { servers.joined(separator: ",") }

    public init(servers: [String], path: String, credentials: ZooKeeperCredentials? = nil) {
        self.servers = servers
        self.path = path
        self.credentials = credentials
    }

    /// Parses a `zk://` URL; the error says what is wrong with it.
    public init(parsing text: String) throws(ZooKeeperURLError) {
        guard text.hasPrefix("zk://") else {
            throw ZooKeeperURLError(url: text, reason: "expected a URL starting with zk://")
        }
        let rest = text.dropFirst("zk://".count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw ZooKeeperURLError(url: text, reason: "expected a znode path after the servers, e.g. zk://host:2181/mesos")
        }
        var authority = rest[..<slash]
        let path = String(rest[slash...])
        var credentials: ZooKeeperCredentials?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            guard let colon = userInfo.firstIndex(of: ":"), colon != userInfo.startIndex else {
                throw ZooKeeperURLError(url: text, reason: "credentials must be user:password")
            }
            credentials = ZooKeeperCredentials(
                user: String(userInfo[..<colon]), password: String(userInfo[userInfo.index(after: colon)...]))
        }
        let servers = authority.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !servers.isEmpty, servers.allSatisfy({ !$0.isEmpty }) else {
            throw ZooKeeperURLError(url: text, reason: "expected at least one host:port")
        }
        for server in servers {
            guard let colon = server.lastIndex(of: ":"), colon != server.startIndex,
                  let port = UInt16(server[server.index(after: colon)...]), port > 0
            else {
                throw ZooKeeperURLError(url: text, reason: "'\(server)' is not host:port")
            }
        }
        guard path.count > 1, !path.hasSuffix("/"), !path.contains("//") else {
            throw ZooKeeperURLError(url: text, reason: "'\(path)' is not a valid znode path (e.g. /mesos)")
        }
        self.servers = servers
        self.path = path
        self.credentials = credentials
    }

    public var description: String {
        let auth = credentials.map { "\($0.user):***@" } ?? ""
        return "zk://\(auth)\(connectString)\(path)"
    }
}

/// `user:password` for ZooKeeper's digest authentication scheme.
public struct ZooKeeperCredentials: Sendable, Hashable {
    public var user: String
    public var password: String
    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

/// A `zk://` URL that could not be parsed.
public struct ZooKeeperURLError: Error, Sendable, Hashable, CustomStringConvertible {
    public let url: String
    public let reason: String
    public var description: String { "Invalid ZooKeeper URL '\(url)': \(reason)" }
}
