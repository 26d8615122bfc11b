import CMesosShims
import Logging
import Synchronization

/// One HTTP exchange: its libcurl easy handle and the state shared with the tasks awaiting it.
///
/// A transfer whose whole response is wanted (``HTTPClient/execute(_:)``) holds its head back until
/// the body is complete (or until the body fills the buffer), so the waiting task is woken once
/// per request rather than for the head, each body chunk and the end: each wakeup from the curl
/// thread costs a thread-pool wakeup and a context switch.
///
/// Thread confinement: `easy`, `headerList`, `errorBuffer`, `headParser`, `headDelivered`,
/// `heldHead` and `pendingError` are touched only on the ``CurlEventLoop`` thread (inside libcurl
/// callbacks or loop commands). Everything shared with Swift tasks lives in `state`, behind a mutex; waiters
/// are resumed after the lock is released.
final class CurlTransfer: @unchecked Sendable {
    typealias HeadContinuation = CheckedContinuation<ResponseHead, any Error>
    typealias ChunkContinuation = CheckedContinuation<[UInt8]?, any Error>

    let request: PreparedRequest
    let logger: Logger
    private let loop: CurlEventLoop
    private let state: Mutex<TransferStateMachine<HeadContinuation, ChunkContinuation>>

    private(set) var easy: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headParser: ResponseHeadParser
    private var headDelivered = false
    private var pendingError: HTTPClientError?
    private let holdsHeadUntilEnd: Bool
    /// The complete head, held back until the body is complete (``holdsHeadUntilEnd``).
    private var heldHead: ResponseHead?

