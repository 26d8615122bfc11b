import HTTPTypes
import Hummingbird
import Logging
import MesosRecordIO
import MesosTestKit
import NIOCore

/// Signals the test server's handlers share with the tests.
final class ServerProbe: Sendable {
    /// `/stream` waits for this before writing its later chunks.
    let streamGate = Gate()
    /// Set by `/stream` just before it writes its last chunk.
    let streamWroteLastChunk = Gate()
    /// Opened when `/endless` fails to write because the client went away.
    let clientWentAway = Gate()
    /// Bytes `/firehose` has written so far.
    let firehoseWritten = Counter()
}

/// Records the client's port, to tell which connection carried a request.
struct PeerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remotePort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remotePort = source.channel.remoteAddress?.port
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for the duration of one test.
struct TestServer: Sendable {
    static let firehoseChunkSize = 64 * 1024
    static let firehoseChunkCount = 512  // 32 MiB
    static let events: [String] = (1...20).map { #"{"type":"UPDATE","sequence":\#($0),"padding":"\#(String(repeating: "x", count: $0 * 37))"}"# }

    let port: Int
    let probe: ServerProbe

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Runs `body` against a fresh server, then stops the server.
    static func with<T>(_ body: (TestServer) async throws -> T) async throws -> T {
        let probe = ServerProbe()
        let (ports, portInput) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: makeRouter(probe),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portInput.yield(channel.localAddress?.port ?? 0)
                portInput.finish()
            },
            logger: quietLogger
        )
        return try await withRunningService(app, logger: quietLogger) {
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next(), port > 0 else { throw TestServerError.didNotStart }
            return try await body(TestServer(port: port, probe: probe))
        }
    }

    private static func makeRouter(_ probe: ServerProbe) -> Router<PeerRequestContext> {
        let router = Router(context: PeerRequestContext.self)
        for method in [HTTPRequest.Method.get, .post, .put, .delete, .head] {
            router.on("/echo", method: method) { (request: Request, _: PeerRequestContext) -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 20)
                return Response(
                    status: .ok,
                    headers: [
                        .xMethod: request.method.rawValue,
                        .xSeenTest: request.headers[values: .xTest].joined(separator: ","),
                        .xSeenContentType: request.headers[.contentType] ?? "none",
                        .xSeenExpect: request.headers[.expect] ?? "none",
                    ],
                    body: ResponseBody(byteBuffer: body)
                )
            }
        }
        router.get("/status/:code") { _, context in
            let code = try context.parameters.require("code", as: Int.self)
            return Response(status: .init(code: code), body: ResponseBody(byteBuffer: ByteBuffer(string: "status \(code)")))
        }
        router.get("/redirect") { request, _ in
            Response(status: .temporaryRedirect, headers: [.location: "//\(request.head.authority ?? "")/echo"])
        }
        router.get("/peer") { _, context in
            "\(context.remotePort ?? -1)"
        }
        router.get("/auth") { request, _ in
            request.headers[.authorization] == "Basic dXNlcjpzZWNyZXQ="  // user:secret
                ? Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "welcome")))
                : Response(status: .unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"mesos\""])
        }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .seconds(5))
            return "late"
        }
        router.get("/big/:size") { _, context in
            let size = try context.parameters.require("size", as: Int.self)
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "a"), count: size)))
        }
        router.get("/big-chunked/:size") { _, context in
            let size = try context.parameters.require("size", as: Int.self)
            return Response(status: .ok, body: ResponseBody { writer in
                var remaining = size
                while remaining > 0 {
                    let piece = min(remaining, 1000)
                    try await writer.write(ByteBuffer(repeating: UInt8(ascii: "b"), count: piece))
                    remaining -= piece
                }
                try await writer.finish(nil)
            })
        }
        router.get("/huge-headers") { _, _ in
            var headers = HTTPFields()
            for index in 0..<100 {
                if let name = HTTPField.Name("X-Filler-\(index)") {
                    headers[name] = String(repeating: "f", count: 1000)
                }
            }
            return Response(status: .ok, headers: headers)
        }
        router.get("/stream") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "first;"))
                guard await probe.streamGate.wait(timeout: .seconds(30)) else { throw TestServerError.gateNeverOpened }
                try await writer.write(ByteBuffer(string: "second;"))
                probe.streamWroteLastChunk.open()
                try await writer.write(ByteBuffer(string: "third"))
                try await writer.finish(nil)
            })
        }
        router.get("/endless") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                do {
                    for tick in 0..<3000 {  // 60 s at most
                        try await writer.write(ByteBuffer(string: "tick \(tick)\n"))
                        try await Task.sleep(for: .milliseconds(20))
                    }
                } catch {
                    probe.clientWentAway.open()
                    throw error
                }
                try await writer.finish(nil)
            })
        }
        router.get("/firehose") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                for index in 0..<firehoseChunkCount {
                    try await writer.write(ByteBuffer(repeating: UInt8(index % 251), count: firehoseChunkSize))
                    probe.firehoseWritten.add(firehoseChunkSize)
                }
                try await writer.finish(nil)
            })
        }
        router.get("/events") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                var stream: [UInt8] = []
                for event in events {
                    try RecordIOEncoder.encode(Array(event.utf8), into: &stream)
                }
                // Pieces of 7 bytes, flushed separately: record boundaries fall inside chunks.
                var start = 0
                while start < stream.count {
                    let end = min(stream.count, start + 7)
                    try await writer.write(ByteBuffer(bytes: stream[start..<end]))
                    if start % 70 == 0 { try await Task.sleep(for: .milliseconds(1)) }
                    start = end
                }
                try await writer.finish(nil)
            })
        }
        return router
    }
}

enum TestServerError: Error {
    case didNotStart
    case gateNeverOpened
}

extension HTTPField.Name {
    static let xMethod = HTTPField.Name("X-Method")!
    static let xTest = HTTPField.Name("X-Test")!
    static let xSeenTest = HTTPField.Name("X-Seen-Test")!
    static let xSeenContentType = HTTPField.Name("X-Seen-Content-Type")!
    static let xSeenExpect = HTTPField.Name("X-Seen-Expect")!
}

/// A logger that discards everything, for the server and the clients under test.
let quietLogger = Logger(label: "mesos-http-client-tests") { _ in SwiftLogNoOpLogHandler() }
