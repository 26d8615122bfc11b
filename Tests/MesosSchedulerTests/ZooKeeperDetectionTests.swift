import Foundation
import Logging
@testable import MesosScheduler
import MesosTestKit
import MesosZooKeeper
import Testing

/// `zk://` master URLs against a real ZooKeeper server and fake masters.
@Suite(.timeLimit(.minutes(2))) struct ZooKeeperDetectionTests {
    static func masterInfoJSON(port: Int) -> [UInt8] {
        Array(#"{"id":"m-\#(port)","ip":16777343,"port":\#(port),"pid":"master@127.0.0.1:\#(port)","hostname":"127.0.0.1","address":{"hostname":"127.0.0.1","ip":"127.0.0.1","port":\#(port)}}"#.utf8)
    }

    @Test func followsTheElectedLeaderAcrossAFailover() async throws {
        let ensemble = try await ZooKeeperEnsemble.start()
        do {
            let zk = try await ZooKeeperClient.connect(url: ZooKeeperURL(parsing: ensemble.url(path: "/mesos")), logger: Logger(label: "test.zk"))
            try await zk.createPath("/mesos")
            try await FakeMaster.with { first in
                try await FakeMaster.with { second in
                    // A node that takes no part in the election must be ignored.
                    try await zk.create("/mesos/log_replicas")
                    let firstNode = try await zk.create("/mesos/json.info_", data: Self.masterInfoJSON(port: first.port), mode: [.ephemeral, .sequential])
                    let client = try SchedulerClient(configuration: testConfiguration(master: ensemble.url(path: "/mesos")))
                    let events = EventReader(client)
                    guard case .subscribed(_, _, false)? = try await events.next(within: .seconds(30)) else {
                        Issue.record("expected SUBSCRIBED")
                        return
                    }
                    #expect(first.subscribes.count == 1)

                    // The second master becomes a contender, then the leader when the first one's node goes.
                    _ = try await zk.create("/mesos/json.info_", data: Self.masterInfoJSON(port: second.port), mode: [.ephemeral, .sequential])
                    try await zk.delete(firstNode)
                    guard case .disconnected(let reason)? = try await events.next(within: .seconds(30)) else {
                        Issue.record("expected DISCONNECTED")
                        return
                    }
                    #expect(reason.contains("leading master changed"))
                    guard case .subscribed(_, _, true)? = try await events.next(within: .seconds(30)) else {
                        Issue.record("expected a re-registration")
                        return
                    }
                    #expect(second.subscribes.count == 1)
                    #expect(second.subscribes.first?.call.frameworkID == first.frameworkID)
                    await client.shutdown()
                }
            }
            await zk.close()
        } catch {
            await ensemble.shutdown()
            throw error
        }
        await ensemble.shutdown()
    }
}
