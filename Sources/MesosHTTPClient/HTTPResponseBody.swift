/// The body of a streaming response: byte chunks delivered as they arrive from the network.
///
/// Iterate it from one task at a time. Cancelling the iterating task, calling ``cancel()``, or
/// releasing every copy of the body (and of its ``HTTPStreamingResponse``) and its iterators aborts
/// the transfer and closes its connection. A slow consumer pauses the transfer once
/// ``HTTPClientConfiguration/streamBufferLimit`` bytes wait to be read. Errors are
/// ``HTTPClientError``s; after an error or the end the iterator returns `nil`.
public struct HTTPResponseBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let stream: BodyStream

    init(transfer: CurlTransfer) {
        stream = BodyStream(transfer: transfer)
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: stream)
    }

    /// Aborts the transfer; a pending or later `next()` throws ``HTTPClientError/cancelled``.
    public func cancel() {
        stream.transfer.cancel(.cancelled)
    }

    /// Reads the rest of the body into one array, failing past `limit` bytes.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self {
            guard bytes.count + chunk.count <= limit else {
                cancel()
                throw HTTPClientError.bodyTooLarge(limit: limit)
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Yields the body's chunks in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let stream: BodyStream
        private var isDone = false

        init(stream: BodyStream) {
            self.stream = stream
        }

        public mutating func next() async throws -> [UInt8]? {
            guard !isDone else { return nil }
            do {
                guard let chunk = try await stream.transfer.nextChunk() else {
                    isDone = true
                    return nil
                }
                return chunk
            } catch {
                isDone = true
                throw error
            }
        }
    }
}

/// Keeps a streaming transfer alive while its body can still be read; aborts it when released.
final class BodyStream: Sendable {
    let transfer: CurlTransfer

    init(transfer: CurlTransfer) {
        self.transfer = transfer
    }

    deinit {
        transfer.cancel(.cancelled)  // a no-op when the transfer already ended
    }
}
