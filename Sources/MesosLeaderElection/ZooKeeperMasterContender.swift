import Foundation
import Logging
import MesosModel
import MesosZooKeeper
import Synchronization

/// Contends for leadership the way Mesos masters do: an EPHEMERAL|SEQUENTIAL `json.info_` child
/// of the election path holding this master's MasterInfo JSON; the lowest sequence leads.
///
/// ``run()`` contends until cancelled. When the session expires it contends again with a new
/// session (a new, higher sequence). While leading, a ``LeaderLease`` renewed by a round trip
/// every `sessionTimeout / 6` decides whether this master may act: ``isLeading`` is false as soon
/// as the lease lapses, even if ZooKeeper's thread has not noticed the loss yet.
public final class ZooKeeperMasterContender: Sendable {
    /// The ensemble and election path.
    public let url: ZooKeeperURL
    /// This master's description, written to its election node.
    public let info: MasterInfo
    /// The ZooKeeper session timeout (Mesos's `--zk_session_timeout`).
    public let sessionTimeout: Duration
    private let logger: Logger

    private struct State {
        var leadership: Leadership = .contending
        var lease: LeaderLease
        var subscribers: [Int: AsyncStream<Leadership>.Continuation] = [:]
        var nextSubscriber = 0
        var node: String?
        var client: ZooKeeperClient?
    }
    private let state: Mutex<State>

    public init(url: ZooKeeperURL, info: MasterInfo, sessionTimeout: Duration = .seconds(10), logger: Logger) {
        self.url = url
        self.info = info
        self.sessionTimeout = sessionTimeout
        self.logger = logger
        self.state = Mutex(State(lease: LeaderLease(sessionTimeout: sessionTimeout)))
    }

    /// Whether this master may act as the leader right now: it leads and its lease holds.
    public var isLeading: Bool {
        let now = ContinuousClock.now
        return state.withLock { $0.leadership == .leading && $0.lease.isValid(at: now) }
    }

    /// The last known standing (see ``isLeading`` for whether to act).
    public var leadership: Leadership { state.withLock { $0.leadership } }

    /// The state of the current ZooKeeper session (`closed` when there is none).
    public var sessionState: ZooKeeperSessionState { state.withLock { $0.client?.state ?? .closed } }

    /// The path of this master's election node in the current session.
    public var electionNode: String? { state.withLock { $0.node } }

    /// The current standing, then every change.
    public func changes() -> AsyncStream<Leadership> {
        let (stream, continuation) = AsyncStream<Leadership>.makeStream(bufferingPolicy: .unbounded)
        let (id, current) = state.withLock { state -> (Int, Leadership) in
            state.nextSubscriber += 1
            state.subscribers[state.nextSubscriber] = continuation
            return (state.nextSubscriber, state.leadership)
        }
        continuation.yield(current)
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Contends until the calling task is cancelled; then withdraws (closes the session, which
    /// deletes the election node at once).
    public func run() async {
        var backoff = Duration.milliseconds(100)
        while !Task.isCancelled {
            let client: ZooKeeperClient
            do {
                client = try await ZooKeeperClient.connect(
                    url: url, sessionTimeout: sessionTimeout, connectTimeout: sessionTimeout, logger: logger)
            } catch {
                if Task.isCancelled { break }
                logger.warning("Cannot contend for leadership at \(url): \(error); retrying in \(backoff)")
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(5))
                continue
            }
            backoff = .milliseconds(100)
            state.withLock { $0.client = client }
            do {
                try await contend(with: client)
            } catch {
                if !Task.isCancelled { logger.warning("Leadership session at \(url) ended: \(error)") }
            }
            update(.contending, revokeLease: true)
            state.withLock {
                $0.node = nil
                $0.client = nil
            }
            await client.close()
        }
        update(.contending, revokeLease: true)
    }

    private func contend(with client: ZooKeeperClient) async throws {
        try await client.createPath(url.path)
        let data = try MesosJSON.encodeBytes(info)
        let node = try await client.create("\(url.path)/\(ElectionNodes.prefix)", data: data, mode: [.ephemeral, .sequential])
        let name = String(node.dropFirst(url.path.count + 1))
        state.withLock { $0.node = node }
        logger.info("Contending for leadership as \(node)")

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.renewLease(client: client) }
            group.addTask { try await self.followElection(client: client, ownNode: name) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Follows the election children; ends (throws) when the session is lost.
    private func followElection(client: ZooKeeperClient, ownNode: String) async throws {
        while !Task.isCancelled {
            let sentAt = ContinuousClock.now
            let (children, watch) = try await client.childrenAndWatch(url.path)
            guard children.contains(ownNode) else {
                throw ZooKeeperError(code: 0, message: "election node \(ownNode) vanished")
            }
            let leader = ElectionNodes.leader(in: children)
            if leader == ownNode {
                state.withLock { $0.lease.renew(sentAt: sentAt) }
                update(.leading, revokeLease: false)
            } else if let leader {
                let info = try? await client.get("\(url.path)/\(leader)").data
                update(.following(info.flatMap { try? MesosJSON.decode(MasterInfo.self, from: Data($0)) }), revokeLease: true)
            } else {
                update(.following(nil), revokeLease: true)
            }
            if case .session(let sessionState) = await watch.event(), sessionState != .connected, sessionState != .connecting {
                throw ZooKeeperError(code: ZooKeeperError.sessionExpiredCode, message: "ZooKeeper session \(sessionState)")
            }
        }
    }

    /// Renews the lease with a round trip every `sessionTimeout / 6` while leading.
    private func renewLease(client: ZooKeeperClient) async throws {
        var failing = false
        while !Task.isCancelled {
            try await Task.sleep(for: sessionTimeout / 6)
            guard state.withLock({ $0.leadership == .leading }) else { continue }
            let sentAt = ContinuousClock.now
            do {
                _ = try await client.exists(url.path)
                state.withLock { $0.lease.renew(sentAt: sentAt) }
                if failing { logger.info("Leader lease renewed again") }
                failing = false
            } catch let error as ZooKeeperError where error.isSessionExpired {
                throw error
            } catch {
                if !failing { logger.warning("Leader lease renewal failed (retrying): \(error)") }
                failing = true
            }
        }
    }

    private func update(_ leadership: Leadership, revokeLease: Bool) {
        let subscribers: [AsyncStream<Leadership>.Continuation] = state.withLock { state in
            if revokeLease { state.lease.revoke() }
            guard state.leadership != leadership else { return [] }
            state.leadership = leadership
            return Array(state.subscribers.values)
        }
        guard !subscribers.isEmpty else { return }
        logger.info("Leadership: \(leadership)")
        for subscriber in subscribers { subscriber.yield(leadership) }
    }
}
