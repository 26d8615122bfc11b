/// An agent in `/master/state`.
public struct AgentView: Sendable, Decodable {
    /// The agent id.
    public var id: String
    /// Its hostname.
    public var hostname: String
    /// Its HTTP port.
    public var port: Int
    /// Whether it is connected.
    public var active: Bool
    /// When it registered (seconds since the epoch), if known.
    public var registeredTime: Double?
    /// Its total resources.
    public var resources: ResourceSummary
    /// What its tasks use.
    public var usedResources: ResourceSummary

    /// `host:port` of its HTTP API.
    public var address: String { "\(hostname):\(port)" }

    /// An agent with these values.
    public init(
        id: String, hostname: String, port: Int = 5051, active: Bool = true, registeredTime: Double? = nil,
        resources: ResourceSummary = ResourceSummary(), usedResources: ResourceSummary = ResourceSummary()
    ) {
        self.id = id
        self.hostname = hostname
        self.port = port
        self.active = active
        self.registeredTime = registeredTime
        self.resources = resources
        self.usedResources = usedResources
    }

    private enum CodingKeys: String, CodingKey {
        case id, hostname, port, pid, active, resources
        case registeredTime = "registered_time"
        case usedResources = "used_resources"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var port = (try? container.decodeIfPresent(Int.self, forKey: .port)) ?? nil
        if port == nil, let pid = try? container.decodeIfPresent(String.self, forKey: .pid),
           let colon = pid.lastIndex(of: ":") {
            port = Int(pid[pid.index(after: colon)...])
        }
        self.init(
            id: try container.decode(String.self, forKey: .id),
            hostname: try container.decodeIfPresent(String.self, forKey: .hostname) ?? "",
            port: port ?? 5051,
            active: (try? container.decodeIfPresent(Bool.self, forKey: .active)) ?? false,
            registeredTime: try? container.decodeIfPresent(Double.self, forKey: .registeredTime),
            resources: try container.decodeIfPresent(ResourceSummary.self, forKey: .resources) ?? ResourceSummary(),
            usedResources: try container.decodeIfPresent(ResourceSummary.self, forKey: .usedResources) ?? ResourceSummary())
    }
}
