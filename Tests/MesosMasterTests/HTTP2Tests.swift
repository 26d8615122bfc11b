import Foundation
import HTTPTypes
import MesosHTTPClient
import MesosModel
import MesosRecordIO
import MesosTestKit
import Testing

@testable import MesosMaster

@Suite("HTTP/2 with prior knowledge")
struct HTTP2Tests {
    static let json: HTTPFields = [.contentType: "application/json", .accept: "application/json"]

    static func metrics(_ connection: H2CConnection) async throws -> [String: Double] {
        let (status, body) = try await connection.execute(method: .get, path: "/metrics/snapshot", headers: [:], body: [])
        #expect(status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Double])
    }

    static func agentSubscribe(_ hostname: String) -> [UInt8] {
        Array(#"{"type":"SUBSCRIBE","subscribe":{"agent_info":{"hostname":"\#(hostname)","port":5051,"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":2}}]},"version":"1.11.0"}}"#.utf8)
    }

    /// The first RecordIO record of a stream.
    static func firstRecord(_ response: H2CConnection.Response) async throws -> String {
        for try await record in response.body.recordIORecords() {
            return String(decoding: record, as: UTF8.self)
        }
        return ""
    }

    @Test("the preface is told from HTTP/1 request lines by as few bytes as it takes")
    func detection() {
        typealias Detector = HTTPVersionDetector<Int, Int>
        let preface = Detector.http2Preface
        #expect(preface.count == 24)
        #expect(Detector.isHTTP2(preface) == true)
        #expect(Detector.isHTTP2(preface + Array("more".utf8)) == true)
        #expect(Detector.isHTTP2([]) == nil)
        #expect(Detector.isHTTP2(preface.prefix(23)) == nil)
        #expect(Detector.isHTTP2(Array("PRI * HTTP/1.1".utf8)) == false)
        #expect(Detector.isHTTP2(Array("G".utf8)) == false)
        #expect(Detector.isHTTP2(Array("POST /api/v1/scheduler HTTP/1.1\r\n".utf8)) == false)
        #expect(Detector.isHTTP2(Array("PUT".utf8)) == false)
    }

    @Test("HTTP/1.1 and HTTP/2 share the port; one HTTP/2 connection carries several agents' streams and calls")
    func streamsShareOneConnection() async throws {
        try await withMaster { daemon, client in
            let connection = try await H2CConnection.connect(host: "127.0.0.1", port: Int(daemon.port))
            defer { Task { await connection.close() } }
            let (status, body) = try await connection.execute(method: .get, path: "/health", headers: [:], body: [])
            #expect(status == 200)
            #expect(String(decoding: body, as: UTF8.self).contains("leading"))

            var streams: [H2CConnection.Response] = []
            for index in 0..<5 {
                let response = try await connection.send(method: .post, path: "/api/v1/agent", headers: Self.json, body: Self.agentSubscribe("h2-\(index)"))
                #expect(response.status == 200)
                #expect(response.headers[HTTPField.Name("Mesos-Stream-Id")!] != nil)
                #expect(try await Self.firstRecord(response).contains("SUBSCRIBED"))
                streams.append(response)
            }
            let values = try await Self.metrics(connection)
            #expect(values["master/slaves_connected"] == 5)
            // This connection and the metrics request's own, at most: the agents took none.
            let open = try #require(values["master/connections_open"])
            #expect(open <= 2, "open connections: \(open)")

            // HTTP/1.1 on the same port still works.
            let http1 = try await client.execute(HTTPRequest(method: .get, url: daemon.baseURL + "/master/slaves", timeout: .seconds(10)))
            #expect(http1.status == 200)
            #expect(http1.bodyText.contains("h2-4"))

            // The state summary, whose body is sent in parts as they are written: whole over both.
            let (summaryStatus, summaryBody) = try await connection.execute(method: .get, path: "/master/state-summary", headers: [:], body: [])
            #expect(summaryStatus == 200)
            // A response larger than the caller's limit is refused, and the connection serves on.
            await #expect(throws: H2CConnectionError.self) {
                _ = try await connection.execute(method: .get, path: "/master/state-summary", headers: [:], body: [], limit: summaryBody.count - 1)
            }
            #expect(try await connection.execute(method: .get, path: "/master/state-summary", headers: [:], body: [], limit: summaryBody.count).body == summaryBody)
            let overHTTP1 = try await client.execute(HTTPRequest(method: .get, url: daemon.baseURL + "/master/state-summary", timeout: .seconds(10)))
            #expect(overHTTP1.status == 200)
            for body in [summaryBody, overHTTP1.body] {
                let summary = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
                let hostnames = try #require(summary["slaves"] as? [[String: Any]]).compactMap { $0["hostname"] as? String }
                #expect(hostnames.sorted() == (0..<5).map { "h2-\($0)" })
                #expect((summary["frameworks"] as? [Any])?.isEmpty == true)
            }

            // A call on the connection, with a stream's id: answered as over HTTP/1.
            let streamID = try #require(streams[0].headers[HTTPField.Name("Mesos-Stream-Id")!])
            var headers = Self.json
            headers[HTTPField.Name("Mesos-Stream-Id")!] = "not-\(streamID)"
            let wrongStream = try await connection.execute(
                method: .post, path: "/api/v1/agent", headers: headers,
                body: Array(#"{"type":"PONG","pong":{"agent_id":{"value":"nobody"}}}"#.utf8))
            #expect(wrongStream.status >= 400 && wrongStream.status < 500)
        }
    }

    @Test("the operator API over HTTP/2: a call is answered, SUBSCRIBE streams its events, and a reset stream ends it")
    func operatorAPIOverHTTP2() async throws {
        try await withMaster { daemon, _ in
            let connection = try await H2CConnection.connect(host: "127.0.0.1", port: Int(daemon.port))
            defer { Task { await connection.close() } }
            let health = try await connection.execute(
                method: .post, path: "/api/v1", headers: Self.json, body: Array(#"{"type":"GET_HEALTH"}"#.utf8))
            #expect(health.status == 200)
            #expect(String(decoding: health.body, as: UTF8.self).contains("\"healthy\":true"))

            let stream = try await connection.send(method: .post, path: "/api/v1", headers: Self.json, body: Array(#"{"type":"SUBSCRIBE"}"#.utf8))
            #expect(stream.status == 200)
            var records = stream.body.recordIORecords().makeAsyncIterator()
            let first = String(decoding: try #require(try await records.next()), as: UTF8.self)
            #expect(first.contains("SUBSCRIBED"))
            // An agent registers: the operator's stream carries AGENT_ADDED.
            let agent = try await connection.send(method: .post, path: "/api/v1/agent", headers: Self.json, body: Self.agentSubscribe("h2-operator"))
            #expect(agent.status == 200)
            var added = false
            while let record = try await records.next() {
                if String(decoding: record, as: UTF8.self).contains("AGENT_ADDED") { added = true; break }
            }
            #expect(added)
            stream.cancel()
            #expect(try await connection.execute(method: .get, path: "/health", headers: [:], body: []).status == 200)
            #expect(daemon.process.isRunning)
        }
    }

    @Test("over HTTP/2 too, a body past --max_request_body_size gets 413 and a bad call 400, and the connection serves on")
    func limitsAndErrorsHoldOverHTTP2() async throws {
        try await withMaster(["--max_request_body_size=1024"]) { daemon, _ in
            let connection = try await H2CConnection.connect(host: "127.0.0.1", port: Int(daemon.port))
            defer { Task { await connection.close() } }
            let large = try await connection.execute(
                method: .post, path: "/api/v1/scheduler", headers: Self.json, body: Array(repeating: UInt8(ascii: " "), count: 4096))
            #expect(large.status == 413)
            let garbled = try await connection.execute(method: .post, path: "/api/v1/scheduler", headers: Self.json, body: Array("{not json".utf8))
            #expect(garbled.status == 400)
            #expect(String(decoding: garbled.body, as: UTF8.self).contains("Failed to"))
            #expect(try await connection.execute(method: .get, path: "/health", headers: [:], body: []).status == 200)
            // More requests at once than the 100 streams a connection carries: the rest wait, all are answered.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<250 {
                    group.addTask { try await connection.execute(method: .get, path: "/health", headers: [:], body: []).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 250)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }

    @Test("a reset subscription stream disconnects its framework; the connection stays and serves")
    func resetStreamDisconnects() async throws {
        try await withMaster { daemon, _ in
            let connection = try await H2CConnection.connect(host: "127.0.0.1", port: Int(daemon.port))
            defer { Task { await connection.close() } }
            let subscribe = Array(#"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"h2","failover_timeout":60}}}"#.utf8)
            let response = try await connection.send(method: .post, path: "/api/v1/scheduler", headers: Self.json, body: subscribe)
            #expect(response.status == 200)
            #expect(try await Self.firstRecord(response).contains("SUBSCRIBED"))
            #expect(try await Self.metrics(connection)["master/frameworks_connected"] == 1)
            response.cancel()
            var values: [String: Double] = [:]
            for _ in 0..<50 {
                values = try await Self.metrics(connection)
                if values["master/frameworks_disconnected"] == 1 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(values["master/frameworks_disconnected"] == 1)
            #expect(values["master/frameworks_connected"] == 0)
            #expect(connection.isOpen)
        }
    }

    @Test("an HTTP/2 connection without streams is closed after --idle_connection_timeout; one holding a stream is not")
    func idleConnectionsClose() async throws {
        try await withMaster(["--idle_connection_timeout=2secs", "--heartbeat_interval=1secs"]) { daemon, _ in
            // The subscription's stream is opened at once: a connection without a stream for 2 s is closed.
            let busy = try await H2CConnection.connect(host: "127.0.0.1", port: Int(daemon.port))
            let subscribe = Array(#"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"h2-idle"}}}"#.utf8)
            let stream = try await busy.send(method: .post, path: "/api/v1/scheduler", headers: Self.json, body: subscribe)
            let idle = try await H2CConnection.connect(host: "127.0.0.1", port: Int(daemon.port))
            defer { Task { await idle.close(); await busy.close() } }
            #expect(try await idle.execute(method: .get, path: "/health", headers: [:], body: []).status == 200)
            for _ in 0..<150 where idle.isOpen {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(!idle.isOpen, "the idle connection stayed open")
            // The subscription outlived the idle timeout several times over: heartbeats keep coming.
            var heartbeats = 0
            for try await record in stream.body.recordIORecords() {
                if String(decoding: record, as: UTF8.self).contains("HEARTBEAT") { heartbeats += 1 }
                if heartbeats == 4 { break }
            }
            #expect(heartbeats == 4)
            #expect(busy.isOpen, "the connection with a subscription was closed")
        }
    }

    @Test("a connection that sends nothing is closed after --idle_connection_timeout; bad bytes get HTTP/1's 400")
    func silentAndGarbledConnections() async throws {
        try await withMaster(["--idle_connection_timeout=2secs"]) { daemon, _ in
            let silent = try #require(LoopbackConnection(port: daemon.port))
            #expect(await silent.read(forSeconds: 10).closed, "a silent connection stayed open")
            let garbled = try #require(LoopbackConnection(port: daemon.port))
            #expect(garbled.send("PRX * HTTP/2.0\r\n\r\nSM\r\n\r\n"))
            let reply = await garbled.reply(timeoutSeconds: 10)
            #expect(reply.hasPrefix("HTTP/1.1 400"), "reply: \(reply.prefix(100))")
            #expect(daemon.process.isRunning)
        }
    }
}
