/// A URL split into parts (`URL` in mesos.proto), e.g. an offer's agent URL.
///
/// Named `MesosURL` so it does not collide with `Foundation.URL`.
public struct MesosURL: Codable, Sendable, Hashable {
    /// E.g. `http`.
    public var scheme: String
    /// Host and port.
    public var address: Address
    /// The path, e.g. `/slave(1)`.
    public var path: String?
    /// Query parameters.
    public var query: [Parameter]
    /// The fragment.
    public var fragment: String?

    /// Creates a URL.
    public init(scheme: String, address: Address, path: String? = nil, query: [Parameter] = [], fragment: String? = nil) {
        self.scheme = scheme
        self.address = address
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    private enum CodingKeys: String, CodingKey {
        case scheme
        case address
        case path
        case query
        case fragment
    }
}
