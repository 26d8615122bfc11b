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
/// ZooKeeper refuses znodes above `jute.maxbuffer` (1 MB by default). A larger registry (about
/// 2,000 agents and more) is written in chunks of at most ``defaultChunkBytes`` to
/// `<path>/registry-chunks/<generation>/<index>` first; then the registry znode gets a
/// ``RegistryChunkManifest`` naming that generation, with the same compare-and-set, so the switch
/// from one registry to the next stays atomic. Older generations are deleted after the switch.
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
    /// `chunkBytes`: the largest znode written (tests use small chunks).
    init(url: ZooKeeperURL, sessionTimeout: Duration, logger: Logger, chunkBytes: Int = ZooKeeperRegistryStore.defaultChunkBytes) {
        self.chunkBytes = max(1, chunkBytes)
        self.url = url
        self.sessionTimeout = sessionTimeout
        self.logger = logger
    }

    /// `<path>/registry`.
    nonisolated var path: String { (url.path == "/" ? "" : url.path) + "/registry" }

    /// `<path>/registry-chunks`: one child per generation of a chunked registry.
    nonisolated var chunksPath: String { path + "-chunks" }

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
        // A chunk can vanish between reading the manifest and reading it only when another master
        // replaced the registry meanwhile: read again.
        for attempt in 1...5 {
            let data: [UInt8]
            do {
                let (read, stat) = try await client.get(path)
                data = read
                version = stat.version
            } catch let error as ZooKeeperError where error.isNoNode {
                version = nil
                return nil
            }
            var registryData = data
            if let manifest = RegistryChunkManifest.parse(data) {
                do {
                    registryData = try await readChunks(manifest, client: client)
                } catch let error as ZooKeeperError where error.isNoNode && attempt < 5 {
                    continue
                }
                guard manifest.matches(registryData) else {
                    throw MasterStartupError("The registry \(location) is corrupt (its chunks do not match its manifest); delete the znode to start with an empty cluster")
                }
            }
            do {
                return try MesosJSON.decode(MasterRegistry.self, from: Data(registryData))
            } catch {
                throw MasterStartupError("The registry \(location) is corrupt (\(error)); delete the znode to start with an empty cluster")
            }
        }
        throw MasterStartupError("The registry \(location) kept changing while it was read")
    }

    private func readChunks(_ manifest: RegistryChunkManifest, client: ZooKeeperClient) async throws -> [UInt8] {
        var data: [UInt8] = []
        data.reserveCapacity(manifest.body.bytes)
        for index in 0..<manifest.body.chunks {
            data += try await client.get(chunkPath(manifest.body.generation, index)).data
        }
        return data
    }

    private nonisolated func chunkPath(_ generation: String, _ index: Int) -> String {
        "\(chunksPath)/\(generation)/\(index)"
    }

    /// The largest znode written: ZooKeeper's default `jute.maxbuffer` (1 MiB) less room for the
    /// request around it (a larger write would make the server drop the connection). A larger
    /// registry is written in chunks of this size.
    static let defaultChunkBytes = 1_000_000

    /// The largest znode this store writes.
    let chunkBytes: Int

    /// The largest registry written (about 200,000 agents).
    static let maximumBytes = 512 * defaultChunkBytes

    func save(_ registry: MasterRegistry) async throws {
        guard loaded else {
            // Writing before reading would overwrite what a predecessor left.
            throw MasterStartupError("The registry \(location) is written only once this master has read it")
        }
        let data = try MesosJSON.encode(registry)
        guard data.count <= Self.maximumBytes else {
            throw MasterStartupError(
                "The registry (\(data.count) bytes: \(registry.agents.count) agents, \(registry.frameworks.count) frameworks) "
                    + "exceeds the \(Self.maximumBytes) bytes this master writes to ZooKeeper")
        }
        guard data.count > chunkBytes else {
            try await write(Array(data))
            if mayHaveChunks { await removeGenerations(except: nil) }
            return
        }
        let bytes = Array(data)
        let generation = UUID().uuidString.lowercased()
        let client = try await connected()
        let size = chunkBytes
        let chunks = stride(from: 0, to: bytes.count, by: size).map {
            Array(bytes[$0..<min($0 + size, bytes.count)])
        }
        do {
            try await client.createPath("\(chunksPath)/\(generation)")
            for (index, chunk) in chunks.enumerated() {
                _ = try await client.create(chunkPath(generation, index), data: chunk)
            }
            try await write(RegistryChunkManifest(generation: generation, data: bytes, chunks: chunks.count).encoded)
        } catch {
            // Whatever was written of this generation is nobody's.
            await removeGenerations(only: generation)
            throw error
        }
        await removeGenerations(except: generation)
    }

    /// Whether chunks of older generations may be left (until a cleanup found none).
    private var mayHaveChunks = true

    /// Deletes the chunks of older generations (best effort: a later save tries again).
    private func removeGenerations(except current: String?) async {
        guard let client else { return }
        let generations: [String]
        do {
            generations = try await client.children(chunksPath)
        } catch let error as ZooKeeperError where error.isNoNode {
            mayHaveChunks = current != nil
            return
        } catch {
            return
        }
        for generation in generations where generation != current {
            await removeGenerations(only: generation)
        }
        mayHaveChunks = current != nil || !generations.isEmpty
    }

    private func removeGenerations(only generation: String) async {
        guard let client else { return }
        let node = "\(chunksPath)/\(generation)"
        for child in (try? await client.children(node)) ?? [] {
            try? await client.delete("\(node)/\(child)")
        }
        try? await client.delete(node)
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
