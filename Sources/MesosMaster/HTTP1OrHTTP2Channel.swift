import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP2
import NIOHTTPTypesHTTP2

/// The master's connections: HTTP/1.1, as Mesos clients speak it, or HTTP/2 with prior knowledge
/// on the same port (``HTTPVersionDetector`` tells them apart by the first bytes). HTTP/2 lets a
/// client multiplex many requests and subscription streams over one connection: a process
/// simulating thousands of agents needs a few connections instead of one per agent's stream.
/// HTTP/1 requests go to Hummingbird's responder, each connection in a task; an HTTP/2 stream is
/// served by an ``HTTP2StreamHandler`` on the event loop, with a task only while a request is
/// answered (a subscription's stream holds none). An HTTP/2 connection carries at most 100
/// streams at once (NIO's default `SETTINGS_MAX_CONCURRENT_STREAMS`).
struct HTTP1OrHTTP2Channel: ServerChildChannel {
    typealias Detector = HTTPVersionDetector<HTTP1Channel.Value, any Channel>

    struct Value: ServerChildChannelValue {
        let detected: EventLoopFuture<Detector.Detected>
        let channel: any Channel
    }

    private let http1: HTTP1Channel
    private let streamResponder: HTTP2StreamHandler.Responder
    private let maxBodyBytes: Int
    private let idleTimeout: TimeAmount?

    /// `idleTimeout`: how long a connection may go without a request under way (HTTP/1) or an open
    /// stream (HTTP/2) before it is closed; also how long a new connection may take to send its
    /// first bytes. `maxBodyBytes`: the most of an HTTP/2 request's body kept (the responder
    /// refuses a larger one).
    init(
        responder: @escaping HTTPChannelHandler.Responder, streamResponder: @escaping HTTP2StreamHandler.Responder,
        maxBodyBytes: Int, idleTimeout: TimeAmount?
    ) {
        http1 = HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout))
        self.streamResponder = streamResponder
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeout = idleTimeout
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let http1 = http1
        let streamResponder = streamResponder
        let maxBodyBytes = maxBodyBytes
        let idleTimeout = idleTimeout
        return channel.eventLoop.makeCompletedFuture {
            let detector = Detector(
                eventLoop: channel.eventLoop, timeout: idleTimeout,
                http1: { channel in http1.setup(channel: channel, logger: logger) },
                http2: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(FlushCoalescingHandler())
                        let closer = HTTP2ConnectionCloser(idleTimeout: idleTimeout, eventLoop: channel.eventLoop)
                        _ = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
                            mode: .server, connectionConfiguration: .init(), streamConfiguration: .init(),
                            streamDelegate: closer.streamDelegate
                        ) { streamChannel in
                            streamChannel.eventLoop.makeCompletedFuture {
                                try streamChannel.pipeline.syncOperations.addHandlers(
                                    HTTP2FramePayloadToHTTPServerCodec(),
                                    HTTP2StreamHandler(responder: streamResponder, maxBodyBytes: maxBodyBytes, logger: logger))
                            }
                        }
                        try channel.pipeline.syncOperations.addHandler(closer)
                        return channel
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
                // The streams are served on the event loop; this task only lasts as long as the connection.
                try await withTaskCancellationHandler {
                    try await connection.closeFuture.get()
                } onCancel: {
                    connection.close(promise: nil)
                }
            }
        } catch {
            logger.trace("Connection ended: \(error)")
        }
    }
}
