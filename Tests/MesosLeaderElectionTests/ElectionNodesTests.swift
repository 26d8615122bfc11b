import Foundation
import MesosLeaderElection
import MesosModel
import Testing

struct ElectionNodesTests {
    @Test func lowestNumericSequenceLeads() {
        #expect(ElectionNodes.leader(in: ["json.info_0000000012", "json.info_0000000003", "log_replicas"]) == "json.info_0000000003")
        #expect(ElectionNodes.leader(in: ["log_replicas", "json.info_x"]) == nil)
        #expect(ElectionNodes.leader(in: []) == nil)
        #expect(ElectionNodes.sequence(of: "json.info_0000000042") == 42)
        #expect(ElectionNodes.sequence(of: "json.info_") == nil)
        #expect(ElectionNodes.sequence(of: "noseparator") == nil)
    }

    @Test func endpointPrefersAddressThenPidThenPackedIP() throws {
        let json = """
            {"id":"m","ip":16777226,"port":5050,"pid":"master@10.0.0.1:5050","hostname":"m1","version":"1.11.0",
             "address":{"hostname":"m1","ip":"10.0.0.1","port":5050}}
            """
        let full = try MesosJSON.decode(MasterInfo.self, from: Data(json.utf8))
        #expect(full.endpoint == "10.0.0.1:5050")
        var pidOnly = full
        pidOnly.address = nil
        pidOnly.pid = "master@10.0.0.2:5051"
        #expect(pidOnly.endpoint == "10.0.0.2:5051")
        pidOnly.pid = nil
        #expect(pidOnly.endpoint == "10.0.0.1:5050")
        var hostnameOnly = full
        hostnameOnly.address = Address(hostname: "m1", ip: nil, port: 5050)
        #expect(hostnameOnly.endpoint == "m1:5050")
    }
}
