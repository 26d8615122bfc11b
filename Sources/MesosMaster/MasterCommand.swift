import ArgumentParser
import Foundation
import Logging
import MesosAllocator
import MesosFlags
import MesosMasterCore
import MesosModel
import MesosZooKeeper
import ServiceLifecycle
import UnixSignals

/// `swift-mesos-master`: the flags (Mesos's names, both spellings, `MESOS_*`
/// environment) and the entry point.
public struct MasterCommand: MesosCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swift-mesos-master",
        abstract: "A Mesos-compatible master: the v1 scheduler API, agents, the DRF allocator.")

    @Option(help: "IP address to listen on.") var ip = "0.0.0.0"
    @Option(help: "Port to listen on.") var port = 5050
    @Option(help: "Hostname advertised to frameworks and agents (default: the host's name).") var hostname: String?
    @Option(help: "IP address advertised to reach this master (default: --ip, or the hostname's address for 0.0.0.0).")
    var advertiseIP: String?
    @Option(help: "Port advertised to reach this master (default: --port).") var advertisePort: Int?
    @Option(help: "Directory for the registry (admitted agents, frameworks); without it the registry is in memory only.")
    var workDir: String?
    @Option(help: "ZooKeeper URL for leader election, zk://[user:password@]host:port[,host:port...]/path (default: standalone).")
    var zk: String?
    @Option(help: "Size of the quorum of masters (with --zk). Accepted for compatibility; swift-mesos keeps no replicated log.")
    var quorum: Int?
    @Option(help: "ZooKeeper session timeout (with --zk).") var zkSessionTimeout: MesosDuration = .seconds(10)
    @Option(help: "Human-readable name of the cluster.") var cluster: String?
    @Option(help: "Time between allocation rounds.") var allocationInterval: MesosDuration = .seconds(1)
    @Option(help: "Time after which an outstanding offer is rescinded (default: never).") var offerTimeout: MesosDuration?
    @Option(help: "Time between pings of agents; also the ping timeout.") var agentPingTimeout: MesosDuration = .seconds(15)
    @Option(help: "Missed pings in a row before an agent is unreachable.") var maxAgentPingTimeouts = 5
    @Option(help: "Time recovered agents have to re-register after a master restart.")
    var agentReregisterTimeout: MesosDuration = .minutes(10)
    @Option(help: "Completed frameworks kept for the state endpoints.") var maxCompletedFrameworks = 50
    @Option(help: "Completed tasks kept per framework.") var maxCompletedTasksPerFramework = 1000
    @Option(help: "Role weights, role=weight,role=weight.") var weights: String?
    @Option(help: "Minimum resources an offer must hold: alternatives separated by '|', e.g. cpus:0.01|mem:32.")
    var minAllocatableResources: String?
    @Option(help: "Log level: INFO, WARNING or ERROR.") var loggingLevel: LoggingLevel = .info
    @Option(help: "Time between HEARTBEAT events to frameworks (swift-mesos extension; Mesos uses 15secs).")
    var heartbeatInterval: MesosDuration = .seconds(15)
    @Option(help: "Largest request body accepted, in bytes (larger bodies get 413).") var maxRequestBodySize = 16 * 1024 * 1024
    @Option(help: """
        Most HTTP connections open at once; more wait in the listen queue (swift-mesos extension). \
        Default: the open-file limit (raised to its hard limit at start) less a reserve of an eighth, 64 to 1024.
        """)
    var maxConnections: Int?
    @Option(help: """
        Idle time after which a connection with no request under way is closed, freeing its place \
        under --max_connections (swift-mesos extension; subscription streams stay open).
        """)
    var idleConnectionTimeout: MesosDuration = .seconds(300)

    public init() {}

    public func validate() throws {
        if port < 0 || port > 65535 { throw ValidationError("--port must be between 0 and 65535") }
        if maxAgentPingTimeouts < 1 { throw ValidationError("--max_agent_ping_timeouts must be at least 1") }
        if maxCompletedFrameworks < 0 || maxCompletedTasksPerFramework < 0 {
            throw ValidationError("--max_completed_frameworks and --max_completed_tasks_per_framework must not be negative")
        }
        if let zk {
            do { _ = try ZooKeeperURL(parsing: zk) } catch { throw ValidationError("--zk: \(error.description)") }
        }
        if let quorum, quorum < 1 { throw ValidationError("--quorum must be at least 1") }
        if let maxConnections, maxConnections < 1 { throw ValidationError("--max_connections must be at least 1") }
        if idleConnectionTimeout.nanoseconds < 1_000_000_000 { throw ValidationError("--idle_connection_timeout must be at least 1secs") }
        if zkSessionTimeout.nanoseconds < 1_000_000_000 { throw ValidationError("--zk_session_timeout must be at least 1secs") }
        if PackedIPv4.pack(ip) == nil { throw ValidationError("--ip=\(ip.prefix(64)) is not an IPv4 address") }
        if let advertiseIP, PackedIPv4.pack(advertiseIP) == nil {
            throw ValidationError("--advertise_ip=\(advertiseIP.prefix(64)) is not an IPv4 address")
        }
        if let advertisePort, !(1...65535).contains(advertisePort) {
            throw ValidationError("--advertise_port must be between 1 and 65535")
        }
        // Timers at zero or below would spin (or, for pings, mark every agent unreachable at once).
        let millisecond: Int64 = 1_000_000
        if allocationInterval.nanoseconds < 10 * millisecond { throw ValidationError("--allocation_interval must be at least 10ms") }
        if agentPingTimeout.nanoseconds < 100 * millisecond { throw ValidationError("--agent_ping_timeout must be at least 100ms") }
        if heartbeatInterval.nanoseconds < 100 * millisecond { throw ValidationError("--heartbeat_interval must be at least 100ms") }
        if let offerTimeout, offerTimeout.nanoseconds <= 0 { throw ValidationError("--offer_timeout must be positive") }
        if agentReregisterTimeout.nanoseconds <= 0 { throw ValidationError("--agent_reregister_timeout must be positive") }
        if maxRequestBodySize < 1024 { throw ValidationError("--max_request_body_size must be at least 1024 (bytes)") }
        _ = try parsedWeights()
        _ = try parsedMinimum()
    }

    func parsedWeights() throws -> [String: Double] {
        guard let weights, !weights.isEmpty else { return [:] }
        var result: [String: Double] = [:]
        for pair in weights.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let weight = Double(parts[1]), weight.isFinite, weight > 0 else {
                throw ValidationError("--weights: '\(pair)' is not role=weight with a positive weight")
            }
            result[String(parts[0])] = weight
        }
        return result
    }

    func parsedMinimum() throws -> MinimumAllocatable {
        guard let text = minAllocatableResources else { return .mesosDefault }
        do {
            return try MinimumAllocatable.parse(text)
        } catch {
            throw ValidationError("--min_allocatable_resources: \(error.message)")
        }
    }

    /// The options these flags describe.
    public func options() throws -> MasterOptions {
        let host = hostname ?? ProcessInfo.processInfo.hostName
        let masterID = UUID().uuidString.lowercased()
        let advertisedIP = advertiseIP ?? (ip == "0.0.0.0" ? HostAddress.ipv4(of: host) ?? "127.0.0.1" : ip)
        let masterInfo = MasterInfo(
            id: masterID, ip: PackedIPv4.pack(advertisedIP) ?? 0, port: UInt32(advertisePort ?? port),
            pid: "master@\(advertisedIP):\(advertisePort ?? port)", hostname: host, version: MasterVersion.version,
            address: Address(hostname: host, ip: advertisedIP, port: Int32(advertisePort ?? port)))
        var allocator = AllocatorOptions()
        allocator.allocationInterval = .nanoseconds(allocationInterval.nanoseconds)
        allocator.minAllocatableResources = try parsedMinimum()
        let core = MasterConfiguration(
            masterInfo: masterInfo, heartbeatInterval: .nanoseconds(heartbeatInterval.nanoseconds),
            agentPingTimeout: .nanoseconds(agentPingTimeout.nanoseconds), maxAgentPingTimeouts: maxAgentPingTimeouts,
            agentReregisterTimeout: .nanoseconds(agentReregisterTimeout.nanoseconds),
            offerTimeout: offerTimeout.map { .nanoseconds($0.nanoseconds) },
            maxCompletedFrameworks: maxCompletedFrameworks, maxCompletedTasksPerFramework: maxCompletedTasksPerFramework,
            allocator: allocator, weights: try parsedWeights())
        var flags: [String: String] = [
            "ip": ip, "port": "\(port)", "hostname": host, "allocation_interval": allocationInterval.description,
            "agent_ping_timeout": agentPingTimeout.description, "max_agent_ping_timeouts": "\(maxAgentPingTimeouts)",
            "agent_reregister_timeout": agentReregisterTimeout.description,
            "max_completed_frameworks": "\(maxCompletedFrameworks)",
            "max_completed_tasks_per_framework": "\(maxCompletedTasksPerFramework)", "logging_level": loggingLevel.description,
        ]
        if let workDir { flags["work_dir"] = workDir }
        if let cluster { flags["cluster"] = cluster }
        if let offerTimeout { flags["offer_timeout"] = offerTimeout.description }
        if let weights { flags["weights"] = weights }
        if let maxConnections { flags["max_connections"] = "\(maxConnections)" }
        flags["idle_connection_timeout"] = idleConnectionTimeout.description
        return MasterOptions(
            ip: ip, port: port, hostname: host, advertiseIP: advertiseIP, advertisePort: advertisePort, workDir: workDir,
            cluster: cluster, core: core, maxRequestBodyBytes: maxRequestBodySize, maxConnections: maxConnections,
            idleConnectionTimeout: .nanoseconds(idleConnectionTimeout.nanoseconds), flags: flags)
    }

    public func run() async throws {
        var logger = Logger(label: "swift-mesos-master")
        switch loggingLevel {
        case .info: logger.logLevel = .info
        case .warning: logger.logLevel = .warning
        case .error: logger.logLevel = .error
        }
        let options = try options()
        var leadership: any Leadership = StandaloneLeadership()
        var registryStorage: (any RegistryStorage)?
        if let zk {
            let url = try ZooKeeperURL(parsing: zk)
            let sessionTimeout = Duration.nanoseconds(zkSessionTimeout.nanoseconds)
            leadership = ZooKeeperLeadership(url: url, info: options.core.masterInfo, sessionTimeout: sessionTimeout, logger: logger)
            registryStorage = ZooKeeperRegistryStore(url: url, sessionTimeout: sessionTimeout, logger: logger)
        }
        let server = MasterServer(options: options, leadership: leadership, registryStorage: registryStorage, logger: logger)
        try await server.run(signals: [.sigterm, .sigint])
    }
}
