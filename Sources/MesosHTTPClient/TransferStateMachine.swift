/// The state one transfer shares between libcurl's thread and the Swift tasks awaiting it.
///
/// A pure value: each event returns what to do (which waiter to resume with what, whether to pause,
/// unpause or remove the transfer); the caller performs those actions outside the lock that guards
/// the state. Generic over the waiter types so tests can drive it without continuations.
///
/// Backpressure: body chunks are buffered until `bufferLimit` bytes are waiting; the next chunk
/// pauses the transfer (libcurl keeps that chunk and delivers it again after unpausing). Once the
/// consumer has drained the buffer to half the limit, ``takeChunk()`` asks for an unpause.
struct TransferStateMachine<HeadWaiter, ChunkWaiter> {
    enum Outcome: Equatable {
        case finished
        case failed(HTTPClientError)
    }

    /// The answer to a consumer asking for the next body chunk.
    enum TakeResult: Equatable {
        case chunk([UInt8], unpause: Bool)
        case end
        case failed(HTTPClientError)
        case mustWait
    }

    enum HeadRegistration {
        case submit
        case fail(HeadWaiter, HTTPClientError)
    }

    enum ChunkWait {
        case wait
        case resume(ChunkWaiter, TakeResult)
    }

    enum BodyAction {
        case accept
        case deliver(ChunkWaiter, [UInt8])
        case pause
        case abort
    }

    struct Wakeups {
        var head: (HeadWaiter, HTTPClientError)?
        var chunk: (ChunkWaiter, TakeResult)?
    }

    struct Cancellation {
        var head: HeadWaiter?
        var chunk: ChunkWaiter?
        var error: HTTPClientError
        /// Whether the transfer was still running and must be removed from libcurl.
        var removeTransfer: Bool
    }

    let bufferLimit: Int
    private var headWaiter: HeadWaiter?
    private var chunkWaiter: ChunkWaiter?
    private var buffer: [[UInt8]] = []
    private var bufferStart = 0
    private(set) var bufferedBytes = 0
    private(set) var isPaused = false
    private(set) var outcome: Outcome?

    init(bufferLimit: Int) {
        self.bufferLimit = max(1, bufferLimit)
    }

    // MARK: - Consumer side

    /// Registers the task waiting for the response head; fails it at once when already cancelled.
    mutating func registerHeadWaiter(_ waiter: HeadWaiter) -> HeadRegistration {
        if case .failed(let error) = outcome { return .fail(waiter, error) }
        headWaiter = waiter
        return .submit
    }

    /// The next buffered chunk, the end of the body, its failure, or `mustWait`.
    mutating func takeChunk() -> TakeResult {
        if bufferStart < buffer.count {
            let chunk = buffer[bufferStart]
            buffer[bufferStart] = []
            bufferStart += 1
            bufferedBytes -= chunk.count
            if bufferStart == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                bufferStart = 0
            } else if bufferStart >= 32, bufferStart * 2 >= buffer.count {
                buffer.removeFirst(bufferStart)
                bufferStart = 0
            }
            var unpause = false
            if isPaused, bufferedBytes <= bufferLimit / 2 {
                isPaused = false
                unpause = true
            }
            return .chunk(chunk, unpause: unpause)
        }
        switch outcome {
        case .finished: return .end
        case .failed(let error): return .failed(error)
        case nil: return .mustWait
        }
    }

    /// Parks `waiter` until a chunk or the end arrives, or answers it at once.
    mutating func waitForChunk(_ waiter: ChunkWaiter) -> ChunkWait {
        guard chunkWaiter == nil else {
            return .resume(waiter, .failed(.invalidRequest(reason: "a response body can be iterated by one task at a time")))
        }
        let result = takeChunk()
        if case .mustWait = result {
            chunkWaiter = waiter
            return .wait
        }
        return .resume(waiter, result)
    }

    /// Stops the exchange on behalf of the consumer (task cancelled, body dropped, client shut down).
    /// Buffered chunks are discarded.
    mutating func cancel(_ error: HTTPClientError) -> Cancellation {
        buffer = []
        bufferStart = 0
        bufferedBytes = 0
        let wasRunning = outcome == nil
        if case .failed(let earlier) = outcome {
            return Cancellation(head: nil, chunk: nil, error: earlier, removeTransfer: false)
        }
        outcome = .failed(error)
        defer {
            headWaiter = nil
            chunkWaiter = nil
        }
        return Cancellation(head: headWaiter, chunk: chunkWaiter, error: error, removeTransfer: wasRunning)
    }

    // MARK: - libcurl side

    /// The response head arrived: returns the task to resume with it.
    mutating func receivedHead() -> HeadWaiter? {
        guard outcome == nil else { return nil }
        defer { headWaiter = nil }
        return headWaiter
    }

    /// A body chunk arrived: hand it to a waiting consumer, buffer it, pause, or abort when cancelled.
    mutating func receivedBody(_ chunk: [UInt8]) -> BodyAction {
        guard outcome == nil else { return .abort }
        if let waiter = chunkWaiter {
            chunkWaiter = nil
            return .deliver(waiter, chunk)
        }
        if bufferedBytes >= bufferLimit {
            isPaused = true
            return .pause
        }
        buffer.append(chunk)
        bufferedBytes += chunk.count
        return .accept
    }

    /// The transfer ended: returns the waiters to resume. Buffered chunks stay readable.
    mutating func completed(_ result: Outcome) -> Wakeups {
        guard outcome == nil else { return Wakeups() }
        outcome = result
        var wakeups = Wakeups()
        if let waiter = headWaiter {
            headWaiter = nil
            let error: HTTPClientError = switch result {
            case .failed(let error): error
            case .finished: .transport(code: 8, message: "the response ended before its headers were complete")
            }
            wakeups.head = (waiter, error)
        }
        if let waiter = chunkWaiter {
            chunkWaiter = nil
            wakeups.chunk = (waiter, takeChunk())
        }
        return wakeups
    }
}
