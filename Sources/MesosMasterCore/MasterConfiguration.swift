import MesosAllocator
import MesosModel

/// What the master core needs to know from its flags.
public struct MasterConfiguration: Sendable {
    /// This master (its `id` prefixes every framework, agent and offer id).
    public var masterInfo: MasterInfo
    /// How often frameworks get a HEARTBEAT (Mesos: 15 s).
    public var heartbeatInterval: Duration
    /// `--agent_ping_timeout`: how often agents are pinged.
    public var agentPingTimeout: Duration
    /// `--max_agent_ping_timeouts`: missed pings in a row before an agent is unreachable.
    public var maxAgentPingTimeouts: Int
    /// `--agent_reregister_timeout`: how long recovered agents have to re-register.
    public var agentReregisterTimeout: Duration
    /// `--offer_timeout`: outstanding offers are rescinded after this (nil: never).
    public var offerTimeout: Duration?
    /// `--max_completed_frameworks`.
    public var maxCompletedFrameworks: Int
    /// `--max_completed_tasks_per_framework`.
    public var maxCompletedTasksPerFramework: Int
    /// Allocator options (`--allocation_interval`, `--min_allocatable_resources`).
    public var allocator: AllocatorOptions
    /// Role weights from `--weights`.
    public var weights: [String: Double]
    /// Status updates kept per task (oldest dropped first).
    public var maxStatusesPerTask: Int

    /// Creates a configuration; defaults are Mesos's.
    public init(
        masterInfo: MasterInfo,
        heartbeatInterval: Duration = .seconds(15),
        agentPingTimeout: Duration = .seconds(15),
        maxAgentPingTimeouts: Int = 5,
        agentReregisterTimeout: Duration = .seconds(600),
        offerTimeout: Duration? = nil,
        maxCompletedFrameworks: Int = 50,
        maxCompletedTasksPerFramework: Int = 1000,
        allocator: AllocatorOptions = AllocatorOptions(),
        weights: [String: Double] = [:],
        maxStatusesPerTask: Int = 16
    ) {
        self.masterInfo = masterInfo
        self.heartbeatInterval = heartbeatInterval
        self.agentPingTimeout = agentPingTimeout
        self.maxAgentPingTimeouts = maxAgentPingTimeouts
        self.agentReregisterTimeout = agentReregisterTimeout
        self.offerTimeout = offerTimeout
        self.maxCompletedFrameworks = maxCompletedFrameworks
        self.maxCompletedTasksPerFramework = maxCompletedTasksPerFramework
        self.allocator = allocator
        self.weights = weights
        self.maxStatusesPerTask = maxStatusesPerTask
    }
}
