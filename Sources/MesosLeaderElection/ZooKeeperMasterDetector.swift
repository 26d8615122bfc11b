import Foundation
import Logging
import MesosModel
import MesosZooKeeper

/// Finds the leading master from ZooKeeper the way Mesos's detectors do, and follows changes:
/// the lowest-sequence child of the election path, whose data is the leader's MasterInfo JSON.
///
/// The detector owns its ZooKeeper session: it connects with backoff, survives disconnections
/// (ZooKeeper re-registers the watches), and starts a new session when one expires.
public struct ZooKeeperMasterDetector: Sendable {
    /// The ensemble and election path (`zk://host:port,.../mesos`).
    public let url: ZooKeeperURL
    /// The session timeout requested from ZooKeeper.
    public let sessionTimeout: Duration
    private let logger: Logger

    public init(url: ZooKeeperURL, sessionTimeout: Duration = .seconds(10), logger: Logger) {
        self.url = url
        self.sessionTimeout = sessionTimeout
        self.logger = logger
    }

    /// The current leader (nil while none is known) and then every change, until the consumer
    /// stops iterating. Never ends by itself: ZooKeeper trouble is retried (and logged).
    public func leaders() -> AsyncStream<MasterInfo?> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            let task = Task {
                var last: MasterInfo?? = .none
                func publish(_ leader: MasterInfo?) {
                    if last != .some(leader) {
                        last = .some(leader)
                        continuation.yield(leader)
                    }
                }
                var backoff = Duration.milliseconds(100)
                while !Task.isCancelled {
                    do {
                        let client = try await ZooKeeperClient.connect(
                            url: url, sessionTimeout: sessionTimeout, connectTimeout: sessionTimeout, logger: logger)
                        backoff = .milliseconds(100)
                        do {
                            try await follow(client: client, publish: publish)
                        } catch {
                            logger.warning("Lost the leader detection session at \(url): \(error)")
                        }
                        await client.close()
                        publish(nil)
                    } catch {
                        if Task.isCancelled { break }
                        logger.warning("Cannot detect the leading master at \(url): \(error); retrying in \(backoff)")
                    }
                    try? await Task.sleep(for: backoff)
                    backoff = min(backoff * 2, .seconds(5))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The leader now: waits up to `timeout` for one to be known.
    public func currentLeader(timeout: Duration) async -> MasterInfo? {
        await withTaskGroup(of: MasterInfo?.self) { group in
            group.addTask {
                for await leader in leaders() where leader != nil { return leader }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
    }

    /// Follows the election path in one session until the session ends.
    private func follow(client: ZooKeeperClient, publish: (MasterInfo?) -> Void) async throws {
        while !Task.isCancelled {
            let children: [String]
            let watch: ZooKeeperWatch
            do {
                (children, watch) = try await client.childrenAndWatch(url.path)
            } catch let error as ZooKeeperError where error.isNoNode {
                // No master ever contended: wait for the path to appear.
                publish(nil)
                let (stat, creation) = try await client.existsAndWatch(url.path)
                if stat == nil { _ = await creation.event() }
                continue
            }
            if let leader = ElectionNodes.leader(in: children) {
                do {
                    let (data, _) = try await client.get("\(url.path)/\(leader)")
                    publish(try MesosJSON.decode(MasterInfo.self, from: Data(data)))
                } catch let error as ZooKeeperError where error.isNoNode {
                    continue  // the leader vanished between the two reads: look again
                } catch let error as ZooKeeperError {
                    throw error
                } catch {
                    logger.warning("Leader node \(url.path)/\(leader) does not hold MasterInfo JSON: \(error)")
                    publish(nil)
                }
            } else {
                publish(nil)
            }
            switch await watch.event() {
            case .session(let state) where state == .expired || state == .closed || state == .authenticationFailed:
                throw ZooKeeperError(code: ZooKeeperError.sessionExpiredCode, message: "ZooKeeper session \(state)")
            default:
                continue
            }
        }
    }
}
