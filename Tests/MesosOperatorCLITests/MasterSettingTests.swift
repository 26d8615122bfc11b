import Foundation
@testable import MesosOperatorCLI
import Testing

@Suite struct MasterAddressTests {
    @Test func parsesHostPortURLsAndLists() throws {
        #expect(try MasterAddress(parsing: "127.0.0.1:5050") == .endpoints(["http://127.0.0.1:5050"]))
        #expect(try MasterAddress(parsing: "http://m1:5050/") == .endpoints(["http://m1:5050"]))
        #expect(try MasterAddress(parsing: "https://m1:443") == .endpoints(["https://m1:443"]))
        #expect(try MasterAddress(parsing: "m1:5050, http://m2:5051") == .endpoints(["http://m1:5050", "http://m2:5051"]))
        #expect(try MasterAddress(parsing: "master@10.0.0.1:5050") == .endpoints(["http://10.0.0.1:5050"]))
    }

    @Test func parsesZooKeeperURLs() throws {
        guard case .zooKeeper(let url) = try MasterAddress(parsing: "zk://z1:2181,z2:2181/mesos") else {
            Issue.record("expected a zk:// address")
            return
        }
        #expect(url.servers == ["z1:2181", "z2:2181"])
        #expect(url.path == "/mesos")
    }

    @Test(arguments: ["", "localhost", "host:0", "host:70000", ":5050", "a:5050,", "zk://host:2181", "host:port"])
    func refusesWhatIsNotAnAddress(_ text: String) {
        #expect(throws: OperatorCLIError.self) { try MasterAddress(parsing: text) }
    }
}

@Suite struct MasterSettingTests {
    let noFile: (String) -> Data? = { _ in nil }

    @Test func theFlagWinsOverTheEnvironmentAndTheFile() throws {
        let setting = try MasterSetting.resolve(flag: "m1:1", environment: ["MESOS_MASTER": "m2:2", "HOME": "/h"]) { _ in
            Data(#"{"master": "m3:3"}"#.utf8)
        }
        #expect(setting == MasterSetting(address: .endpoints(["http://m1:1"]), source: .flag))
    }

    @Test func theEnvironmentWinsOverTheFile() throws {
        let setting = try MasterSetting.resolve(flag: nil, environment: ["MESOS_MASTER": "m2:2", "HOME": "/h"]) { _ in
            Data(#"{"master": "m3:3"}"#.utf8)
        }
        #expect(setting.source == .environment)
        #expect(setting.address == .endpoints(["http://m2:2"]))
    }

    @Test func theConfigFileInHomeIsRead() throws {
        let setting = try MasterSetting.resolve(flag: nil, environment: ["HOME": "/home/op"]) { path in
            path == "/home/op/.swift-mesos.json" ? Data(#"{"master": "zk://z:2181/mesos"}"#.utf8) : nil
        }
        #expect(setting.source == .configFile("/home/op/.swift-mesos.json"))
        guard case .zooKeeper = setting.address else {
            Issue.record("expected zk://")
            return
        }
    }

    @Test func theDefaultIsTheLocalMaster() throws {
        let setting = try MasterSetting.resolve(flag: nil, environment: ["HOME": "/nowhere"], readFile: noFile)
        #expect(setting == MasterSetting(address: .endpoints(["http://127.0.0.1:5050"]), source: .defaultValue))
    }

    @Test func errorsNameWhereTheBadValueCameFrom() {
        #expect(throws: OperatorCLIError("--master: 'nope' is not host:port (e.g. 127.0.0.1:5050 or zk://host:2181/mesos)")) {
            try MasterSetting.resolve(flag: "nope", environment: [:], readFile: noFile)
        }
        #expect(throws: OperatorCLIError("MESOS_MASTER: 'nope' is not host:port (e.g. 127.0.0.1:5050 or zk://host:2181/mesos)")) {
            try MasterSetting.resolve(flag: nil, environment: ["MESOS_MASTER": "nope"], readFile: noFile)
        }
        #expect(throws: OperatorCLIError("/h/.swift-mesos.json is not valid JSON: expected {\"master\": \"host:port\"}")) {
            try MasterSetting.resolve(flag: nil, environment: ["HOME": "/h"]) { _ in Data("{master".utf8) }
        }
        #expect(throws: OperatorCLIError("/h/.swift-mesos.json has no \"master\" string: expected {\"master\": \"host:port\"}")) {
            try MasterSetting.resolve(flag: nil, environment: ["HOME": "/h"]) { _ in Data(#"{"leader": "a:1"}"#.utf8) }
        }
        #expect(throws: OperatorCLIError("/h/.swift-mesos.json must hold a JSON object: {\"master\": \"host:port\"}")) {
            try MasterSetting.resolve(flag: nil, environment: ["HOME": "/h"]) { _ in Data("[1]".utf8) }
        }
    }

    @Test func redirectLocationsNameTheLeader() {
        #expect(MasterRedirect.leaderBase(location: "//10.0.0.2:5050/master/state") == "http://10.0.0.2:5050")
        #expect(MasterRedirect.leaderBase(location: "//m2:5050") == "http://m2:5050")
        #expect(MasterRedirect.leaderBase(location: "https://m2:5050/x?y", scheme: "http") == "https://m2:5050")
        #expect(MasterRedirect.leaderBase(location: "/relative") == nil)
        #expect(MasterRedirect.leaderBase(location: "//") == nil)
    }
}
