import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Reads one HTTP/2 stream's response whole, on its event loop, and completes `promise` with its
/// status and body (``H2CConnection/execute(method:path:headers:body:limit:)``): no Swift task,
/// async sequence or continuation per request, which the load generator's 50,000 agents pay for
/// every PONG and status update.
final class H2CResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPResponsePart

    private let promise: EventLoopPromise<(status: Int, body: [UInt8])>
    private let limit: Int
    private var status: Int?
    private var body: [UInt8] = []
    private var completed = false

    init(promise: EventLoopPromise<(status: Int, body: [UInt8])>, limit: Int) {
        self.promise = promise
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !completed else { return }
        switch unwrapInboundIn(data) {
        case .head(let response):
            if response.status.kind != .informational { status = response.status.code }
        case .body(let buffer):
            body += buffer.readableBytesView
            if body.count > limit {
                fail(H2CConnectionError.bodyTooLarge(limit: limit))
                context.close(promise: nil)
            }
        case .end:
            if let status {
                completed = true
                promise.succeed((status, body))
            } else {
                fail(H2CConnectionError.streamEndedWithoutResponse)
                context.close(promise: nil)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(H2CConnectionError.streamEndedWithoutResponse)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        guard !completed else { return }
        completed = true
        promise.fail(error)
    }
}
