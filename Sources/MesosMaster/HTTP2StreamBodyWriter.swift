import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Writes a response's head and body to an HTTP/2 stream through its ``HTTP2StreamHandler``, from
/// the task that answered the request. The head goes out with the first part of the body. A body
/// of known length (every response but a stream's) is gathered and written at `finish`, or in
/// pieces of `chunkBytes` (each awaited: a client that reads slowly slows its writer): a small
/// response is one write to the event loop, not three. A body of unknown length (a stream) is
/// written as it comes.
struct HTTP2StreamBodyWriter: ResponseBodyWriter {
    static let chunkBytes = 1 << 20

    let handler: NIOLoopBound<HTTP2StreamHandler>
    let eventLoop: any EventLoop
    private var head: HTTPResponse?
    private let deferWrites: Bool
    private var pending: [HTTPResponsePart] = []
    private var pendingBytes = 0

    init(handler: NIOLoopBound<HTTP2StreamHandler>, eventLoop: any EventLoop, head: HTTPResponse, deferWrites: Bool) {
        self.handler = handler
        self.eventLoop = eventLoop
        self.head = head
        self.deferWrites = deferWrites
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        takeHead()
        pending.append(.body(buffer))
        pendingBytes += buffer.readableBytes
        if !deferWrites || pendingBytes >= Self.chunkBytes {
            try await send(ended: false)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        takeHead()
        pending.append(.end(trailingHeaders))
        try await send(ended: true)
    }

    private mutating func takeHead() {
        if let head {
            pending.append(.head(head))
            self.head = nil
        }
    }

    private mutating func send(ended: Bool) async throws {
        let parts = pending
        pending = []
        pendingBytes = 0
        let promise = eventLoop.makePromise(of: Void.self)
        let handler = handler
        eventLoop.execute { handler.value.write(parts, ended: ended, promise: promise) }
        try await promise.futureResult.get()
    }
}
