import Foundation
import Logging
import MesosHTTPClient
import MesosLeaderElection
import MesosModel
import MesosTestKit
import MesosZooKeeper
import Testing

/// Masters started with `--zk` against a real ZooKeeper server: Mesos-compatible election nodes,
/// redirects from standbys, failover, and no zombie leader.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ZooKeeperElectionTests {
    static let sessionTimeout = 3  // seconds

    /// Starts ZooKeeper and three masters contending at `/mesos`, runs `body`, stops everything.
    func withElection(_ body: (ZooKeeperEnsemble, [Daemon], HTTPClient) async throws -> Void) async throws {
        let zk = try await ZooKeeperEnsemble.start()
        let client = try HTTPClient(logger: Logger(label: "test.election"))
        var masters: [Daemon] = []
        do {
            for index in 1...3 {
                masters.append(try await Daemon.start(
                    "swift-mesos-master", name: "master-\(index)",
                    arguments: [
                        "--port={port}", "--ip=127.0.0.1", "--hostname=127.0.0.1", "--work_dir={dir}/work",
                        "--zk=\(zk.url(path: "/mesos"))", "--quorum=2", "--zk_session_timeout=\(Self.sessionTimeout)secs",
                        "--allocation_interval=50ms", "--logging_level=INFO",
                    ]))
            }
            try await body(zk, masters, client)
        } catch {
            for master in masters { print("---- \(master.name) ----\n\(master.logTail(lines: 40))") }
            for master in masters { await master.stop() }
            await client.shutdown()
            await zk.shutdown()
            throw error
        }
        for master in masters { await master.stop() }
        await client.shutdown()
        await zk.shutdown()
    }

    func leadership(_ client: HTTPClient, _ master: Daemon) async -> String? {
        guard let response = try? await client.execute(HTTPRequest(url: master.baseURL + "/health", timeout: .seconds(2))),
              response.status == 200,
              let body = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        else { return nil }
        return body["leadership"]
    }

    /// Waits until exactly one of `masters` leads; returns it.
    func soleLeader(_ client: HTTPClient, among masters: [Daemon], timeout: Duration = .seconds(30)) async throws -> Daemon {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var leaders: [Daemon] = []
            for master in masters where await leadership(client, master) == "leading" { leaders.append(master) }
            if leaders.count == 1 { return leaders[0] }
            #expect(leaders.count <= 1, "two acting leaders: \(leaders.map(\.name))")
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestKitError("no single leader among \(masters.map(\.name)) within \(timeout)")
    }

    func subscribe(_ client: HTTPClient, _ master: Daemon) async throws -> HTTPStreamingResponse {
        let call = Scheduler.Call.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "ha"))
        return try await client.stream(HTTPRequest(
            method: .post, url: master.baseURL + "/api/v1/scheduler", headers: ["Content-Type": "application/json"],
            body: Array(try MesosJSON.encode(call)), connectTimeout: .seconds(2)))
    }

    @Test func exactlyOneLeaderOthersRedirectAndTheZnodeIsMesosCompatible() async throws {
        try await withElection { zk, masters, client in
            let leader = try await soleLeader(client, among: masters)
            for standby in masters where standby.port != leader.port {
                #expect(await leadership(client, standby) == "standby")
                // A standby reads the leader's znode after it learns it does not lead: until then it
                // answers 503 (no leader known), as Mesos does.
                for _ in 0..<100 {
                    let probe = try? await client.execute(HTTPRequest(url: standby.baseURL + "/master/redirect", timeout: .seconds(5)))
                    if probe?.location == "//127.0.0.1:\(leader.port)" { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                let stream = try await subscribe(client, standby)
                #expect(stream.status == 307)
                #expect(stream.location == "//127.0.0.1:\(leader.port)/api/v1/scheduler")
                stream.cancel()
                let state = try await client.execute(HTTPRequest(url: standby.baseURL + "/master/state?jsonp=x", timeout: .seconds(5)))
                #expect(state.status == 307)
                #expect(state.location == "//127.0.0.1:\(leader.port)/master/state?jsonp=x")
                let redirect = try await client.execute(HTTPRequest(url: standby.baseURL + "/master/redirect", timeout: .seconds(5)))
                #expect(redirect.location == "//127.0.0.1:\(leader.port)")
                let metrics = try await client.execute(HTTPRequest(url: standby.baseURL + "/metrics/snapshot", timeout: .seconds(5)))
                let values = try #require(try JSONSerialization.jsonObject(with: Data(metrics.body)) as? [String: Any])
                #expect(values["master/elected"] as? Double == 0)
                #expect(values["master/zookeeper_session_connected"] as? Double == 1)
            }
            let leaderMetrics = try await client.execute(HTTPRequest(url: leader.baseURL + "/metrics/snapshot", timeout: .seconds(5)))
            let values = try #require(try JSONSerialization.jsonObject(with: Data(leaderMetrics.body)) as? [String: Any])
            #expect(values["master/elected"] as? Double == 1)

            // What Mesos tooling reads: the lowest json.info_ child holds the leader's MasterInfo JSON.
            let zkClient = try await ZooKeeperClient.connect(url: ZooKeeperURL(parsing: zk.url(path: "/mesos")), logger: Logger(label: "test"))
            let children = try await zkClient.children("/mesos")
            #expect(children.filter { $0.hasPrefix("json.info_") }.count == 3)
            let node = try #require(ElectionNodes.leader(in: children))
            let info = try MesosJSON.decode(MasterInfo.self, from: Data(try await zkClient.get("/mesos/\(node)").data))
            #expect(info.address?.ip == "127.0.0.1")
            #expect(info.address?.port == Int32(leader.port))
            #expect(info.pid == "master@127.0.0.1:\(leader.port)")
            #expect(info.port == UInt32(leader.port))
            await zkClient.close()

            // The leader serves SUBSCRIBE.
            let stream = try await subscribe(client, leader)
            #expect(stream.status == 200)
            stream.cancel()
        }
    }

    @Test func killingTheLeaderElectsAnotherThatServesSubscribe() async throws {
        try await withElection { _, masters, client in
            let leader = try await soleLeader(client, among: masters)
            let killedAt = ContinuousClock.now
            await leader.process.kill9()
            let survivors = masters.filter { $0.port != leader.port }
            let next = try await soleLeader(client, among: survivors)
            var served = false
            while !served, ContinuousClock.now - killedAt < .seconds(60) {
                let stream = try await subscribe(client, next)
                served = stream.status == 200
                stream.cancel()
            }
            #expect(served)
            print("failover: \(ContinuousClock.now - killedAt) from SIGKILL of the leader to a new leader answering SUBSCRIBE (ZooKeeper session timeout \(Self.sessionTimeout)s)")
        }
    }

    @Test func aFrozenLeaderNeverActsAgainAfterAnotherTookOver() async throws {
        try await withElection { _, masters, client in
            let leader = try await soleLeader(client, among: masters)
            leader.process.freeze()
            let survivors = masters.filter { $0.port != leader.port }
            let next = try await soleLeader(client, among: survivors, timeout: .seconds(Self.sessionTimeout * 10))
            // Let the old leader's session expire for sure, then wake it up.
            try await Task.sleep(for: .seconds(Self.sessionTimeout))
            leader.process.resume()

            // From the moment it runs again it refuses to act, and it exits (as Mesos masters do).
            let deadline = ContinuousClock.now + .seconds(15)
            while leader.process.isRunning, ContinuousClock.now < deadline {
                if let stream = try? await subscribe(client, leader) {
                    #expect(stream.status != 200, "the deposed leader accepted a SUBSCRIBE")
                    stream.cancel()
                }
                #expect(await leadership(client, leader) != "leading")
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(!leader.process.isRunning, "the deposed leader must exit")
            #expect(await leadership(client, next) == "leading")
        }
    }
}
