import MesosModel
import MesosResources

/// What the master knows about one admitted agent.
public struct AgentRecord: Sendable {
    /// The agent's id.
    public let id: AgentID
    /// Its latest `AgentInfo` (with `id` set).
    public internal(set) var info: AgentInfo
    /// The current subscription stream; nil while disconnected.
    public internal(set) var streamID: StreamID?
    /// Pings in a row it has not answered.
    public internal(set) var missedPings = 0
    /// Whether the last ping is unanswered.
    var awaitingPong = false
    /// Its phase of the ping cycle (``MasterState/pingPhase(of:)`` of its id).
    let pingPhase: Int
    /// When it registered, seconds since the epoch.
    public internal(set) var registeredTime: Double
    /// When it last re-registered.
    public internal(set) var reregisteredTime: Double?
    /// Its software version.
    public internal(set) var version: String?
    /// Its tasks (not completed), by framework.
    public internal(set) var tasks: [FrameworkID: Set<TaskID>] = [:]
    /// Its custom executors, by framework.
    public internal(set) var executors: [FrameworkID: [ExecutorID: ExecutorInfo]] = [:]
    /// Its outstanding offers: a few at most (one per framework and role), so a list (a set
    /// would cost a hash table per agent and a hash per offer).
    public internal(set) var offers: [AgentOffer] = []
    /// The resources of its last offer, with the allocator's decision they were built from: the
    /// next offer of the same resources to the same role (in a busy cluster, the agent's free
    /// resources round after round) shares the array instead of building it again.
    var lastOfferedResources: OfferedResources?
    /// Its total resources.
    public internal(set) var total: Resources
    /// Resources of its non-terminal tasks.
    public internal(set) var used = Resources()

    /// Whether its subscription stream is open.
    public var isConnected: Bool { streamID != nil }

    /// Number of its tasks.
    public var taskCount: Int { tasks.values.reduce(0) { $0 + $1.count } }

    init(id: AgentID, info: AgentInfo, registeredTime: Double) {
        self.id = id
        var info = info
        info.id = id
        self.info = info
        self.registeredTime = registeredTime
        self.total = Resources(info.resources)
        self.pingPhase = MasterState.pingPhase(of: id)
    }
}
