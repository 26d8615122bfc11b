/// A network address (`Address`): `{"hostname": "m1", "ip": "10.0.0.1", "port": 5050}`.
public struct Address: Codable, Sendable, Hashable {
    /// The hostname, if known.
    public var hostname: String?
    /// The IP address (IPv4 or IPv6 text), if known.
    public var ip: String?
    /// The port.
    public var port: Int32

    /// Creates an address.
    public init(hostname: String? = nil, ip: String? = nil, port: Int32) {
        self.hostname = hostname
        self.ip = ip
        self.port = port
    }

    private enum CodingKeys: String, CodingKey {
        case hostname
        case ip
        case port
    }
}