    init(request: PreparedRequest, loop: CurlEventLoop, bufferLimit: Int, holdsHeadUntilEnd: Bool = false, logger: Logger) {
        self.request = request
        self.loop = loop
        self.holdsHeadUntilEnd = holdsHeadUntilEnd
        self.logger = logger
        state = Mutex(TransferStateMachine(bufferLimit: bufferLimit))
        headParser = ResponseHeadParser(maximumBytes: request.maximumHeaderBytes)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        // Normally detached by the loop already; covers a loop that never started the transfer.
        if let easy { curl_easy_cleanup(easy) }
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    // MARK: - Consumer side (any task)

    /// Submits the transfer and waits for the response head.
    func awaitHead() async throws -> ResponseHead {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: HeadContinuation) in
                switch state.withLock({ $0.registerHeadWaiter(continuation) }) {
                case .submit:
                    loop.start(self)
                case .fail(let waiter, let error):
                    waiter.resume(throwing: error)
                }
            }
        } onCancel: {
            cancel(.cancelled)
        }
    }

    /// The next body chunk, or `nil` at the end of the body.
    func nextChunk() async throws -> [UInt8]? {
        if Task.isCancelled {
            cancel(.cancelled)
        }
        let immediate = state.withLock { $0.takeChunk() }
        if case .mustWait = immediate {} else {
            return try answer(immediate)
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: ChunkContinuation) in
                switch state.withLock({ $0.waitForChunk(continuation) }) {
                case .wait:
                    break
                case .resume(let waiter, let result):
                    waiter.resume(with: Result { try answer(result) })
                }
            }
        } onCancel: {
            cancel(.cancelled)
        }
    }

    /// Ends the exchange early: fails its waiters with `error` and removes it from libcurl.
    func cancel(_ error: HTTPClientError) {
        let cancellation = state.withLock { $0.cancel(error) }
        cancellation.head?.resume(throwing: cancellation.error)
        cancellation.chunk?.resume(throwing: cancellation.error)
        if cancellation.removeTransfer {
            logger.debug("HTTP transfer stopped early", metadata: ["url": "\(request.target.url)", "reason": "\(error)"])
            loop.remove(self)
        }
    }

    private func answer(_ result: TransferStateMachine<HeadContinuation, ChunkContinuation>.TakeResult) throws -> [UInt8]? {
        switch result {
        case .chunk(let chunk, let unpause):
            if unpause { loop.unpause(self) }
            return chunk
        case .end:
            return nil
        case .failed(let error):
            throw error
        case .mustWait:
            preconditionFailure("answer(_:) is never called for mustWait")
        }
    }

    // MARK: - Loop side (curl thread only)

    /// Whether the exchange already ended (e.g. cancelled before the loop started it).
    var hasEnded: Bool { state.withLock { $0.outcome != nil } }

    /// Configures an easy handle for this exchange: `handle` (an idle one whose options were reset)
    /// or a new one.
    func attach(reusing handle: UnsafeMutableRawPointer?) throws(HTTPClientError) -> UnsafeMutableRawPointer {
        guard let easy = handle ?? curl_easy_init() else {
            throw .transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_easy_init failed")
        }
        self.easy = easy
        let context = Unmanaged.passUnretained(self).toOpaque()
        var failures: [CURLcode] = []
        func check(_ code: CURLcode) {
            if code != CURLE_OK { failures.append(code) }
        }
        check(request.target.url.withCString { cmesos_curl_easy_setopt_string(easy, CURLOPT_URL, $0) })
        check(cmesos_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        check(cmesos_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        check(cmesos_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        check(cmesos_curl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        check(cmesos_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        check(cmesos_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds))
        if let timeout = request.timeoutMilliseconds {
            check(cmesos_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeout))
        }
        if let limit = request.maximumBodySize {
            check(cmesos_curl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limit)))
        }
        check(request.userAgent.withCString { cmesos_curl_easy_setopt_string(easy, CURLOPT_USERAGENT, $0) })
        if let credentials = request.basicAuthentication {
            check(cmesos_curl_easy_setopt_long(easy, CURLOPT_HTTPAUTH, cmesos_curlauth_basic()))
            check(credentials.username.withCString { cmesos_curl_easy_setopt_string(easy, CURLOPT_USERNAME, $0) })
            check(credentials.password.withCString { cmesos_curl_easy_setopt_string(easy, CURLOPT_PASSWORD, $0) })
        }
        configureMethodAndBody(easy, check: check)
        for line in request.headerLines {
            headerList = line.withCString { curl_slist_append(headerList, $0) }
        }
        check(cmesos_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
        check(cmesos_curl_easy_setopt_header_function(easy) { data, size, count, context in
            guard let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeaderLine(data, size * count)
        })
        check(cmesos_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context))
        check(cmesos_curl_easy_setopt_write_function(easy) { data, size, count, context in
            guard let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(data, size * count)
        })
        check(cmesos_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        if let failure = failures.first {
            let reason = CurlError.message(forCode: failure.rawValue)
            throw .transport(code: Int(failure.rawValue), message: "could not configure the transfer: \(reason)")
        }
        return easy
    }

    private func configureMethodAndBody(_ easy: UnsafeMutableRawPointer, check: (CURLcode) -> Void) {
        let method = request.method
        if method == .head {
            check(cmesos_curl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else if PreparedRequest.sendsBody(method: method, body: request.body) {
            check(cmesos_curl_easy_setopt_long(easy, CURLOPT_POST, 1))
            check(cmesos_curl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            // COPYPOSTFIELDS copies the bytes, so they need not outlive this call.
            check(request.body.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    guard let start = chars.baseAddress else {
                        return cmesos_curl_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
                    }
                    return cmesos_curl_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, start)
                }
            })
            if method != .post {
                check(method.rawValue.withCString { cmesos_curl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, $0) })
            }
        } else if method != .get {
            check(method.rawValue.withCString { cmesos_curl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, $0) })
        }
    }

    /// Gives up the easy handle (after the loop removed it from libcurl) and frees the header list.
    ///
    /// - Returns: the easy handle, for the loop to reuse or clean up; nil if it had none.
    func detach() -> UnsafeMutableRawPointer? {
        defer { easy = nil }
        curl_slist_free_all(headerList)
        headerList = nil
        return easy
    }

    /// libcurl finished the transfer with `code`.
    func complete(code: CURLcode) {
        releaseHeldHead()
        if code == CURLE_OK, !headDelivered, pendingError == nil {
            pendingError = .transport(code: 8, message: "the response ended before its headers were complete")
        }
        let outcome: TransferStateMachine<HeadContinuation, ChunkContinuation>.Outcome
        if let pendingError {
            outcome = .failed(pendingError)
        } else if code == CURLE_OK {
            outcome = .finished
        } else {
            outcome = .failed(error(for: code))
        }
        if case .failed(let error) = outcome {
            logger.debug("HTTP transfer failed", metadata: ["url": "\(request.target.url)", "error": "\(error)"])
        }
        let wakeups = state.withLock { $0.completed(outcome) }
        if let (waiter, error) = wakeups.head {
            waiter.resume(throwing: error)
        }
        if let (waiter, result) = wakeups.chunk {
            waiter.resume(with: Result { try answer(result) })
        }
    }

    /// Fails the transfer without libcurl having run it (e.g. the client shut down).
    func fail(_ error: HTTPClientError) {
        let wakeups = state.withLock { $0.completed(.failed(error)) }
        wakeups.head?.0.resume(throwing: error)
        if let (waiter, result) = wakeups.chunk {
            waiter.resume(with: Result { try answer(result) })
        }
    }

    private func error(for code: CURLcode) -> HTTPClientError {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return .couldNotResolveHost(host: request.target.host)
        case CURLE_COULDNT_CONNECT:
            return .couldNotConnect(host: request.target.host, port: request.target.port)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(url: request.target.url)
        case CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge(limit: request.maximumBodySize ?? 0)
        default:
            let detail = String(cString: errorBuffer)
            let summary = CurlError.message(forCode: code.rawValue)
            return .transport(code: Int(code.rawValue), message: detail.isEmpty ? summary : "\(summary): \(detail)")
        }
    }

    private func receiveHeaderLine(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        let line = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length)
        let event: ResponseHeadParser.Event
        do {
            event = try headParser.consume(line: line)
        } catch {
            pendingError = error
            return 0
        }
        guard case .complete(let status, let headers) = event else { return length }
        headDelivered = true
        let head = ResponseHead(status: status, headers: headers, metrics: metrics())
        if holdsHeadUntilEnd {
            heldHead = head
        } else {
            state.withLock { $0.receivedHead() }?.resume(returning: head)
        }
        return length
    }

    /// Hands a held head to its waiter.
    private func releaseHeldHead() {
        guard let head = heldHead else { return }
        heldHead = nil
        state.withLock { $0.receivedHead() }?.resume(returning: head)
    }

    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        let chunk = [UInt8](UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
        switch state.withLock({ $0.receivedBody(chunk) }) {
        case .accept:
            return length
        case .deliver(let waiter, let chunk):
            waiter.resume(returning: chunk)
            return length
        case .pause:
            // The buffer is full: the reader needs the head to start draining it.
            releaseHeldHead()
            return cmesos_curl_writefunc_pause()
        case .abort:
            return 0
        }
    }

    private func metrics() -> HTTPTransferMetrics {
        guard let easy else { return HTTPTransferMetrics(newConnectionCount: 0) }
        var connects = 0
        var localPort = 0
        var remotePort = 0
        var remoteAddress: UnsafeMutableRawPointer?
        let connectsCode = cmesos_curl_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        let localCode = cmesos_curl_easy_getinfo_long(easy, CURLINFO_LOCAL_PORT, &localPort)
        let remotePortCode = cmesos_curl_easy_getinfo_long(easy, CURLINFO_PRIMARY_PORT, &remotePort)
        let addressCode = cmesos_curl_easy_getinfo_pointer(easy, CURLINFO_PRIMARY_IP, &remoteAddress)
        return HTTPTransferMetrics(
            newConnectionCount: connectsCode == CURLE_OK ? connects : 0,
            localPort: localCode == CURLE_OK && localPort > 0 ? localPort : nil,
            remoteAddress: addressCode == CURLE_OK
                ? remoteAddress.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } : nil,
            remotePort: remotePortCode == CURLE_OK && remotePort > 0 ? remotePort : nil
        )
    }
}
