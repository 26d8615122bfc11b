import NIOCore

/// Sends the flushes of one event-loop turn to the socket as one: a flush is passed on from a
/// task queued on the event loop, after the writes and flushes already queued there. On an
/// HTTP/2 connection, each of its streams (a subscription's event, the answer to a call) flushes
/// on its own, and each flush was one `writev` system call and one TCP segment: at 50,000 agents
/// on 1,250 connections, a sixth of the master's time. Netty's `FlushConsolidationHandler` does
/// the same.
///
/// It sits between the HTTP/2 handler and the socket, so frames are encoded as before and only
/// the system calls are merged. Writes are never held back past the flush that follows them.
final class FlushCoalescingHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = Any

    /// Whether a flush has been queued on the event loop and not yet passed on.
    private var flushQueued = false

    func flush(context: ChannelHandlerContext) {
        guard !flushQueued else { return }
        flushQueued = true
        context.eventLoop.assumeIsolated().execute {
            guard self.flushQueued else { return }  // removed meanwhile, and flushed then
            self.flushQueued = false
            context.flush()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if flushQueued {
            flushQueued = false
            context.flush()
        }
    }
}
