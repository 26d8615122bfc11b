/// A response whose head has arrived and whose body is read incrementally, from ``HTTPClient/stream(_:)``.
public struct HTTPStreamingResponse: Sendable {
    /// The status code, e.g. `200`.
    public let status: Int
    /// The response header fields.
    public let headers: HTTPHeaders
    /// Connection facts, e.g. whether a keep-alive connection was reused.
    public let metrics: HTTPTransferMetrics
    /// The body, delivered chunk by chunk as it arrives.
    public let body: HTTPResponseBody

    init(head: ResponseHead, body: HTTPResponseBody) {
        status = head.status
        headers = head.headers
        metrics = head.metrics
        self.body = body
    }

    /// The `Location` header (redirects are never followed automatically).
    public var location: String? { headers["Location"] }

    /// Aborts the transfer and closes its connection.
    public func cancel() {
        body.cancel()
    }
}
