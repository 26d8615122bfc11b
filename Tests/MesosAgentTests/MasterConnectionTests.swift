import Foundation
import Logging
import MesosAgent
import MesosAgentCore
import MesosHTTPClient
import MesosModel
import MesosTestKit
import MesosZooKeeper
import Testing

/// Runs a ``MasterConnection`` for `agent` against `master` (the `--master` value) while `body` runs.
func withConnection(_ agent: AgentHarness, master: String,
                    _ body: (MasterConnection) async throws -> Void) async throws {
    let http = try HTTPClient(logger: Logger(label: "agent-connection"))
    let connection = MasterConnection(
        address: try MasterAddress(parsing: master), http: http, runtime: agent.runtime,
        agentInfo: AgentInfo(hostname: "test-agent", port: 5051), logger: Logger(label: "agent-connection"))
    await agent.runtime.handle(.masterDisconnected)
    await agent.runtime.attach(connection)
    let running = Task { await connection.run() }
    do {
        try await body(connection)
    } catch {
        running.cancel()
        await http.shutdown()
        throw error
    }
    running.cancel()
    _ = await running.value
    await http.shutdown()
}

@Suite("Master connection", .timeLimit(.minutes(3)))
struct MasterConnectionTests {
    @Test func parsesTheMasterFlag() throws {
        #expect(try MasterAddress(parsing: "a:5050, http://b:5051/") == .list(["a:5050", "b:5051"]))
        if case .zookeeper(let url) = try MasterAddress(parsing: "zk://z1:2181,z2:2181/mesos") {
            #expect(url.servers == ["z1:2181", "z2:2181"] && url.path == "/mesos")
        } else {
            Issue.record("zk:// must parse as ZooKeeper")
        }
        #expect(throws: MasterAddressError.self) { try MasterAddress(parsing: "nohost") }
        #expect(throws: MasterAddressError.self) { try MasterAddress(parsing: "a:99999") }
    }

    @Test func triesTheListFollowsRedirectsAndResubscribesWithUnacknowledgedUpdates() async throws {
        let agentID = AgentID("conn-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let leader = try await FakeMaster.start(agentID: agentID)
        let follower = try await FakeMaster.start(agentID: agentID)
        follower.redirect(to: leader.address)
        let dead = try FreePort.next()
        try await withAgent { agent in
            try await withConnection(agent, master: "127.0.0.1:\(dead),\(follower.address)") { connection in
                #expect(await leader.wait { $0.subscribes.count == 1 })
                #expect(leader.snapshot.subscribes.first?.agentInfo.id == agent.agentID)
                leader.setAutoAcknowledge(false)
                await agent.run(try agent.task("conn-task", command: .shell("sleep 600")))
                #expect(await leader.wait { $0.updates.contains { $0.status.state == .running } })
                let uuid = leader.snapshot.updates.first?.status.uuid
                // The master fails over: the stream ends; the agent subscribes again and resends.
                leader.closeStream()
                #expect(await leader.wait { $0.subscribes.count >= 2 })
                #expect(leader.snapshot.subscribes.last?.tasks.first?.statusUpdateUUID == uuid)
                #expect(await leader.wait { recorded in recorded.updates.filter { $0.status.uuid == uuid }.count >= 2 })
                #expect(await connection.isSubscribed)
                await agent.kill("conn-task", grace: 0.5)
                leader.setAutoAcknowledge(true)
            }
        }
        leader.stop()
        follower.stop()
    }

    @Test func shutdownKillsEverythingAndRegistersAnew() async throws {
        let agentID = AgentID("shut-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let master = try await FakeMaster.start(agentID: agentID)
        try await withAgent { agent in
            try await withConnection(agent, master: master.address) { _ in
                #expect(await master.wait { $0.subscribes.count == 1 })
                await agent.run(try agent.task("doomed", command: .shell("sleep 600")))
                #expect(await master.wait { _ in master.states(of: "doomed") == [.running] })
                master.push(.shutdown("marked gone"))
                #expect(await master.wait { $0.subscribes.count >= 2 })
                #expect(master.snapshot.subscribes[1].agentInfo.id == nil)
                #expect(await master.wait { _ in master.states(of: "doomed").last == .killed })
            }
        }
        master.stop()
    }

    @Test func detectsTheLeaderFromZooKeeper() async throws {
        let agentID = AgentID("zk-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let master = try await FakeMaster.start(agentID: agentID)
        let ensemble = try await ZooKeeperEnsemble.start()
        do {
            let url = ensemble.url(path: "/mesos")
            let client = try await ZooKeeperClient.connect(url: try ZooKeeperURL(parsing: url), logger: Logger(label: "zk"))
            try await client.createPath("/mesos")
            let info = MasterInfo(id: "fake", ip: 0, port: UInt32(master.port),
                                  address: Address(hostname: "localhost", ip: "127.0.0.1", port: Int32(master.port)))
            _ = try await client.create("/mesos/json.info_", data: Array(try MesosJSON.encode(info)), mode: [.ephemeral, .sequential])
            try await withAgent { agent in
                try await withConnection(agent, master: url) { _ in
                    #expect(await master.wait { !$0.subscribes.isEmpty })
                }
            }
            await client.close()
        } catch {
            await ensemble.shutdown()
            master.stop()
            throw error
        }
        await ensemble.shutdown()
        master.stop()
    }
}
