/// Facts about the connection that carried a response.
public struct HTTPTransferMetrics: Hashable, Sendable {
    /// New connections opened for this exchange; `0` means a cached keep-alive connection was reused.
    public var newConnectionCount: Int
    /// The local port of the connection, when known.
    public var localPort: Int?
    /// The IP address of the server, when known.
    public var remoteAddress: String?
    /// The port of the server, when known.
    public var remotePort: Int?

    public init(newConnectionCount: Int, localPort: Int? = nil, remoteAddress: String? = nil, remotePort: Int? = nil) {
        self.newConnectionCount = newConnectionCount
        self.localPort = localPort
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
    }

    /// Whether the exchange reused a cached keep-alive connection.
    public var reusedConnection: Bool { newConnectionCount == 0 }
}
