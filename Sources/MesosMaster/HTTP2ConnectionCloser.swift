import NIOCore
import NIOHTTP2

/// Closes an HTTP/2 connection when the client has closed its side (the server's channels allow
/// half-closure, which HTTP/1 needs and HTTP/2 has no use for), and, given a `timeout`, when it
/// has had no open stream for that long, as the HTTP/1 idle timeout closes a connection with no
/// request under way: a subscription's stream is open for as long as the subscription lasts, so
/// only connections holding nothing are closed. The connection's `NIOHTTP2Handler` reports each
/// stream's creation and closing to its ``streamDelegate``.
final class HTTP2ConnectionCloser: ChannelInboundHandler {
    typealias InboundIn = Any

    /// Counts the connection's open streams for the closer, on its event loop.
    struct StreamCounter: NIOHTTP2StreamDelegate {
        let closer: NIOLoopBound<HTTP2ConnectionCloser>

        func streamCreated(_ id: HTTP2StreamID, channel: any Channel) {
            closer.value.streamOpened()
        }

        func streamClosed(_ id: HTTP2StreamID, channel: any Channel) {
            closer.value.streamClosed()
        }
    }

    private let timeout: TimeAmount?
    private let eventLoop: any EventLoop
    private var openStreams = 0
    private var timer: Scheduled<Void>?
    private var channel: (any Channel)?

    init(idleTimeout: TimeAmount?, eventLoop: any EventLoop) {
        timeout = idleTimeout
        self.eventLoop = eventLoop
    }

    var streamDelegate: StreamCounter { StreamCounter(closer: NIOLoopBound(self, eventLoop: eventLoop)) }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        if openStreams == 0 { scheduleClose() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        channel = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        context.fireChannelInactive()
    }

    private func streamOpened() {
        openStreams += 1
        timer?.cancel()
        timer = nil
    }

    private func streamClosed() {
        openStreams = max(0, openStreams - 1)
        if openStreams == 0 { scheduleClose() }
    }

    private func scheduleClose() {
        timer?.cancel()
        guard let timeout, let channel else { return }
        timer = eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }
}
