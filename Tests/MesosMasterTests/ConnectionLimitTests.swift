import Foundation
import MesosHTTPClient
import MesosMaster
import MesosTestKit
import Testing

@Suite("Connection limit")
struct ConnectionLimitTests {
    /// A GET after which the server closes the connection.
    static func get(_ path: String) -> String {
        "GET \(path) HTTP/1.1\r\nHost: master\r\nConnection: close\r\n\r\n"
    }

    @Test("the default keeps an eighth of the open-file limit in reserve, 64 to 1024 descriptors")
    func defaultLimit() {
        #expect(ConnectionLimit.default(openFiles: 1024) == 896)
        #expect(ConnectionLimit.default(openFiles: 300) == 236)
        #expect(ConnectionLimit.default(openFiles: 20000) == 18976)
        #expect(ConnectionLimit.default(openFiles: 1_048_576) == 1_047_552)
        #expect(ConnectionLimit.default(openFiles: 10) == 1)
    }

    @Test("past --max_connections new connections wait, open ones are served, and the wait ends when some close")
    func waitsAtTheLimitAndResumes() async throws {
        try await withMaster(["--max_connections=20"]) { daemon, client in
            var held: [LoopbackConnection] = []
            for _ in 0..<30 {
                held.append(try #require(LoopbackConnection(port: daemon.port)))
            }
            // The first connections were accepted and are served. Each answer closes its
            // connection, and a waiting one takes its place: the count stays at the limit.
            var values: [String: Double] = [:]
            for index in 0..<10 {
                try await Task.sleep(for: .milliseconds(500))
                #expect(held[index].send(Self.get("/metrics/snapshot")))
                let metrics = await held[index].reply(timeoutSeconds: 20)
                let body = try #require(metrics.range(of: "\r\n\r\n").map { String(metrics[$0.upperBound...]) })
                values = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Double])
                if (values["master/connections_open"] ?? 0) >= 20 { break }
            }
            #expect(values["master/connections_max"] == 20)
            let open = try #require(values["master/connections_open"])
            #expect(open >= 20 && open <= 26, "open connections: \(open)")
            #expect((values["master/connections_limit_reached"] ?? 0) >= 1)
            // The last one waits in the listen queue: no answer.
            let last = held[29]
            #expect(last.send(Self.get("/health")))
            #expect(await last.reply(timeoutSeconds: 2) == "")
            // Closing connections lets the master accept the waiting ones.
            held.removeSubrange(10..<25)
            let answer = await last.reply(timeoutSeconds: 30)
            #expect(answer.hasPrefix("HTTP/1.1 200"), "answer: \(answer.prefix(200))")
            #expect(daemon.process.isRunning)
            let health = try await client.execute(HTTPRequest(method: .get, url: daemon.baseURL + "/health", timeout: .seconds(10)))
            #expect(health.status == 200)
            _ = held
        }
    }

    @Test("an idle connection is closed after --idle_connection_timeout; a subscription stream is not")
    func idleConnectionsCloseStreamsStay() async throws {
        try await withMaster(["--idle_connection_timeout=1secs", "--heartbeat_interval=1secs"]) { daemon, _ in
            let idle = try #require(LoopbackConnection(port: daemon.port))
            let stream = try #require(LoopbackConnection(port: daemon.port))
            let body = #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"idle-test"}}}"#
            #expect(stream.send(
                "POST /api/v1/scheduler HTTP/1.1\r\nHost: master\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"))
            async let streamed = stream.read(forSeconds: 5)
            let idleResult = await idle.read(forSeconds: 20)
            #expect(idleResult.closed, "the idle connection stayed open")
            let streamResult = await streamed
            #expect(!streamResult.closed, "the subscription was closed")
            #expect(streamResult.text.contains("SUBSCRIBED"))
            #expect(streamResult.text.components(separatedBy: "HEARTBEAT").count >= 3, "\(streamResult.text.suffix(300))")
        }
    }
}
