import Logging
import MesosLeaderElection
import MesosModel
import MesosZooKeeper
import Synchronization

/// Follows the leading master elected in ZooKeeper (MesosLeaderElection's
/// `ZooKeeperMasterDetector`: connects, reconnects after session loss, watches the election path)
/// and publishes each new leader's endpoint to its subscribers.
final class ZooKeeperLeaderDetector: Sendable {
    private struct State {
        var leader: MasterEndpoint?
        var subscribers: [Int: AsyncStream<MasterEndpoint?>.Continuation] = [:]
        var nextSubscriber = 0
        var task: Task<Void, Never>?
        var isShutDown = false
    }

    let url: ZooKeeperURL
    let scheme: String
    private let logger: Logger
    private let state = Mutex(State())

    init(url: ZooKeeperURL, scheme: String, logger: Logger) {
        self.url = url
        self.scheme = scheme
        self.logger = logger
    }

    /// The endpoint a leader's MasterInfo describes (see `MasterInfo.endpoint`), with `scheme`.
    static func endpoint(of info: MasterInfo, scheme: String) -> MasterEndpoint? {
        guard let hostPort = info.endpoint, let parsed = try? MasterEndpoint(parsing: hostPort) else { return nil }
        return MasterEndpoint(scheme: scheme, host: parsed.host, port: parsed.port)
    }

    /// The current leader (`nil` while none is known), then every change.
    func changes() -> AsyncStream<MasterEndpoint?> {
        let (stream, continuation) = AsyncStream<MasterEndpoint?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id: Int? = state.withLock { state in
            guard !state.isShutDown else { return nil }
            let id = state.nextSubscriber
            state.nextSubscriber += 1
            state.subscribers[id] = continuation
            continuation.yield(state.leader)
            if state.task == nil {
                state.task = Task { [weak self] in await self?.follow() }
            }
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Waits until a leader is known.
    ///
    /// - Throws: `CancellationError` when the calling task is cancelled, ``SchedulerError/shutDown`` after ``shutdown()``.
    func leader() async throws -> MasterEndpoint {
        for await leader in changes() {
            if let leader { return leader }
        }
        try Task.checkCancellation()
        throw SchedulerError.shutDown
    }

    /// Stops following the election.
    func shutdown() {
        let (task, subscribers) = state.withLock { state in
            state.isShutDown = true
            defer { state.subscribers = [:]; state.task = nil }
            return (state.task, Array(state.subscribers.values))
        }
        task?.cancel()
        subscribers.forEach { $0.finish() }
    }

    private func publish(_ leader: MasterEndpoint?) {
        let subscribers: [AsyncStream<MasterEndpoint?>.Continuation] = state.withLock { state in
            guard state.leader != leader else { return [] }
            state.leader = leader
            return Array(state.subscribers.values)
        }
        if !subscribers.isEmpty {
            logger.info("Leading master from ZooKeeper \(url): \(leader?.description ?? "none")")
        }
        subscribers.forEach { $0.yield(leader) }
    }

    private func follow() async {
        let detector = ZooKeeperMasterDetector(url: url, logger: logger)
        for await leader in detector.leaders() {
            let endpoint = leader.flatMap { Self.endpoint(of: $0, scheme: scheme) }
            if leader != nil, endpoint == nil {
                logger.warning("The leading master's MasterInfo in ZooKeeper \(url) has no usable address")
            }
            publish(endpoint)
        }
    }
}
