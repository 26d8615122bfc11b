import Foundation
import MesosZooKeeper

/// Where to find the master: `host:port`, `http://host:port`, a comma-separated list of those
/// (the first that answers, following a standby's redirect to the leader), or a
/// `zk://host:port[,...]/path` election path resolved to the leader.
public enum MasterAddress: Sendable, Hashable, CustomStringConvertible {
    /// Base URLs (`http://host:port`) to try in turn.
    case endpoints([String])
    /// A ZooKeeper election path.
    case zooKeeper(ZooKeeperURL)

    /// Parses `text`; the error says what is wrong with it (the caller names where it came from).
    public init(parsing text: String) throws(OperatorCLIError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("zk://") {
            do {
                self = .zooKeeper(try ZooKeeperURL(parsing: trimmed))
            } catch {
                throw OperatorCLIError("'\(trimmed)' is not a zk://host:port/path URL: \(error.reason)")
            }
            return
        }
        var bases: [String] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            var endpoint = part.trimmingCharacters(in: .whitespaces)
            var scheme = "http"
            if endpoint.hasPrefix("https://") {
                scheme = "https"
                endpoint.removeFirst("https://".count)
            } else if endpoint.hasPrefix("http://") {
                endpoint.removeFirst("http://".count)
            } else if endpoint.hasPrefix("master@") {
                endpoint.removeFirst("master@".count)
            }
            while endpoint.hasSuffix("/") { endpoint.removeLast() }
            guard let colon = endpoint.lastIndex(of: ":"), colon != endpoint.startIndex,
                  let port = Int(endpoint[endpoint.index(after: colon)...]), (1...65535).contains(port),
                  !endpoint[..<colon].contains("/"), !endpoint.contains(" ")
            else {
                throw OperatorCLIError("'\(endpoint)' is not host:port (e.g. 127.0.0.1:5050 or zk://host:2181/mesos)")
            }
            bases.append("\(scheme)://\(endpoint)")
        }
        self = .endpoints(bases)
    }

    public var description: String {
        switch self {
        case .endpoints(let bases): bases.map { $0.replacingOccurrences(of: "http://", with: "") }.joined(separator: ",")
        case .zooKeeper(let url): url.description
        }
    }
}
