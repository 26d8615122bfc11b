import MesosZooKeeper

/// The `--master` flag: a `host:port` list (tried in turn, following redirects to the leader)
/// or a `zk://host:port,.../path` election path.
public enum MasterAddress: Sendable, Hashable, CustomStringConvertible {
    /// Masters to try in turn.
    case list([String])
    /// A ZooKeeper election path to detect the leader from.
    case zookeeper(ZooKeeperURL)

    /// Parses the flag's value.
    public init(parsing text: String) throws(MasterAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("zk://") {
            do {
                self = .zookeeper(try ZooKeeperURL(parsing: trimmed))
            } catch {
                throw MasterAddressError(value: text, reason: "\(error)")
            }
            return
        }
        var endpoints: [String] = []
        for part in trimmed.split(separator: ",") {
            var endpoint = part.trimmingCharacters(in: .whitespaces)
            for prefix in ["http://", "master@"] where endpoint.hasPrefix(prefix) {
                endpoint.removeFirst(prefix.count)
            }
            if endpoint.hasSuffix("/") { endpoint.removeLast() }
            guard let colon = endpoint.lastIndex(of: ":"), let port = Int(endpoint[endpoint.index(after: colon)...]),
                  (1...65535).contains(port), colon != endpoint.startIndex
            else {
                throw MasterAddressError(value: text, reason: "'\(endpoint)' is not host:port")
            }
            endpoints.append(endpoint)
        }
        guard !endpoints.isEmpty else { throw MasterAddressError(value: text, reason: "no master given") }
        self = .list(endpoints)
    }

    /// The flag's form.
    public var description: String {
        switch self {
        case .list(let endpoints): endpoints.joined(separator: ",")
        case .zookeeper(let url): url.description
        }
    }
}
