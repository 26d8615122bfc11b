import Foundation
import Logging
import MesosLeaderElection
import MesosModel
import MesosTestKit
import MesosZooKeeper
import Testing

/// Against a real ZooKeeper server: contenders are plain ephemeral sequential nodes written the
/// way Mesos masters write them.
@Suite(.serialized)
struct ZooKeeperMasterDetectorTests {
    let logger = Logger(label: "test.detector")

    func masterInfo(_ id: String, port: Int32) -> [UInt8] {
        let info = MasterInfo(
            id: id, ip: PackedIPv4.pack("127.0.0.1") ?? 0, port: UInt32(port), pid: "master@127.0.0.1:\(port)",
            hostname: "localhost", version: "1.11.0", address: Address(hostname: "localhost", ip: "127.0.0.1", port: port))
        return Array((try? MesosJSON.encode(info)) ?? Data())
    }

    @Test func followsTheLowestSequenceAndItsSuccessors() async throws {
        let zk = try await ZooKeeperEnsemble.start()
        defer { Task { await zk.shutdown() } }
        let url = try ZooKeeperURL(parsing: zk.url(path: "/mesos"))
        let detector = ZooKeeperMasterDetector(url: url, sessionTimeout: .seconds(4), logger: logger)
        var leaders = detector.leaders().makeAsyncIterator()

        // Nothing contends yet (the path does not even exist).
        #expect(await leaders.next() == .some(nil))

        let first = try await ZooKeeperClient.connect(url: url, logger: logger)
        let second = try await ZooKeeperClient.connect(url: url, logger: logger)
        try await first.createPath("/mesos")
        try await first.create("/mesos/log_replicas")
        try await first.create("/mesos/json.info_", data: masterInfo("m1", port: 5001), mode: [.ephemeral, .sequential])
        try await second.create("/mesos/json.info_", data: masterInfo("m2", port: 5002), mode: [.ephemeral, .sequential])

        var leader = await leaders.next()
        while leader??.id == nil { leader = await leaders.next() }
        #expect(leader??.id == "m1")
        #expect(leader??.endpoint == "127.0.0.1:5001")

        // The leader's session ends: its ephemeral node goes, the next contender leads.
        await first.close()
        leader = await leaders.next()
        while leader??.id != "m2", leader != nil { leader = await leaders.next() }
        #expect(leader??.id == "m2")

        await second.close()
        #expect(await leaders.next() == .some(nil))
        #expect(await detector.currentLeader(timeout: .milliseconds(300)) == nil)
    }
}
