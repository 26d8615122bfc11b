import Foundation
import HTTPTypes
import Logging
import MesosHTTPClient
import MesosMaster
import MesosMasterCore
import MesosModel
import MesosRecordIO
import MesosTestKit
import Testing

/// The "not leader" and "recovering" paths of the front door and the slow-subscriber
/// rule, with an in-process server (fixed leadership state, small queues).
@Suite("In-process master: leadership, recovery, slow subscribers", .timeLimit(.minutes(2)))
struct LeadershipTests {
    static func withServer(
        _ leadership: any Leadership, recoveryDelay: Duration = .zero, queueCapacity: Int = 65536,
        _ body: (String, HTTPClient) async throws -> Void
    ) async throws {
        let port = try FreePort.next()
        let info = MasterInfo(id: "test-master", ip: 16_777_343, port: UInt32(port), hostname: "127.0.0.1")
        let options = MasterOptions(
            ip: "127.0.0.1", port: Int(port), hostname: "127.0.0.1", core: MasterConfiguration(masterInfo: info),
            subscriberQueueCapacity: queueCapacity)
        var server = MasterServer(options: options, leadership: leadership, logger: Logger(label: "test.server"))
        server.recoveryDelay = recoveryDelay
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let client = try HTTPClient(logger: Logger(label: "test.leadership"))
        defer { Task { await client.shutdown() } }
        let base = "http://127.0.0.1:\(port)"
        let up = try await eventually(timeout: .seconds(30)) {
            (try? await client.execute(HTTPRequest(url: base + "/health", timeout: .seconds(1))))?.status == 200
        }
        #expect(up)
        try await body(base, client)
    }

    static let subscribe = Array(#"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n"}}}"#.utf8)

    @Test func followerRedirectsToTheLeader() async throws {
        try await Self.withServer(FixedLeadership(.following(leader: "10.0.0.7:5050"))) { base, client in
            let response = try await client.execute(HTTPRequest(
                method: .post, url: base + "/api/v1/scheduler", headers: ["Content-Type": "application/json"], body: Self.subscribe))
            #expect(response.status == 307)
            #expect(response.location == "//10.0.0.7:5050/api/v1/scheduler")
            let agent = try await client.execute(HTTPRequest(
                method: .post, url: base + "/api/v1/agent", headers: ["Content-Type": "application/json"], body: Array("{}".utf8)))
            #expect(agent.status == 307)
            #expect(agent.location == "//10.0.0.7:5050/api/v1/agent")
            let redirect = try await client.execute(HTTPRequest(url: base + "/master/redirect"))
            #expect(redirect.status == 307)
            #expect(redirect.location == "//10.0.0.7:5050")
        }
    }

    @Test func noLeaderIs503() async throws {
        try await Self.withServer(FixedLeadership(.following(leader: nil))) { base, client in
            let response = try await client.execute(HTTPRequest(
                method: .post, url: base + "/api/v1/scheduler", headers: ["Content-Type": "application/json"], body: Self.subscribe))
            #expect(response.status == 503)
            #expect(response.bodyText == "No leader elected")
            #expect(try await client.execute(HTTPRequest(url: base + "/master/redirect")).status == 503)
        }
    }

    @Test func subscriberThatOverflowsItsQueueIsDisconnected() async throws {
        try await Self.withServer(StandaloneLeadership(), queueCapacity: 64) { base, client in
            let stream = try await SubscriptionStream<Scheduler.Event>(
                client: client, url: base + "/api/v1/scheduler",
                call: Scheduler.Call.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "slow", failoverTimeout: 3600)))
            let subscribed = try await stream.next { $0.type == .subscribed }
            let id = try #require(subscribed.subscribed?.frameworkID)
            // One burst of 1000 reconciliation answers cannot fit a 64-record queue.
            let reconcile = Scheduler.Call(frameworkID: id, type: .reconcile, reconcile: .init(
                tasks: (0..<1000).map { .init(taskID: TaskID("t\($0)")) }))
            let response = try await client.execute(HTTPRequest(
                method: .post, url: base + "/api/v1/scheduler",
                headers: ["Content-Type": "application/json", "Mesos-Stream-Id": stream.streamID ?? ""],
                body: Array(try MesosJSON.encode(reconcile))))
            #expect(response.status == 202)
            #expect(await stream.waitUntilFinished())
            let metrics = try await client.execute(HTTPRequest(url: base + "/metrics/snapshot"))
            let json = try JSONSerialization.jsonObject(with: Data(metrics.body)) as? [String: Any]
            #expect(json?["master/slow_subscribers_disconnected"] as? Double == 1)
            #expect(json?["master/frameworks_disconnected"] as? Double == 1)
            // The master still serves others.
            let other = try await SubscriptionStream<Scheduler.Event>(
                client: client, url: base + "/api/v1/scheduler", call: Scheduler.Call.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n")))
            #expect(try await other.next().type == .subscribed)
        }
    }

