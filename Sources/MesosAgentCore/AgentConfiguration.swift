import MesosModel

/// What the agent's state machine needs to know about its own setup.
public struct AgentConfiguration: Codable, Sendable, Hashable {
    /// The agent's id, once the master assigned one.
    public var agentID: AgentID?
    /// The agent's work directory (sandboxes live below it).
    public var workDirectory: String
    /// Containerizers that may run tasks.
    public var containerizers: Set<ContainerKind>
    /// Whether docker tasks may run privileged containers.
    public var allowPrivileged: Bool
    /// Whether docker tasks get a hard CPU limit (`--cpus`, CFS bandwidth) besides their CPU
    /// shares: Mesos's `--cgroups_enable_cfs`, off by default as in Mesos.
    public var enableCFSQuota: Bool
    /// The grace period for killing tasks without a KillPolicy, in seconds.
    public var defaultKillGracePeriod: Double
    /// `host:port` where executors reach the agent's HTTP API.
    public var agentEndpoint: String
    /// How long a custom executor has to subscribe, in seconds.
    public var executorRegistrationTimeout: Double

    /// Creates a configuration.
    public init(
        agentID: AgentID? = nil,
        workDirectory: String,
        containerizers: Set<ContainerKind> = [.docker, .process],
        allowPrivileged: Bool = false,
        enableCFSQuota: Bool = false,
        defaultKillGracePeriod: Double = 3,
        agentEndpoint: String = "127.0.0.1:5051",
        executorRegistrationTimeout: Double = 60
    ) {
        self.agentID = agentID
        self.workDirectory = workDirectory
        self.containerizers = containerizers
        self.allowPrivileged = allowPrivileged
        self.enableCFSQuota = enableCFSQuota
        self.defaultKillGracePeriod = defaultKillGracePeriod
        self.agentEndpoint = agentEndpoint
        self.executorRegistrationTimeout = executorRegistrationTimeout
    }
}
