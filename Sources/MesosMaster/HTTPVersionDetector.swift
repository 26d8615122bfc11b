import NIOCore

/// Tells an HTTP/1.1 connection from an HTTP/2 one opened with prior knowledge (RFC 9113 §3.3,
/// what `curl --http2-prior-knowledge` and gRPC clients do without TLS) by its first bytes: an
/// HTTP/2 client starts with the fixed connection preface, which no HTTP/1 request line matches.
///
/// It buffers what arrives until the two can be told apart (at most the preface's 24 bytes), then
/// has the matching protocol's handlers added behind it, passes the buffered bytes on and removes
/// itself. A connection that sends nothing for `timeout` is closed, so an idle client cannot hold a
/// connection without ever choosing.
final class HTTPVersionDetector<HTTP1: Sendable, HTTP2: Sendable>: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    enum Detected: Sendable {
        case http1(HTTP1)
        case http2(HTTP2)
    }

    /// `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`
    static var http2Preface: [UInt8] { Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) }

    /// Whether `bytes` (the start of a connection) are HTTP/2's preface, `nil` while too few have
    /// arrived to tell.
    static func isHTTP2(_ bytes: some Collection<UInt8>) -> Bool? {
        let preface = http2Preface
        for (byte, expected) in zip(bytes, preface) where byte != expected {
            return false
        }
        return bytes.count >= preface.count ? true : nil
    }

    private let configureHTTP1: @Sendable (any Channel) -> EventLoopFuture<HTTP1>
    private let configureHTTP2: @Sendable (any Channel) -> EventLoopFuture<HTTP2>
    private let timeout: TimeAmount?
    private let promise: EventLoopPromise<Detected>
    private var received: ByteBuffer?
    /// Reads that arrived while the chosen protocol's handlers were being added.
    private var laterReads: [NIOAny] = []
    private var configuring = false
    /// The client closed its side while the chosen protocol's handlers were being added.
    private var inputClosedMeanwhile = false
    private var timer: Scheduled<Void>?

    /// The protocol once it is known and its handlers are in place; fails if the connection closes
    /// or errs before.
    var detected: EventLoopFuture<Detected> { promise.futureResult }

    init(
        eventLoop: any EventLoop,
        timeout: TimeAmount?,
        http1: @escaping @Sendable (any Channel) -> EventLoopFuture<HTTP1>,
        http2: @escaping @Sendable (any Channel) -> EventLoopFuture<HTTP2>
    ) {
        promise = eventLoop.makePromise()
        self.timeout = timeout
        configureHTTP1 = http1
        configureHTTP2 = http2
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard let timeout else { return }
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        promise.fail(ChannelError.ioOnClosedChannel)  // no-op once detected
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !configuring else {
            laterReads.append(data)
            return
        }
        var bytes = unwrapInboundIn(data)
        if received == nil {
            received = bytes
        } else {
            received!.writeBuffer(&bytes)
        }
        guard let received, let isHTTP2 = Self.isHTTP2(received.readableBytesView) else { return }
        configuring = true
        timer?.cancel()
        let channel = context.channel
        let configured: EventLoopFuture<Detected> =
            isHTTP2
            ? configureHTTP2(channel).map { .http2($0) }
            : configureHTTP1(channel).map { .http1($0) }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        configured.hop(to: context.eventLoop).whenComplete { result in
            let (detector, context) = loopBound.value
            detector.finish(context: context, result: result)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Held back with the bytes until the protocol's handlers are in place.
    }

    /// The server's channels allow half-closure: a client that closes its side before it could be
    /// told apart sent no request, and its connection is closed (as HTTP/1's handlers close one
    /// with no request under way).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let event = event as? ChannelEvent, event == .inputClosed else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if configuring {
            inputClosedMeanwhile = true
        } else {
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    private func finish(context: ChannelHandlerContext, result: Result<Detected, any Error>) {
        switch result {
        case .success(let detected):
            promise.succeed(detected)
            if let received { context.fireChannelRead(wrapInboundOut(received)) }
            received = nil
            for read in laterReads { context.fireChannelRead(read) }
            laterReads = []
            context.fireChannelReadComplete()
            if inputClosedMeanwhile { context.fireUserInboundEventTriggered(ChannelEvent.inputClosed) }
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        case .failure(let error):
            promise.fail(error)
            context.close(promise: nil)
        }
    }
}