    @Test("over HTTP/2 too, a subscriber that overflows its queue is disconnected: its stream ends, the connection serves on")
    func subscriberThatOverflowsItsQueueIsDisconnectedOverHTTP2() async throws {
        try await Self.withServer(StandaloneLeadership(), queueCapacity: 64) { base, client in
            let port = try #require(Int(base.split(separator: ":").last ?? ""))
            let connection = try await H2CConnection.connect(host: "127.0.0.1", port: port)
            defer { Task { await connection.close() } }
            let json: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
            let response = try await connection.send(
                method: .post, path: "/api/v1/scheduler", headers: json,
                body: Array(#"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"slow-h2","failover_timeout":3600}}}"#.utf8))
            #expect(response.status == 200)
            let streamID = try #require(response.headers[HTTPField.Name("Mesos-Stream-Id")!])
            var records = response.body.recordIORecords().makeAsyncIterator()
            let first = try #require(try await records.next())
            let subscribed = try MesosJSON.decode(Scheduler.Event.self, from: Data(first))
            let id = try #require(subscribed.subscribed?.frameworkID)
            let reconcile = Scheduler.Call(frameworkID: id, type: .reconcile, reconcile: .init(
                tasks: (0..<1000).map { .init(taskID: TaskID("t\($0)")) }))
            var headers = json
            headers[HTTPField.Name("Mesos-Stream-Id")!] = streamID
            let (status, _) = try await connection.execute(
                method: .post, path: "/api/v1/scheduler", headers: headers, body: Array(try MesosJSON.encode(reconcile)))
            #expect(status == 202)
            // The master closes the subscription: the stream ends after what was queued before.
            var more = 0
            while try await records.next() != nil { more += 1 }
            #expect(more < 1000, "the stream carried every answer: \(more)")
            let metrics = try await client.execute(HTTPRequest(url: base + "/metrics/snapshot"))
            let values = try JSONSerialization.jsonObject(with: Data(metrics.body)) as? [String: Any]
            #expect(values?["master/slow_subscribers_disconnected"] as? Double == 1)
            #expect(values?["master/frameworks_disconnected"] as? Double == 1)
            #expect(connection.isOpen)
            #expect(try await connection.execute(method: .get, path: "/health", headers: [:], body: []).status == 200)
        }
    }

    @Test func recoveringLeaderIs503ThenServes() async throws {
        // A long recovery, so that the first request surely lands in it even on a loaded machine;
        // a call that answers at once either way (TEARDOWN of an unknown framework) so nothing hangs.
        let teardown = Array(#"{"type":"TEARDOWN","framework_id":{"value":"x"}}"#.utf8)
        try await Self.withServer(StandaloneLeadership(), recoveryDelay: .seconds(30)) { base, client in
            let during = try await client.execute(HTTPRequest(
                method: .post, url: base + "/api/v1/scheduler", headers: ["Content-Type": "application/json"], body: teardown,
                timeout: .seconds(30)))
            #expect(during.status == 503)
            #expect(during.bodyText == "Master has not finished recovery")
            let served = try await eventually(timeout: .seconds(60)) {
                let response = try await client.execute(HTTPRequest(
                    method: .post, url: base + "/api/v1/scheduler", headers: ["Content-Type": "application/json"],
                    body: teardown, timeout: .seconds(30)))
                return response.status == 400 && response.bodyText == "Framework cannot be found"
            }
            #expect(served)
        }
    }
}
