/// A complete HTTP response returned by ``HTTPClient/execute(_:)``.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. `200`.
    public var status: Int
    /// The response header fields (trailers excluded).
    public var headers: HTTPHeaders
    /// The whole response body.
    public var body: [UInt8]
    /// Connection facts, e.g. whether a keep-alive connection was reused.
    public var metrics: HTTPTransferMetrics

    public init(status: Int, headers: HTTPHeaders, body: [UInt8], metrics: HTTPTransferMetrics) {
        self.status = status
        self.headers = headers
        self.body = body
        self.metrics = metrics
    }

    /// The `Location` header, e.g. a leading master's address in a `307` (redirects are never
    /// followed automatically; Mesos sends protocol-relative `//host:port/path` locations).
    public var location: String? { headers["Location"] }

    /// The body decoded as UTF-8 (invalid sequences replaced), for messages and diagnostics.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
