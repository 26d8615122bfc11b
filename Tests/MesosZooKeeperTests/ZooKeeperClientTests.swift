import Logging
import MesosTestKit
import MesosZooKeeper
import Testing

/// Against a real ZooKeeper server started by the test kit.
@Suite(.serialized)
struct ZooKeeperClientTests {
    let logger = Logger(label: "test.zk")

    @Test func createGetSetDeleteAgainstRealServer() async throws {
        let ensemble = try await ZooKeeperEnsemble.start()
        defer { Task { await ensemble.shutdown() } }
        let client = try await ZooKeeperClient.connect(url: ZooKeeperURL(parsing: ensemble.url(path: "/mesos")), logger: logger)
        #expect(client.state == .connected)
        #expect(client.sessionID != 0)

        try await client.createPath("/mesos/a/b")
        let created = try await client.create("/mesos/a/b/node", data: Array("hello".utf8))
        #expect(created == "/mesos/a/b/node")
        let (data, stat) = try await client.get("/mesos/a/b/node")
        #expect(String(decoding: data, as: UTF8.self) == "hello")
        #expect(stat.version == 0)
        #expect(stat.ephemeralOwner == 0)

        // Compare-and-set: the right version wins, a stale one loses.
        let updated = try await client.set("/mesos/a/b/node", data: Array("v1".utf8), version: 0)
        #expect(updated.version == 1)
        await #expect(throws: ZooKeeperError.self) {
            try await client.set("/mesos/a/b/node", data: Array("stale".utf8), version: 0)
        }
        do {
            try await client.set("/mesos/a/b/node", data: [], version: 0)
            Issue.record("a stale version must fail")
        } catch let error as ZooKeeperError {
            #expect(error.isBadVersion)
        }

        #expect(try await client.children("/mesos/a/b") == ["node"])
        try await client.delete("/mesos/a/b/node", version: 1)
        #expect(try await client.exists("/mesos/a/b/node") == nil)
        do {
            _ = try await client.get("/mesos/a/b/node")
            Issue.record("get of a deleted node must fail")
        } catch let error as ZooKeeperError {
            #expect(error.isNoNode)
            #expect(error.description.contains("/mesos/a/b/node"))
        }
        do {
            try await client.create("/mesos/a")
            Issue.record("creating an existing node must fail")
        } catch let error as ZooKeeperError {
            #expect(error.isNodeExists)
        }
        await client.close()
        #expect(client.state == .closed)
        await #expect(throws: ZooKeeperError.self) { try await client.get("/mesos") }
    }

    @Test func ephemeralSequentialNodesAndWatches() async throws {
        let ensemble = try await ZooKeeperEnsemble.start()
        defer { Task { await ensemble.shutdown() } }
        let url = try ZooKeeperURL(parsing: ensemble.url(path: "/mesos"))
        let watcher = try await ZooKeeperClient.connect(url: url, logger: logger)
        let contender = try await ZooKeeperClient.connect(url: url, logger: logger)
        try await watcher.createPath("/mesos")

        var changes = watcher.watchChildren("/mesos").makeAsyncIterator()
        #expect(try await changes.next() == [])

        let first = try await contender.create("/mesos/json.info_", data: Array("{}".utf8), mode: [.ephemeral, .sequential])
        let second = try await contender.create("/mesos/json.info_", data: Array("{}".utf8), mode: [.ephemeral, .sequential])
        #expect(first.hasPrefix("/mesos/json.info_"))
        #expect(first.count == "/mesos/json.info_".count + 10)
        #expect(first < second)
        let stat = try #require(try await watcher.exists(first))
        #expect(stat.ephemeralOwner == contender.sessionID)

        // The watch sees the nodes appear (possibly in one or two notifications).
        var seen: [String] = []
        while seen.count < 2, let next = try await changes.next() { seen = next }
        #expect(Set(seen) == [String(first.dropFirst("/mesos/".count)), String(second.dropFirst("/mesos/".count))])

        // Closing the contender's session deletes its ephemeral nodes, and the watch sees it.
        await contender.close()
        while !seen.isEmpty, let next = try await changes.next() { seen = next }
        #expect(seen.isEmpty)
        await watcher.close()
    }

    @Test func dataWatchFiresOnChange() async throws {
        let ensemble = try await ZooKeeperEnsemble.start()
        defer { Task { await ensemble.shutdown() } }
        let client = try await ZooKeeperClient.connect(url: ZooKeeperURL(parsing: ensemble.url(path: "/w")), logger: logger)
        try await client.create("/w", data: [1])
        let (_, _, watch) = try await client.getAndWatch("/w")
        try await client.set("/w", data: [2])
        #expect(await watch.event() == .dataChanged)
        let (stat, existsWatch) = try await client.existsAndWatch("/missing")
        #expect(stat == nil)
        try await client.create("/missing")
        #expect(await existsWatch.event() == .created)
        await client.close()
    }

    @Test func connectingToNothingFailsWithAClearError() async throws {
        let port = try FreePort.next()
        let url = try ZooKeeperURL(parsing: "zk://127.0.0.1:\(port)/mesos")
        do {
            _ = try await ZooKeeperClient.connect(url: url, connectTimeout: .milliseconds(500), logger: logger)
            Issue.record("connecting to a closed port must fail")
        } catch let error as ZooKeeperError {
            #expect(error.description.contains("Could not connect to ZooKeeper at 127.0.0.1:\(port)"))
        }
    }

    @Test func digestAuthenticationIsAccepted() async throws {
        let ensemble = try await ZooKeeperEnsemble.start()
        defer { Task { await ensemble.shutdown() } }
        let url = try ZooKeeperURL(parsing: "zk://user:secret@\(ensemble.connectString)/auth")
        let client = try await ZooKeeperClient.connect(url: url, logger: logger)
        try await client.create("/auth")
        #expect(try await client.exists("/auth") != nil)
        await client.close()
    }
}

struct ZooKeeperURLTests {
    @Test func parsesServersPathAndCredentials() throws {
        let url = try ZooKeeperURL(parsing: "zk://jdoe:pw@h1:2181,h2:2182/mesos/prod")
        #expect(url.servers == ["h1:2181", "h2:2182"])
        #expect(url.path == "/mesos/prod")
        #expect(url.credentials == ZooKeeperCredentials(user: "jdoe", password: "pw"))
        #expect(url.connectString == "h1:2181,h2:2182")
        #expect(url.description == "zk://jdoe:***@h1:2181,h2:2182/mesos/prod")
    }

    @Test(arguments: [
        ("http://h:1/m", "starting with zk://"),
        ("zk://h:2181", "znode path"),
        ("zk://h/mesos", "'h' is not host:port"),
        ("zk://h:0/mesos", "'h:0' is not host:port"),
        ("zk://,h:1/mesos", "at least one host:port"),
        ("zk://h:1/", "not a valid znode path"),
        ("zk://h:1/a//b", "not a valid znode path"),
        ("zk://@h:1/a", "credentials must be user:password"),
    ])
    func rejectsBadURLs(input: String, reason: String) {
        do {
            _ = try ZooKeeperURL(parsing: input)
            Issue.record("\(input) must be refused")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }
}
