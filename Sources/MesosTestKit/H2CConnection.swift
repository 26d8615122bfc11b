import HTTPTypes
import NIOCore
import NIOHTTP2
import NIOHTTPTypes
import NIOHTTPTypesHTTP2
import NIOPosix

/// One HTTP/2 connection without TLS (prior knowledge) to a swift-mesos master, over NIO: many
/// requests and subscription streams share it, one HTTP/2 stream each. The load generator's
/// simulated agents use it to hold more agents than the master or the generator have file
/// descriptors; tests use it to check the master's HTTP/2. (libcurl 7.88, Debian 12's, does not
/// multiplex HTTP/2 with prior knowledge: a second transfer on a connection never starts; hence
/// NIO here.) Streams beyond the master's limit of 100 at once wait in NIO until one ends.
public final class H2CConnection: Sendable {
    typealias Multiplexer = NIOHTTP2Handler.AsyncStreamMultiplexer<Void>

    /// A response whose head arrived; `body` yields its chunks until the stream ends.
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPFields
        public var body: AsyncThrowingStream<[UInt8], any Error>
        /// Resets the stream (the response is abandoned).
        public var cancel: @Sendable () -> Void
    }

    private let channel: any Channel
    private let multiplexer: Multiplexer
    private let authority: String

    private init(channel: any Channel, multiplexer: Multiplexer, authority: String) {
        self.channel = channel
        self.multiplexer = multiplexer
        self.authority = authority
    }

    /// Connects to `host:port` and starts HTTP/2 on the connection.
    public static func connect(
        host: String, port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> H2CConnection {
        let (channel, multiplexer) = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let multiplexer = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(mode: .client) { stream in
                        stream.eventLoop.makeSucceededVoidFuture()
                    }
                    return (channel, multiplexer)
                }
            }
        return H2CConnection(channel: channel, multiplexer: multiplexer, authority: "\(host):\(port)")
    }

    /// Sends a request on a new stream and returns once the response head has arrived.
    public func send(method: HTTPRequest.Method, path: String, headers: HTTPFields, body: [UInt8]) async throws -> Response {
        let stream = try await multiplexer.openStream { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTPClientCodec())
                return try NIOAsyncChannel<HTTPResponsePart, HTTPRequestPart>(wrappingChannelSynchronously: channel)
            }
        }
        var requestHead = HTTPRequest(method: method, scheme: "http", authority: authority, path: path)
        requestHead.headerFields = headers
        requestHead.headerFields[.contentLength] = "\(body.count)"
        let request = requestHead
        let (chunks, chunkSink) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let streamChannel = stream.channel
        chunkSink.onTermination = { _ in streamChannel.close(promise: nil) }
        let head: (HTTPResponse?, any Error)? = await withCheckedContinuation { (headSink: CheckedContinuation<(HTTPResponse?, any Error)?, Never>) in
            Task {
                var headSink: CheckedContinuation<(HTTPResponse?, any Error)?, Never>? = headSink
                do {
                    try await stream.executeThenClose { inbound, outbound in
                        try await outbound.write(.head(request))
                        if !body.isEmpty { try await outbound.write(.body(ByteBuffer(bytes: body))) }
                        try await outbound.write(.end(nil))
                        for try await part in inbound {
                            switch part {
                            case .head(let response):
                                if response.status.kind == .informational { continue }
                                headSink?.resume(returning: (response, CancellationError()))
                                headSink = nil
                            case .body(let buffer):
                                chunkSink.yield(Array(buffer.readableBytesView))
                            case .end:
                                break
                            }
                        }
                    }
                    headSink?.resume(returning: (nil, H2CConnectionError.streamEndedWithoutResponse))
                    chunkSink.finish()
                } catch {
                    headSink?.resume(returning: (nil, error))
                    chunkSink.finish(throwing: error)
                }
            }
        }
        guard let head, let response = head.0 else {
            chunkSink.finish()
            throw head?.1 ?? H2CConnectionError.streamEndedWithoutResponse
        }
        return Response(status: response.status.code, headers: response.headerFields, body: chunks) {
            streamChannel.close(promise: nil)
        }
    }

    /// Sends a request and reads the whole response (at most `limit` body bytes). The response is
    /// collected on the stream's event loop (``H2CResponseCollector``).
    public func execute(method: HTTPRequest.Method, path: String, headers: HTTPFields, body: [UInt8], limit: Int = 1 << 20) async throws -> (status: Int, body: [UInt8]) {
        var requestHead = HTTPRequest(method: method, scheme: "http", authority: authority, path: path)
        requestHead.headerFields = headers
        requestHead.headerFields[.contentLength] = "\(body.count)"
        let request = requestHead
        let promise = channel.eventLoop.makePromise(of: (status: Int, body: [UInt8]).self)
        let stream: any Channel
        do {
            stream = try await multiplexer.openStream { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTPClientCodec())
                    try channel.pipeline.syncOperations.addHandler(H2CResponseCollector(promise: promise, limit: limit))
                    return channel
                }
            }
        } catch {
            promise.fail(error)
            throw error
        }
        stream.eventLoop.execute {
            stream.write(HTTPRequestPart.head(request), promise: nil)
            if !body.isEmpty { stream.write(HTTPRequestPart.body(ByteBuffer(bytes: body)), promise: nil) }
            stream.writeAndFlush(HTTPRequestPart.end(nil)).whenFailure { error in
                promise.fail(error)
                stream.close(promise: nil)
            }
        }
        return try await promise.futureResult.get()
    }

    /// Whether the connection is still open.
    public var isOpen: Bool { channel.isActive }

    public func close() async {
        try? await channel.close()
    }
}

public enum H2CConnectionError: Error, CustomStringConvertible {
    case streamEndedWithoutResponse
    case bodyTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .streamEndedWithoutResponse: "the HTTP/2 stream ended before a response head"
        case .bodyTooLarge(let limit): "the response body is larger than \(limit) bytes"
        }
    }
}
