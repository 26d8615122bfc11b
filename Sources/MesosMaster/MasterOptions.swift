import MesosAllocator
import MesosMasterCore
import MesosModel

/// The master's settings, from its flags.
public struct MasterOptions: Sendable {
    /// Address to listen on.
    public var ip: String
    /// Port to listen on.
    public var port: Int
    /// Hostname advertised to frameworks and agents.
    public var hostname: String
    /// IP advertised (defaults to `ip`).
    public var advertiseIP: String?
    /// Port advertised (defaults to `port`).
    public var advertisePort: Int?
    /// Where the registry lives; nil keeps it in memory only.
    public var workDir: String?
    /// The cluster's name (shown in state).
    public var cluster: String?
    /// The core's configuration (timeouts, limits, allocator).
    public var core: MasterConfiguration
    /// Largest request body accepted (413 beyond).
    public var maxRequestBodyBytes: Int
    /// Records buffered per subscriber before it is disconnected as too slow.
    public var subscriberQueueCapacity: Int
    /// Most HTTP connections open at once (``ConnectionLimit``); nil derives it from the
    /// process's open-file limit.
    public var maxConnections: Int?
    /// How long a connection may stay idle (no request under way) before the master closes it;
    /// subscription streams are requests under way and stay open.
    public var idleConnectionTimeout: Duration
    /// Flags as given, shown in `/master/state`'s `flags`.
    public var flags: [String: String]

    /// Creates options.
    public init(
        ip: String = "0.0.0.0", port: Int = 5050, hostname: String, advertiseIP: String? = nil, advertisePort: Int? = nil,
        workDir: String? = nil, cluster: String? = nil, core: MasterConfiguration,
        maxRequestBodyBytes: Int = 16 * 1024 * 1024, subscriberQueueCapacity: Int = 65536, maxConnections: Int? = nil,
        idleConnectionTimeout: Duration = .seconds(300), flags: [String: String] = [:]
    ) {
        self.ip = ip
        self.port = port
        self.hostname = hostname
        self.advertiseIP = advertiseIP
        self.advertisePort = advertisePort
        self.workDir = workDir
        self.cluster = cluster
        self.core = core
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.subscriberQueueCapacity = subscriberQueueCapacity
        self.maxConnections = maxConnections
        self.idleConnectionTimeout = idleConnectionTimeout
        self.flags = flags
    }

    /// `host:port` as advertised.
    public var advertisedAddress: String { "\(hostname):\(advertisePort ?? port)" }

    /// `master@<ip>:<port>`, Mesos's libprocess pid.
    public var pid: String { "master@\(advertiseIP ?? ip):\(advertisePort ?? port)" }
}
