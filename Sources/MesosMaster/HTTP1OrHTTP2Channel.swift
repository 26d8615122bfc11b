import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP2

/// The master's connections: HTTP/1.1, as Mesos clients speak it, or HTTP/2 with prior knowledge
/// on the same port (``HTTPVersionDetector`` tells them apart by the first bytes). HTTP/2 lets a
/// client multiplex many requests and subscription streams over one connection: a process
/// simulating thousands of agents needs a few connections instead of one per agent's stream.
/// Both are served by the same responder; an HTTP/2 connection carries at most 100 streams at
/// once (NIO's default `SETTINGS_MAX_CONCURRENT_STREAMS`).
struct HTTP1OrHTTP2Channel: ServerChildChannel {
    typealias Connection = NIOHTTP2Handler.AsyncStreamMultiplexer<HTTP2RequestStream.Value>
    typealias Detector = HTTPVersionDetector<HTTP1Channel.Value, Connection>

    struct Value: ServerChildChannelValue {
        let detected: EventLoopFuture<Detector.Detected>
        let channel: any Channel
    }

    private let http1: HTTP1Channel
    private let stream: HTTP2RequestStream
    private let idleTimeout: TimeAmount?

    /// `idleTimeout`: how long a connection may go without a request under way (HTTP/1) or an open
    /// stream (HTTP/2) before it is closed; also how long a new connection may take to send its
    /// first bytes.
    init(responder: @escaping HTTPChannelHandler.Responder, idleTimeout: TimeAmount?) {
        http1 = HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout))
        stream = HTTP2RequestStream(responder: responder)
        self.idleTimeout = idleTimeout
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let http1 = http1
        let stream = stream
        let idleTimeout = idleTimeout
        return channel.eventLoop.makeCompletedFuture {
            let detector = Detector(
                eventLoop: channel.eventLoop, timeout: idleTimeout,
                http1: { channel in http1.setup(channel: channel, logger: logger) },
                http2: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(FlushCoalescingHandler())
                        let closer = HTTP2ConnectionCloser(idleTimeout: idleTimeout, eventLoop: channel.eventLoop)
                        let connection = try channel.pipeline.syncOperations.configureAsyncHTTP2Pipeline(
                            mode: .server, streamDelegate: closer.streamDelegate
                        ) { streamChannel in
                            stream.setup(channel: streamChannel, logger: logger)
                        }
                        try channel.pipeline.syncOperations.addHandler(closer)
                        return connection
                    }
                })
            try channel.pipeline.syncOperations.addHandler(detector)
            return Value(detected: detector.detected, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.detected.get() {
            case .http1(let connection):
                await http1.handle(value: connection, logger: logger)
            case .http2(let connection):
                try await withThrowingDiscardingTaskGroup { group in
                    for try await request in connection.inbound {
                        group.addTask { await stream.handle(value: request, logger: logger) }
                    }
                }
            }
        } catch {
            logger.trace("Connection ended: \(error)")
        }
    }
}
