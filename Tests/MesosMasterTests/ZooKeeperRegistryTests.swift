import Foundation
import Logging
import MesosHTTPClient
@testable import MesosMaster
import MesosMasterCore
import MesosModel
import MesosTestKit
import MesosZooKeeper
import Testing

/// The registry in ZooKeeper (`--zk`): compare-and-set writes, and a new leader that recovers
/// what its predecessor admitted.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ZooKeeperRegistryTests {
    @Test func aDeposedLeadersWriteFailsAndLeavesItsSuccessorsRegistryAlone() async throws {
        let zk = try await ZooKeeperEnsemble.start()
        let url = try ZooKeeperURL(parsing: zk.url(path: "/mesos"))
        let logger = Logger(label: "test.registry")
        let old = ZooKeeperRegistryStore(url: url, sessionTimeout: .seconds(10), logger: logger)
        let successor = ZooKeeperRegistryStore(url: url, sessionTimeout: .seconds(10), logger: logger)
        let reader = ZooKeeperRegistryStore(url: url, sessionTimeout: .seconds(10), logger: logger)
        func stop() async {
            for store in [old, successor, reader] { await store.close() }
            await zk.shutdown()
        }
        do {
            #expect(try await old.load() == nil)
            let first = MasterRegistry(gone: [AgentID("first")])
            try await old.save(first)
            try await old.save(MasterRegistry(gone: [AgentID("first"), AgentID("second")]))

            // The successor reads what the old leader wrote and claims the registry by writing it.
            let recovered = try #require(try await successor.load())
            #expect(recovered.gone == [AgentID("first"), AgentID("second")])
            let successorsRegistry = MasterRegistry(gone: [AgentID("third")])
            try await successor.save(successorsRegistry)

            // The old leader's next write is a CAS failure, not an overwrite.
            await #expect(throws: RegistryWriteConflict.self) { try await old.save(MasterRegistry()) }
            #expect(try await reader.load() == successorsRegistry)
            // The successor keeps writing.
            try await successor.save(MasterRegistry())
            #expect(try await reader.load() == MasterRegistry())

            // Two masters that both found no registry: the second create conflicts.
            let zk2 = try ZooKeeperURL(parsing: zk.url(path: "/other"))
            let a = ZooKeeperRegistryStore(url: zk2, sessionTimeout: .seconds(10), logger: logger)
            let b = ZooKeeperRegistryStore(url: zk2, sessionTimeout: .seconds(10), logger: logger)
            #expect(try await a.load() == nil)
            #expect(try await b.load() == nil)
            try await a.save(first)
            await #expect(throws: RegistryWriteConflict.self) { try await b.save(MasterRegistry()) }
            await a.close()
            await b.close()
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    /// A registry of `count` gone agents with long ids: about 60 bytes each in the JSON.
    static func largeRegistry(_ count: Int, tag: String) -> MasterRegistry {
        MasterRegistry(gone: (0..<count).map { AgentID("\(tag)-\(UUID().uuidString)-S\($0)") })
    }

    @Test func aRegistryLargerThanAZnodeIsWrittenInChunksAndSwitchedAtomically() async throws {
        let zk = try await ZooKeeperEnsemble.start()
        let url = try ZooKeeperURL(parsing: zk.url(path: "/mesos"))
        let logger = Logger(label: "test.registry")
        // Chunks of 20 kB (1 MB in production) keep the registries small: the test checks the
        // chunking, not ZooKeeper's size limit, and must not hog the test process's CPU.
        let chunk = 20_000
        let old = ZooKeeperRegistryStore(url: url, sessionTimeout: .seconds(10), logger: logger, chunkBytes: chunk)
        let successor = ZooKeeperRegistryStore(url: url, sessionTimeout: .seconds(10), logger: logger, chunkBytes: chunk)
        let reader = ZooKeeperRegistryStore(url: url, sessionTimeout: .seconds(10), logger: logger, chunkBytes: chunk)
        let raw = try await ZooKeeperClient.connect(url: url, sessionTimeout: .seconds(10), logger: logger)
        func stop() async {
            for store in [old, successor, reader] { await store.close() }
            await raw.close()
            await zk.shutdown()
        }
        do {
            #expect(try await old.load() == nil)
            let big = Self.largeRegistry(800, tag: "first")
            #expect(try MesosJSON.encode(big).count > 2 * chunk)
            try await old.save(big)
            #expect(try await reader.load() == big)
            let generations = try await raw.children(old.chunksPath)
            #expect(generations.count == 1)
            #expect(try await raw.children("\(old.chunksPath)/\(generations[0])").count >= 3)
            // The registry znode itself holds only the manifest.
            #expect(try await raw.get(old.path).data.count < 1000)

            // The next large registry replaces the chunks of the previous one.
            let bigger = Self.largeRegistry(1000, tag: "second")
            try await old.save(bigger)
            #expect(try await reader.load() == bigger)
            let after = try await raw.children(old.chunksPath)
            #expect(after.count == 1 && after != generations)

            // A successor claims it; the deposed leader's chunked write conflicts and leaves no chunks.
            #expect(try await successor.load() == bigger)
            let small = MasterRegistry(gone: [AgentID("small")])
            try await successor.save(small)
            #expect(try await reader.load() == small)
            #expect(try await raw.children(old.chunksPath).isEmpty)
            await #expect(throws: RegistryWriteConflict.self) { try await old.save(Self.largeRegistry(800, tag: "stale")) }
            #expect(try await raw.children(old.chunksPath).isEmpty)
            #expect(try await reader.load() == small)

            // Chunks that do not match their manifest are refused, not half-read.
            try await successor.save(big)
            let generation = try #require(try await raw.children(old.chunksPath).first)
            _ = try await raw.set("\(old.chunksPath)/\(generation)/1", data: Array("garbage".utf8))
            await #expect(throws: MasterStartupError.self) { _ = try await reader.load() }
        } catch {
            await stop()
            throw error
        }
        await stop()
    }

    @Test func aNewLeaderKnowsTheAgentsAndFrameworksItsPredecessorAdmitted() async throws {
        let zk = try await ZooKeeperEnsemble.start()
        let client = try HTTPClient(logger: Logger(label: "test.registry"))
        var masters: [Daemon] = []
        func stop() async {
            for master in masters { await master.stop() }
            await client.shutdown()
            await zk.shutdown()
        }
        do {
            for index in 1...3 {
                masters.append(try await Daemon.start(
                    "swift-mesos-master", name: "master-\(index)",
                    arguments: [
                        "--port={port}", "--ip=127.0.0.1", "--hostname=127.0.0.1", "--work_dir={dir}/work",
                        "--zk=\(zk.url(path: "/mesos"))", "--quorum=2", "--zk_session_timeout=3secs",
                        "--agent_reregister_timeout=3secs", "--allocation_interval=50ms",
                    ]))
            }
            let leader = try await soleLeader(client, masters)
            let agent = SimulatedAgent(master: leader.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            var info = FrameworkInfo(user: "u", name: "remembered")
            info.failoverTimeout = 3600
            let scheduler = try await TestScheduler.subscribe(client, leader, info: info)

            // Both are in the registry znode before the leader dies.
            let zkClient = try await ZooKeeperClient.connect(url: ZooKeeperURL(parsing: zk.url(path: "/mesos")), logger: Logger(label: "test"))
            let written = try await eventually(timeout: .seconds(30)) {
                guard let node = try? await zkClient.get("/mesos/registry"),
                      let registry = try? MesosJSON.decode(MasterRegistry.self, from: Data(node.data))
                else { return false }
                return registry.agents.map(\.info.id) == [agentID] && registry.frameworks.map(\.id) == [scheduler.frameworkID]
            }
            await zkClient.close()
            #expect(written)

            // The agent never comes back.
            await agent.disconnect()
            _ = await leader.process.kill9()
            let survivors = masters.filter { $0.port != leader.port }
            let next = try await soleLeader(client, survivors)

            // The new leader recovered the agent (waiting for it to re-register) and the framework
            // (waiting for its scheduler), then marks the agent unreachable after the timeout.
            let recovered = try await eventually(timeout: .seconds(30)) {
                guard let state = try? await getJSON(client, next, "/master/state") else { return false }
                let frameworks = state["frameworks"] as? [[String: Any]] ?? []
                let knowsFramework = frameworks.contains { $0["id"] as? String == scheduler.frameworkID.value }
                let recoveredAgents = (state["recovered_slaves"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                let unreachable = state["unreachable_slaves"] as? Int ?? 0
                return knowsFramework && (recoveredAgents.contains(agentID.value) || unreachable == 1)
            }
            #expect(recovered, "the new leader must know its predecessor's agent and framework")
            let unreachable = try await eventually(timeout: .seconds(30)) {
                let state = try await getJSON(client, next, "/master/state")
                return state["unreachable_slaves"] as? Int == 1 && (state["recovered_slaves"] as? [Any])?.isEmpty == true
            }
            #expect(unreachable, "an admitted agent that does not re-register is marked unreachable")
        } catch {
            for master in masters { print("---- \(master.name) ----\n\(master.logTail(lines: 40))") }
            await stop()
            throw error
        }
        await stop()
    }

    func soleLeader(_ client: HTTPClient, _ masters: [Daemon]) async throws -> Daemon {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            var leaders: [Daemon] = []
            for master in masters {
                if let state = try? await getJSON(client, master, "/health"), state["leadership"] as? String == "leading" {
                    leaders.append(master)
                }
            }
            #expect(leaders.count <= 1)
            if leaders.count == 1 { return leaders[0] }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestKitError("no single leader")
    }
}
