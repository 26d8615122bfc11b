import DequeModule
import MesosAllocator
import MesosModel
import MesosResources

/// The master's state machine: frameworks, agents, offers and tasks, driving the
/// DRF allocator.
///
/// A deterministic value: every input (a scheduler call, an agent call, a closed
/// stream, a timer) is a mutating method that takes the current ``MasterTime`` and
/// returns the ``MasterAction``s for the shell to perform, in order. It performs no
/// IO. Per-call work is proportional to the call (dictionaries by id), never to the
/// cluster size; timer methods scan what they time out.
public struct MasterState: Sendable {
    /// The configuration.
    public let configuration: MasterConfiguration
    /// The allocator.
    public internal(set) var allocator: DRFAllocator
    /// Frameworks that are not completed.
    public internal(set) var frameworks: [FrameworkID: FrameworkRecord] = [:]
    /// Completed frameworks, oldest first (bounded by `--max_completed_frameworks`).
    public internal(set) var completedFrameworks: Deque<FrameworkRecord> = []
    /// Ids of frameworks that were removed (re-subscribing with one is refused).
    public internal(set) var removedFrameworkIDs: Set<FrameworkID> = []
    /// Admitted agents (connected or not).
    public internal(set) var agents: [AgentID: AgentRecord] = [:]
    /// Agents listed in the recovered registry that have not re-registered yet.
    public internal(set) var recoveringAgents: [AgentID: AgentInfo] = [:]
    /// Agents marked unreachable, with the time (seconds since the epoch).
    public internal(set) var unreachableAgents: [AgentID: Double] = [:]
    /// Agents removed for good.
    public internal(set) var goneAgents: Set<AgentID> = []
    /// Outstanding offers.
    public internal(set) var offers: [OfferID: OfferRecord] = [:]
    /// When this master started, seconds since the epoch.
    public let startTime: Double
    /// When the agents of the recovered registry must have re-registered.
    public internal(set) var recoveryDeadline: ContinuousClock.Instant?
    /// Counters for `/metrics/snapshot`.
    public internal(set) var counters = MasterCounters()
    /// Role weights in force (`--weights`, `/weights`).
    public internal(set) var currentWeights: [String: Double] = [:]
    /// The last error the allocator reported (for operators; should stay nil).
    public internal(set) var lastAllocatorError: String?

    /// Whether ``MasterAction/operatorEvent(_:)`` actions are produced (the shell
    /// turns it on while operator subscribers exist).
    public var operatorEventsEnabled = false

    /// Frameworks with a failover deadline (disconnected or recovered), checked by the timers.
    var failoverCandidates: Set<FrameworkID> = []
    /// Offers in creation order, for `--offer_timeout` (entries of offers gone are skipped).
    var offerQueue: Deque<(id: OfferID, created: ContinuousClock.Instant)> = []
    /// Tasks left TASK_UNREACHABLE on each unreachable agent, to settle when it returns.
    var unreachableTaskIndex: [AgentID: [FrameworkID: Set<TaskID>]] = [:]
    var frameworkStreams: [StreamID: FrameworkID] = [:]
    var agentStreams: [StreamID: AgentID] = [:]
    var nextFrameworkNumber = 0
    var nextAgentNumber = 0
    /// The phase of the ping cycle ``pingDueAgents(now:)`` pings next.
    var nextPingPhase = 0
    var nextOfferNumber = 0
    var pending: [MasterAction] = []
    var registryDirty = false

    /// The master's id (`MasterInfo.id`).
    public var masterID: String { configuration.masterInfo.id }

    /// Creates the state of a master that starts now, recovering `registry` when given.
    public init(configuration: MasterConfiguration, registry: MasterRegistry? = nil, now: MasterTime) {
        self.configuration = configuration
        var allocator = DRFAllocator(options: configuration.allocator)
        try? allocator.updateWeights(configuration.weights)
        self.allocator = allocator
        self.startTime = now.wallSeconds
        self.currentWeights = configuration.weights
        guard let registry else { return }
        for entry in registry.agents {
            if let id = entry.info.id { recoveringAgents[id] = entry.info }
        }
        for entry in registry.unreachable { unreachableAgents[entry.id] = entry.since }
        goneAgents = Set(registry.gone)
        let deadline = now.instant.advanced(by: configuration.agentReregisterTimeout)
        if !recoveringAgents.isEmpty { recoveryDeadline = deadline }
        for info in registry.frameworks {
            guard let id = info.id else { continue }
            var record = FrameworkRecord(id: id, info: info, registeredTime: now.wallSeconds, hasSubscribed: false)
            record.failoverDeadline = deadline.advanced(by: .seconds(record.failoverTimeout))
            frameworks[id] = record
            failoverCandidates.insert(id)
            addFrameworkToAllocator(record, active: false)
        }
    }

    // MARK: - Plumbing

    /// Returns and clears the actions produced so far, the registry write first.
    mutating func takeActions() -> [MasterAction] {
        var actions = pending
        pending = []
        if registryDirty {
            registryDirty = false
            actions.insert(.registryChanged, at: 0)
        }
        return actions
    }

    /// The registry as it should be persisted now.
    public var registry: MasterRegistry {
        var result = MasterRegistry()
        result.agents = agents.values.map { MasterRegistry.AdmittedAgent(info: $0.info) }
            + recoveringAgents.values.map { MasterRegistry.AdmittedAgent(info: $0) }
        result.agents.sort { ($0.info.id?.value ?? "") < ($1.info.id?.value ?? "") }
        result.unreachable = unreachableAgents.map { MasterRegistry.UnreachableAgent(id: $0.key, since: $0.value) }
            .sorted { $0.id < $1.id }
        result.gone = goneAgents.sorted()
        result.frameworks = frameworks.values.map(\.info).sorted { ($0.id?.value ?? "") < ($1.id?.value ?? "") }
        return result
    }

    mutating func notifyOperators(_ event: @autoclosure () -> OperatorEvent) {
        if operatorEventsEnabled { pending.append(.operatorEvent(event())) }
    }

    mutating func sendToFramework(_ id: FrameworkID, _ event: Scheduler.Event) {
        guard let stream = frameworks[id]?.streamID else { return }
        pending.append(.sendToFramework(stream, event))
    }

    mutating func sendToAgent(_ id: AgentID, _ event: AgentProtocol.Event) {
        guard let stream = agents[id]?.streamID else { return }
        pending.append(.sendToAgent(stream, event))
    }

    mutating func allocatorFailed(_ error: AllocatorError) {
        lastAllocatorError = error.message
    }

    func makeFrameworkID() -> FrameworkID {
        let number = String(nextFrameworkNumber)
        return FrameworkID("\(masterID)-\(String(repeating: "0", count: max(0, 4 - number.count)))\(number)")
    }

    /// A status update the master itself generates (no uuid: not to be acknowledged).
    func masterStatus(
        task: TaskID, state: TaskState, reason: TaskStatus.Reason?, message: String,
        agentID: AgentID?, executorID: ExecutorID? = nil, now: MasterTime
    ) -> TaskStatus {
        TaskStatus(
            taskID: task, state: state, message: message, source: .master, reason: reason,
            agentID: agentID, executorID: executorID, timestamp: now.wallSeconds)
    }

    mutating func addFrameworkToAllocator(_ record: FrameworkRecord, active: Bool) {
        do {
            let profile = try FrameworkProfile(record.info)
            try allocator.addFramework(profile, active: active, suppressedRoles: record.suppressedRoles)
        } catch {
            allocatorFailed(error)
        }
    }
}
