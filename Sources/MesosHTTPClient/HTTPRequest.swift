/// An HTTP request for ``HTTPClient``.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// An absolute `http://` or `https://` URL.
    public var url: String
    /// Header fields to send. Do not set `Content-Length` or `Transfer-Encoding`: the client
    /// derives them from ``body``.
    public var headers: HTTPHeaders
    /// The request body; empty for none.
    public var body: [UInt8]
    /// The limit for the whole exchange, from connecting to the last body byte.
    ///
    /// `nil` means ``HTTPClientConfiguration/defaultTimeout`` for ``HTTPClient/execute(_:)`` and
    /// no limit for ``HTTPClient/stream(_:)``, whose responses (event streams) may last for hours.
    public var timeout: Duration?
    /// The limit for establishing the connection; `nil` means
    /// ``HTTPClientConfiguration/defaultConnectTimeout``.
    public var connectTimeout: Duration?
    /// Credentials sent with HTTP basic authentication, if any.
    public var basicAuthentication: BasicAuthentication?

    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        timeout: Duration? = nil,
        connectTimeout: Duration? = nil,
        basicAuthentication: BasicAuthentication? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.basicAuthentication = basicAuthentication
    }
}
