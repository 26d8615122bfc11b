import Foundation
import MesosModel
@testable import MesosScheduler
import Testing

/// Leader selection itself is MesosLeaderElection's (tested there); here: the SDK's endpoints.
@Suite struct ZooKeeperMasterElectionTests {
    @Test func endpointFromAddressThenPidThenPackedIPWithTheURLScheme() {
        let withAddress = MasterInfo(id: "m", ip: 1, port: 1, pid: "master@10.0.0.9:5999",
                                     address: Address(hostname: "m1", ip: "10.0.0.1", port: 5050))
        #expect(ZooKeeperLeaderDetector.endpoint(of: withAddress, scheme: "http") == MasterEndpoint(host: "10.0.0.1", port: 5050))
        let withPid = MasterInfo(id: "m", ip: 0, port: 0, pid: "master@10.0.0.9:5999")
        #expect(ZooKeeperLeaderDetector.endpoint(of: withPid, scheme: "https") == MasterEndpoint(scheme: "https", host: "10.0.0.9", port: 5999))
        let packed = MasterInfo(id: "m", ip: 0x0100007f, port: 5051)
        #expect(ZooKeeperLeaderDetector.endpoint(of: packed, scheme: "http") == MasterEndpoint(host: "127.0.0.1", port: 5051))
        #expect(ZooKeeperLeaderDetector.endpoint(of: MasterInfo(id: "m", ip: 0, port: 0), scheme: "http") == nil)
    }
}
