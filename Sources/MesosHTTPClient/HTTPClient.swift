import Logging

/// An asynchronous HTTP/1.1 and HTTP/2 client over libcurl's multi interface.
///
/// All network work runs on one dedicated OS thread, never on Swift concurrency's cooperative pool.
/// Connections are kept alive and reused across requests to the same server. Redirects are never
/// followed: a `307` is returned with its ``HTTPResponse/location``.
///
/// Call ``shutdown()`` when done; releasing the client also stops its thread, failing transfers
/// still running with ``HTTPClientError/shutDown``, so keep the client alive while streaming.
///
/// ```swift
/// let client = try HTTPClient(logger: logger)
/// let response = try await client.execute(HTTPRequest(method: .post, url: "http://127.0.0.1:5050/api/v1",
///                                                     headers: ["Content-Type": "application/json"],
///                                                     body: Array(#"{"type":"GET_HEALTH"}"#.utf8)))
/// ```
public final class HTTPClient: Sendable {
    /// The limits and defaults this client applies.
    public let configuration: HTTPClientConfiguration
    private let loop: CurlEventLoop
    private let logger: Logger

    /// Starts a client and its network thread.
    ///
    /// - Throws: ``HTTPClientError/transport(code:message:)`` when libcurl or the thread cannot be initialized.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration(), logger: Logger) throws(HTTPClientError) {
        self.configuration = configuration
        self.logger = logger
        loop = try CurlEventLoop(configuration: configuration, logger: logger)
    }

    deinit {
        loop.requestShutdown()
    }

    /// Sends `request` and returns the complete response, whatever its status code.
    ///
    /// The total timeout is the request's, else ``HTTPClientConfiguration/defaultTimeout``.
    /// Cancelling the calling task aborts the transfer.
    ///
    /// - Throws: ``HTTPClientError``, e.g. ``HTTPClientError/bodyTooLarge(limit:)`` past
    ///   ``HTTPClientConfiguration/maximumBodySize``.
    public func execute(_ request: HTTPRequest) async throws -> HTTPResponse {
        let limit = configuration.maximumBodySize
        let response = try await start(
            request, timeout: request.timeout ?? configuration.defaultTimeout, maximumBodySize: limit, headAtEnd: true)
        let body = try await response.body.collect(upTo: limit)
        return HTTPResponse(status: response.status, headers: response.headers, body: body, metrics: response.metrics)
    }

    /// Sends `request` and returns as soon as the response head arrived; read the body from
    /// ``HTTPStreamingResponse/body`` as it arrives.
    ///
    /// There is no total timeout unless the request sets one (event streams last indefinitely).
    /// Cancelling the calling task while waiting for the head aborts the transfer.
    ///
    /// - Throws: ``HTTPClientError``.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        try await start(request, timeout: request.timeout, maximumBodySize: nil, headAtEnd: false)
    }

    /// Stops the network thread after failing running transfers with ``HTTPClientError/shutDown``,
    /// and waits until every libcurl handle is released. Later requests fail with the same error.
    public func shutdown() async {
        await loop.shutdown()
    }

    /// Starts a transfer and waits for its head; with `headAtEnd` (a complete response is wanted)
    /// the head is handed over when the body is complete too (see ``CurlTransfer``).
    private func start(
        _ request: HTTPRequest, timeout: Duration?, maximumBodySize: Int?, headAtEnd: Bool
    ) async throws -> HTTPStreamingResponse {
        let prepared = try PreparedRequest(
            request, timeout: timeout, maximumBodySize: maximumBodySize, configuration: configuration)
        let transfer = CurlTransfer(
            request: prepared, loop: loop, bufferLimit: configuration.streamBufferLimit, holdsHeadUntilEnd: headAtEnd,
            logger: logger)
        let body = HTTPResponseBody(transfer: transfer)
        let head = try await transfer.awaitHead()
        return HTTPStreamingResponse(head: head, body: body)
    }
}
