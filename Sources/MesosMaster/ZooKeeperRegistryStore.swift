import Foundation
import Logging
import MesosMasterCore
import MesosModel
import MesosZooKeeper

/// The registry in ZooKeeper (`--zk`): the JSON of ``MasterRegistry`` in the znode
/// `<zk path>/registry`, written with compare-and-set on the znode's version.
///
/// ``load()`` remembers the version it read; every ``save(_:)`` must find that version still
/// there (ZooKeeper's versioned `set`) and remembers the new one. A master that lost its leadership
/// and writes after its successor did gets ``RegistryWriteConflict`` instead of overwriting the
/// successor's state. A new leader writes the registry right after loading it, which makes every
/// later write of its predecessor fail.
///
/// ZooKeeper refuses znodes above `jute.maxbuffer` (1 MB by default); see Docs/master.md for what
/// that means for the size of a cluster.
actor ZooKeeperRegistryStore: RegistryStorage {
    /// The ensemble and the election path.
    let url: ZooKeeperURL
    private let sessionTimeout: Duration
    private let logger: Logger
    private var client: ZooKeeperClient?
    /// The znode version this master read or last wrote; nil before ``load()``, or when the node
    /// did not exist.
    private var version: Int32?
    private var loaded = false

    /// The registry of the masters contending at `url`.
    init(url: ZooKeeperURL, sessionTimeout: Duration, logger: Logger) {
        self.url = url
        self.sessionTimeout = sessionTimeout
        self.logger = logger
    }

    /// `<path>/registry`.
    nonisolated var path: String { (url.path == "/" ? "" : url.path) + "/registry" }

    nonisolated var location: String { "zk://\(url.connectString)\(path)" }

    private func connected() async throws -> ZooKeeperClient {
        if let client { return client }
        let fresh = try await ZooKeeperClient.connect(url: url, sessionTimeout: sessionTimeout, logger: logger)
        client = fresh
        return fresh
    }

    func load() async throws -> MasterRegistry? {
        let client = try await connected()
        try await client.createPath(url.path)
        loaded = true
        do {
            let (data, stat) = try await client.get(path)
            version = stat.version
            do {
                return try MesosJSON.decode(MasterRegistry.self, from: Data(data))
            } catch {
                throw MasterStartupError("The registry \(location) is corrupt (\(error)); delete the znode to start with an empty cluster")
            }
        } catch let error as ZooKeeperError where error.isNoNode {
            version = nil
            return nil
        }
    }

    /// The largest registry written: ZooKeeper's default `jute.maxbuffer` (1 MiB) less room for
    /// the request around it. A larger write would make the server drop the connection.
    static let maximumBytes = 1_000_000

    func save(_ registry: MasterRegistry) async throws {
        guard loaded else {
            // Writing before reading would overwrite what a predecessor left.
            throw MasterStartupError("The registry \(location) is written only once this master has read it")
        }
        let data = try MesosJSON.encode(registry)
        guard data.count <= Self.maximumBytes else {
            throw MasterStartupError(
                "The registry (\(data.count) bytes: \(registry.agents.count) agents, \(registry.frameworks.count) frameworks) "
                    + "exceeds the \(Self.maximumBytes) bytes a ZooKeeper node holds by default")
        }
        try await write(Array(data))
    }

    /// Writes whose outcome is unknown: a request may have been applied although its answer was
    /// lost with the connection.
    private struct UncertainWrite {
        /// The version the writes expected (nil: a create).
        var expected: Int32?
        /// What they wrote, oldest first.
        var data: [[UInt8]]
    }

    private var uncertain: UncertainWrite?

    private func write(_ data: [UInt8]) async throws {
        let client = try await connected()
        do {
            if let version {
                self.version = try await client.set(path, data: data, version: version).version
            } else {
                _ = try await client.create(path, data: data)
                self.version = 0
            }
            uncertain = nil
        } catch let error as ZooKeeperError where error.isBadVersion || error.isNodeExists || error.isNoNode {
            // Our own earlier write may have landed unseen: the node then holds exactly that data
            // at exactly the next version, and nobody wrote since.
            if let pending = uncertain, let (current, stat) = try? await client.get(path),
               pending.data.contains(current), stat.version == (pending.expected.map { $0 + 1 } ?? 0)
            {
                logger.info("The registry write lost with the connection had been applied")
                uncertain = nil
                version = stat.version
                try await write(data)
                return
            }
            throw RegistryWriteConflict(location: location)
        } catch let error as ZooKeeperError where error.isSessionExpired {
            // The next attempt opens a new session; the version still guards the write.
            noteUncertain(data)
            await client.close()
            self.client = nil
            throw error
        } catch {
            noteUncertain(data)
            throw error
        }
    }

    private func noteUncertain(_ data: [UInt8]) {
        if var pending = uncertain, pending.expected == version {
            pending.data.append(data)
            uncertain = pending
        } else {
            uncertain = UncertainWrite(expected: version, data: [data])
        }
    }

    /// Closes the session.
    func close() async {
        await client?.close()
        client = nil
    }
}
