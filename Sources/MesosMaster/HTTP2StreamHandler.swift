import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Serves one HTTP/2 stream (a request and its response) without a Swift task for the stream's
/// lifetime. It collects the request (at most one byte past the body limit: the responder's size
/// check then answers 413), runs the responder in a task that ends with the answer, and writes:
/// - a whole response, through ``HTTP2StreamBodyWriter``;
/// - a subscription's stream: the head, then whatever its ``SubscriberQueue`` holds each time the
///   queue wakes it, as one DATA frame, on the event loop. Nothing waits meanwhile.
///
/// At 50,000 agents each subscription's task (Hummingbird's request path and the response body's
/// writer) held about 19 KB of stack slabs; a stream now holds this handler and its queue.
/// A client that stops reading closes its flow-control window: the channel turns unwritable, the
/// handler stops taking records, and the queue overflows and is closed by the master, as over
/// HTTP/1. A stream the client resets (or whose connection closes) ends the subscription.
final class HTTP2StreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// Answers a request; `any Channel` is the stream's channel.
    typealias Responder = @Sendable (Request, any Channel) async -> MasterReply

    private let responder: Responder
    private let maxBodyBytes: Int
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var head: HTTPRequest?
    private var body = ByteBuffer()
    private var requestComplete = false
    private var responding = false
    private var subscription: OpenSubscription?
    private var subscriptionOver = false

    init(responder: @escaping Responder, maxBodyBytes: Int, logger: Logger) {
        self.responder = responder
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        endSubscription()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard self.head == nil else {
                logger.debug("A second request head on one HTTP/2 stream; resetting it")
                context.close(promise: nil)
                return
            }
            self.head = head
        case .body(var chunk):
            guard head != nil, !requestComplete, !responding else { return }
            let room = maxBodyBytes + 1 - body.readableBytes
            if chunk.readableBytes > room, let kept = chunk.readSlice(length: room) {
                chunk = kept
            }
            body.writeBuffer(&chunk)
            // Past the limit: answer now (413), without waiting for the rest.
            if body.readableBytes > maxBodyBytes { respond(context: context) }
        case .end:
            guard head != nil, !requestComplete else { return }
            requestComplete = true
            respond(context: context)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { drain() }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let subscription, !subscriptionOver {
            subscription.queue.finish()
            endSubscription()
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.trace("HTTP/2 stream failed: \(error)")
        context.close(promise: nil)
    }

    // MARK: - Answering

    private func respond(context: ChannelHandlerContext) {
        guard !responding, let head else { return }
        responding = true
        let request = Request(head: head, body: RequestBody(buffer: body))
        body = ByteBuffer()
        let channel = context.channel
        let eventLoop = context.eventLoop
        let handler = NIOLoopBound(self, eventLoop: eventLoop)
        let responder = responder
        Task {
            switch await responder(request, channel) {
            case .stream(let stream):
                eventLoop.execute { handler.value.open(stream) }
            case .response(let response):
                let writer = HTTP2StreamBodyWriter(
                    handler: handler, eventLoop: eventLoop, head: response.head,
                    deferWrites: response.body.contentLength != nil)
                do {
                    try await response.body.write(writer)
                } catch {
                    eventLoop.execute { handler.value.context?.close(promise: nil) }
                }
            }
        }
    }

    /// Writes `parts` of the response and flushes; the last part's write completes `promise`.
    /// Once the response has ended, a request still being sent is cut short (the stream is reset).
    func write(_ parts: [HTTPResponsePart], ended: Bool, promise: EventLoopPromise<Void>?) {
        guard let context else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        for (index, part) in parts.enumerated() {
            context.write(wrapOutboundOut(part), promise: index == parts.count - 1 ? promise : nil)
        }
        context.flush()
        if ended, !requestComplete { context.close(promise: nil) }
    }

    // MARK: - Subscriptions

    private func open(_ stream: OpenSubscription) {
        guard let context, context.channel.isActive else {
            stream.queue.finish()
            Task { await stream.onEnd() }
            return
        }
        subscription = stream
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: stream.headers))), promise: nil)
        context.flush()
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        stream.queue.attach { eventLoop.execute { handler.value.drain() } }
    }

    /// Writes every record queued as one chunk, and ends the response once the queue is finished.
    private func drain() {
        guard let context, let subscription, !subscriptionOver, context.channel.isWritable else { return }
        let (records, finished) = subscription.queue.take()
        if !records.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: records.reduce(0) { $0 + $1.count })
            for record in records { buffer.writeBytes(record) }
            context.write(wrapOutboundOut(.body(buffer)), promise: nil)
        }
        if finished {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            endSubscription()
        }
        context.flush()
    }

    /// Runs the subscription's `onEnd`, once.
    private func endSubscription() {
        guard let subscription, !subscriptionOver else { return }
        subscriptionOver = true
        subscription.queue.finish()
        Task { await subscription.onEnd() }
    }
}
