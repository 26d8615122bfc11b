/// Limits and defaults of an ``HTTPClient``.
public struct HTTPClientConfiguration: Sendable {
    /// The largest body ``HTTPClient/execute(_:)`` accepts; larger bodies fail with
    /// ``HTTPClientError/bodyTooLarge(limit:)``. Does not apply to ``HTTPClient/stream(_:)``.
    public var maximumBodySize: Int
    /// The most body bytes a streaming response buffers for a slow consumer before the transfer is
    /// paused (it resumes when the consumer has drained half of them).
    public var streamBufferLimit: Int
    /// The largest response head (status line and headers) accepted.
    public var maximumHeaderBytes: Int
    /// The total timeout of ``HTTPClient/execute(_:)`` when the request sets none; `nil` for no limit.
    public var defaultTimeout: Duration?
    /// The connect timeout when the request sets none.
    public var defaultConnectTimeout: Duration
    /// The most idle connections kept for reuse.
    public var connectionCacheSize: Int
    /// The most simultaneous connections to one host (further requests queue); `nil` for no limit.
    public var maximumConnectionsPerHost: Int?
    /// The `User-Agent` header sent unless the request sets one.
    public var userAgent: String

    public init(
        maximumBodySize: Int = 16 * 1024 * 1024,
        streamBufferLimit: Int = 1024 * 1024,
        maximumHeaderBytes: Int = 64 * 1024,
        defaultTimeout: Duration? = .seconds(60),
        defaultConnectTimeout: Duration = .seconds(10),
        connectionCacheSize: Int = 32,
        maximumConnectionsPerHost: Int? = nil,
        userAgent: String = "swift-mesos"
    ) {
        self.maximumBodySize = maximumBodySize
        self.streamBufferLimit = streamBufferLimit
        self.maximumHeaderBytes = maximumHeaderBytes
        self.defaultTimeout = defaultTimeout
        self.defaultConnectTimeout = defaultConnectTimeout
        self.connectionCacheSize = connectionCacheSize
        self.maximumConnectionsPerHost = maximumConnectionsPerHost
        self.userAgent = userAgent
    }
}
