import MesosZooKeeper

/// Where a scheduler finds the leading master, parsed from the usual `--master` forms.
///
/// - `host:port`, or a comma list `host1:5050,host2:5050` (tried in turn; non-leaders redirect)
/// - `http://host:port`, `https://host:port`
/// - `zk://host1:2181,host2:2181/mesos` (optionally `zk://user:password@...`): the leader is the
///   lowest-sequence `json.info_*` node under the path, followed as it changes.
public enum MasterURL: Hashable, Sendable, CustomStringConvertible {
    /// A fixed list of masters.
    case endpoints([MasterEndpoint])
    /// Masters elected through ZooKeeper; `scheme` is how to talk to the elected master.
    case zooKeeper(ZooKeeperURL, scheme: String)

    /// The most masters a comma list may name.
    public static let maximumEndpoints = 64

    /// Parses a master URL.
    ///
    /// - Throws: ``SchedulerError/invalidMasterURL(_:reason:)`` saying what is wrong, at once:
    ///   a bad URL never turns into endless retries.
    public init(parsing text: String) throws(SchedulerError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw .invalidMasterURL(text, reason: "empty; pass host:port, http(s)://host:port or zk://host:port/path")
        }
        if trimmed.lowercased().hasPrefix("zk://") {
            do {
                self = .zooKeeper(try ZooKeeperURL(parsing: trimmed), scheme: "http")
            } catch {
                throw .invalidMasterURL(text, reason: error.reason)
            }
            return
        }
        if trimmed.lowercased().hasPrefix("file://") {
            throw .invalidMasterURL(text, reason: "file:// master URLs are not supported; put the URL itself in the flag")
        }
        let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= Self.maximumEndpoints else {
            throw .invalidMasterURL(text, reason: "more than \(Self.maximumEndpoints) masters")
        }
        var endpoints: [MasterEndpoint] = []
        for part in parts {
            let endpoint: MasterEndpoint
            do {
                endpoint = try MasterEndpoint(parsing: String(part))
            } catch {
                guard parts.count > 1, case .invalidMasterURL(_, let reason) = error else { throw error }
                throw .invalidMasterURL(text, reason: "'\(part)': \(reason)")
            }
            if !endpoints.contains(endpoint) { endpoints.append(endpoint) }
        }
        self = .endpoints(endpoints)
    }

    public var description: String {
        switch self {
        case .endpoints(let endpoints): endpoints.map(\.description).joined(separator: ",")
        case .zooKeeper(let url, _): url.description
        }
    }
}
