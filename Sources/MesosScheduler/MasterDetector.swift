import Logging
import Synchronization

/// Finds the master to subscribe to: the next of a fixed list (rotating past masters that cannot be
/// reached; non-leaders redirect to the leader), or the leader elected in ZooKeeper.
final class MasterDetector: Sendable {
    private enum Source {
        case endpoints([MasterEndpoint])
        case zooKeeper(ZooKeeperLeaderDetector)
    }

    private let source: Source
    private let index = Mutex(0)

    init(url: MasterURL, logger: Logger) {
        switch url {
        case .endpoints(let endpoints):
            source = .endpoints(endpoints)
        case .zooKeeper(let zooKeeperURL, let scheme):
            source = .zooKeeper(ZooKeeperLeaderDetector(url: zooKeeperURL, scheme: scheme, logger: logger))
        }
    }

    /// The master to try next; with ZooKeeper, waits until a leader is elected.
    func candidate() async throws -> MasterEndpoint {
        switch source {
        case .endpoints(let endpoints):
            guard !endpoints.isEmpty else { throw SchedulerError.invalidMasterURL("", reason: "no masters") }
            return endpoints[index.withLock { $0 } % endpoints.count]
        case .zooKeeper(let detector):
            return try await detector.leader()
        }
    }

    /// `endpoint` could not be reached or dropped the connection: move on to the next of the list.
    func failed(_ endpoint: MasterEndpoint) {
        guard case .endpoints(let endpoints) = source, endpoints.count > 1 else { return }
        index.withLock { current in
            if endpoints[current % endpoints.count] == endpoint { current = (current + 1) % endpoints.count }
        }
    }

    /// Leader changes to watch while subscribed (ZooKeeper only).
    func leaderChanges() -> AsyncStream<MasterEndpoint?>? {
        guard case .zooKeeper(let detector) = source else { return nil }
        return detector.changes()
    }

    /// Stops following ZooKeeper.
    func shutdown() {
        if case .zooKeeper(let detector) = source { detector.shutdown() }
    }
}
