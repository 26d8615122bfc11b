import Logging
import NIOCore
import Synchronization

/// Stops accepting connections while `maximum` are open (see ``ConnectionLimit``), and resumes
/// when one closes: further clients wait in the listen queue, as they would for a busy server,
/// instead of the master running out of file descriptors.
///
/// It sits first in the listening channel's pipeline, where it sees each accepted connection and
/// every request to accept more (`read`), which it holds back while the limit is reached, as
/// NIO's own accept backoff does. A read accepts a few connections at once
/// (`maxMessagesPerRead`), so the count can pass `maximum` by that many; the default limit keeps
/// a reserve of descriptors for that and everything else.
final class ConnectionLimiter: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = Any
    typealias InboundOut = Any
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    let maximum: Int
    private let logger: Logger
    private let open = Atomic<Int>(0)
    private let heldBack = Atomic<Int>(0)
    /// The listening channel's context and whether a read is held back: its event loop only.
    private var context: ChannelHandlerContext?
    private var readPending = false

    init(maximum: Int, logger: Logger) {
        self.maximum = max(1, maximum)
        self.logger = logger
    }

    /// Connections open now (accepted and not yet closed).
    var openConnections: Int { open.load(ordering: .relaxed) }
    /// How many times accepting stopped because `maximum` connections were open.
    var timesLimitReached: Int { heldBack.load(ordering: .relaxed) }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let connection = unwrapInboundIn(data) as? any Channel {
            open.add(1, ordering: .relaxed)
            let loop = context.eventLoop
            connection.closeFuture.whenComplete { [self] _ in
                open.subtract(1, ordering: .relaxed)
                loop.execute { self.resumeIfBelowLimit() }
            }
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        guard open.load(ordering: .relaxed) >= maximum else {
            context.read()
            return
        }
        if !readPending {
            readPending = true
            let count = heldBack.add(1, ordering: .relaxed).newValue
            if count == 1 || count % 100 == 0 {
                logger.warning(
                    "\(maximum) connections are open (--max_connections): new ones wait until one closes (\(count) times so far); raise the open-file limit (ulimit -n) for more")
            }
        }
    }

    private func resumeIfBelowLimit() {
        guard readPending, let context, open.load(ordering: .relaxed) < maximum else { return }
        readPending = false
        context.read()
    }
}
