import Logging
import MesosLeaderElection
import MesosModel
import MesosZooKeeper
import ServiceLifecycle

/// Leadership from a Mesos-compatible ZooKeeper election (`--zk`).
///
/// As a service it contends until shutdown. A master that led and then stops leading — its
/// session expired, or its ``LeaderLease`` lapsed because ZooKeeper could not be reached for
/// most of the session timeout (or the process was frozen) — fails with ``LeadershipLost``,
/// which ends the daemon, as Mesos masters abort when they lose leadership: its in-memory state
/// may be stale, and a supervisor restarts it as a standby. Between the lease lapsing and the
/// exit, every request is refused, so there is never a second acting leader.
public final class ZooKeeperLeadership: Leadership, Service {
    /// The contender behind it.
    public let contender: ZooKeeperMasterContender
    private let logger: Logger

    /// Contends at `url` with `info`, sessions of `sessionTimeout`.
    public init(url: ZooKeeperURL, info: MasterInfo, sessionTimeout: Duration, logger: Logger) {
        self.contender = ZooKeeperMasterContender(url: url, info: info, sessionTimeout: sessionTimeout, logger: logger)
        self.logger = logger
    }

    public var state: LeadershipState {
        if contender.isLeading { return .leading }
        if case .following(let leader) = contender.leadership { return .following(leader: leader?.endpoint) }
        return .following(leader: nil)
    }

    public var metrics: [String: Double] {
        ["master/zookeeper_session_connected": contender.sessionState == .connected ? 1 : 0]
    }

    public var healthDetails: [String: String] {
        ["leadership": contender.isLeading ? "leading" : "standby", "zookeeper_session": contender.sessionState.description]
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.contender.run() }
            group.addTask { try await self.watchForLostLeadership() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func watchForLostLeadership() async throws {
        var led = false
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if contender.isLeading {
                if !led { logger.info("Elected leading master") }
                led = true
            } else if led {
                logger.error("Lost leadership (ZooKeeper session lost or lease lapsed); exiting as Mesos masters do")
                throw LeadershipLost()
            }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }
}

/// The master stopped leading and must not go on with its state.
public struct LeadershipLost: Error, CustomStringConvertible {
    public var description: String { "this master lost its leadership" }
}
