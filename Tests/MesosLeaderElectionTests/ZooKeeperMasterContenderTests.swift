import Foundation
import Logging
import MesosLeaderElection
import MesosModel
import MesosTestKit
import MesosZooKeeper
import Testing

@Suite(.serialized)
struct ZooKeeperMasterContenderTests {
    let logger = Logger(label: "test.contender")

    func info(_ id: String, port: Int32) -> MasterInfo {
        MasterInfo(id: id, ip: PackedIPv4.pack("127.0.0.1") ?? 0, port: UInt32(port), pid: "master@127.0.0.1:\(port)",
                   hostname: "localhost", version: "1.11.0", address: Address(hostname: "localhost", ip: "127.0.0.1", port: port))
    }

    func waitFor(_ what: String, timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func lowestSequenceLeadsAndTheNextTakesOver() async throws {
        let zk = try await ZooKeeperEnsemble.start()
        defer { Task { await zk.shutdown() } }
        let url = try ZooKeeperURL(parsing: zk.url(path: "/mesos"))
        let first = ZooKeeperMasterContender(url: url, info: info("m1", port: 5001), sessionTimeout: .seconds(4), logger: logger)
        let firstRun = Task { await first.run() }
        try await waitFor("m1 to lead") { first.isLeading }

        let second = ZooKeeperMasterContender(url: url, info: info("m2", port: 5002), sessionTimeout: .seconds(4), logger: logger)
        let secondRun = Task { await second.run() }
        try await waitFor("m2 to follow m1") { second.leadership == .following(info("m1", port: 5001)) }
        #expect(!second.isLeading)
        // m1 still holds the leadership; its lease (renewed by a round trip every 4/6 s, valid
        // 2.7 s) may lapse for a moment on a loaded machine, and then holds again.
        #expect(first.leadership == .leading)
        try await waitFor("m1's lease") { first.isLeading }

        // Mesos tooling (and our detector) reads the same nodes.
        let detected = await ZooKeeperMasterDetector(url: url, logger: logger).currentLeader(timeout: .seconds(10))
        #expect(detected?.id == "m1")

        // The leader withdraws: its node goes with its session, and m2 leads.
        firstRun.cancel()
        await firstRun.value
        #expect(!first.isLeading)
        try await waitFor("m2 to lead") { second.isLeading }
        secondRun.cancel()
        await secondRun.value
    }

    @Test func aLeaderThatLosesZooKeeperStopsLeadingWithinTheSessionTimeoutAndLeadsAgainWhenItIsBack() async throws {
        let zk = try await ZooKeeperEnsemble.start()
        defer { Task { await zk.shutdown() } }
        let url = try ZooKeeperURL(parsing: zk.url(path: "/mesos"))
        let contender = ZooKeeperMasterContender(url: url, info: info("m1", port: 5001), sessionTimeout: .seconds(3), logger: logger)
        let run = Task { await contender.run() }
        try await waitFor("m1 to lead") { contender.isLeading }

        // ZooKeeper goes away: the lease lapses within the session timeout.
        await zk.stop(zk.nodes[0])
        let lost = ContinuousClock.now
        try await waitFor("the lease to lapse", timeout: .seconds(5)) { !contender.isLeading }
        #expect(ContinuousClock.now - lost <= .seconds(3))

        // ZooKeeper comes back (a restarted server restores its sessions, so the session and its
        // node may survive, or the session may have expired and the contender contends anew):
        // either way the contender leads again, and the detector agrees.
        try await zk.restart(zk.nodes[0])
        try await zk.waitUntilServing(zk.nodes[0])
        try await waitFor("m1 to lead again", timeout: .seconds(30)) { contender.isLeading }
        let detected = await ZooKeeperMasterDetector(url: url, logger: logger).currentLeader(timeout: .seconds(10))
        #expect(detected?.id == "m1")
        run.cancel()
        await run.value
    }
}
