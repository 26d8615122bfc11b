import Foundation
import Logging
import MesosMasterCore
import MesosModel
import MesosRecordIO
import Synchronization

/// The master's imperative shell around ``MasterState``: applies inputs in the
/// order they arrive (an actor), performs the resulting actions (RecordIO records
/// into subscriber queues, registry writes) and owns the subscriber queues.
actor MasterRuntime {
    private(set) var state: MasterState
    private var queues: [StreamID: SubscriberQueue] = [:]
    private let store: (any RegistryStorage)?
    private let logger: Logger
    private let queueCapacity: Int
    /// Whether the registry was recovered and requests may be served: read by every API request
    /// before its call, so it is an atomic flag instead of actor state (one actor hop less per call).
    nonisolated var isRecovered: Bool { recovered.load(ordering: .acquiring) }
    private nonisolated let recovered = Atomic<Bool>(false)

    init(
        state: MasterState, store: (any RegistryStorage)?, logger: Logger, queueCapacity: Int,
        agentsPerAllocationSlice: Int = 5000, offersPerDeclineChunk: Int = 1000
    ) {
        self.state = state
        self.store = store
        self.logger = logger
        self.queueCapacity = queueCapacity
        self.agentsPerAllocationSlice = max(1, agentsPerAllocationSlice)
        self.offersPerDeclineChunk = max(1, offersPerDeclineChunk)
    }

    /// Rebuilds the state from the recovered registry and starts serving.
    func recover(registry: MasterRegistry?, configuration: MasterConfiguration) {
        state = MasterState(configuration: configuration, registry: registry, now: Self.now())
        recovered.store(true, ordering: .releasing)
    }

    static func now() -> MasterTime {
        MasterTime(instant: .now, wallSeconds: Date().timeIntervalSince1970)
    }

    /// What `body` reads from the state, computed on the actor. An endpoint that copies the state
    /// out (`await runtime.state`) shares its tables until it is done with them, and the next
    /// change the actor makes meanwhile copies the table it changes (copy-on-write): at 50,000
    /// agents, tens of megabytes per request. Reading in place copies nothing; it suits answers
    /// that take milliseconds (metrics, a task page), not the whole-state documents.
    func read<T: Sendable>(_ body: @Sendable (MasterState) -> T) -> T {
        body(state)
    }

    // MARK: - Inputs

    /// Opens a framework subscription; returns its records.
    func subscribeFramework(_ call: Scheduler.Call, streamID: StreamID) -> SubscriberQueue {
        let queue = makeQueue(streamID, framework: true)
        if let info = call.subscribe?.frameworkInfo, (info.failoverTimeout ?? 0) <= 0 {
            logger.warning("Framework '\(info.name)' subscribes with failover_timeout 0: a network blip will tear it down; set failover_timeout")
        }
        apply(state.subscribe(call, streamID: streamID, now: Self.now()))
        return queue
    }

    func schedulerCall(_ call: Scheduler.Call, streamID: StreamID?) async -> CallRejection? {
        if call.type == .decline, let decline = call.decline, decline.offerIDs.count > offersPerDeclineChunk {
            return await declineInChunks(call, decline, streamID: streamID)
        }
        switch state.handle(call, streamID: streamID, now: Self.now()) {
        case .success(let actions):
            apply(actions)
            return nil
        case .failure(let rejection):
            return rejection
        }
    }

    /// Offers per job of a large DECLINE (``declineInChunks(_:_:streamID:)``).
    let offersPerDeclineChunk: Int

    /// A DECLINE of more than `offersPerDeclineChunk` offers, applied a chunk of offers at a time
    /// with the actor free between chunks, as allocation rounds are run in slices: at 50,000 agents
    /// each of ten frameworks declines about 5,000 offers a round, a job of 15-20 ms of CPU that
    /// every read queued behind it waited for. Each offer is declined on its own, so the chunks
    /// decline what the whole call would. A rejection of the first chunk (the call is invalid, or
    /// the framework is not subscribed on this stream) is the call's; later chunks are of the same
    /// framework and call, and one found gone meanwhile has no offers left to decline.
    private func declineInChunks(_ call: Scheduler.Call, _ decline: Scheduler.Call.Decline, streamID: StreamID?) async -> CallRejection? {
        var start = 0
        while start < decline.offerIDs.count {
            if start > 0 { await Task.yield() }
            let end = min(start + offersPerDeclineChunk, decline.offerIDs.count)
            var chunk = call
            chunk.decline?.offerIDs = Array(decline.offerIDs[start..<end])
            switch state.handle(chunk, streamID: streamID, now: Self.now(), counted: start == 0) {
            case .success(let actions):
                apply(actions)
            case .failure(let rejection):
                if start == 0 { return rejection }
                return nil
            }
            start = end
        }
        return nil
    }

    func subscribeAgent(_ body: AgentProtocol.Call.Subscribe, streamID: StreamID) -> SubscriberQueue {
        let queue = makeQueue(streamID, framework: false)
        apply(state.agentSubscribe(body, streamID: streamID, now: Self.now()))
        return queue
    }

    func agentCall(_ call: AgentProtocol.Call, streamID: StreamID?) -> CallRejection? {
        switch state.handleAgentCall(call, streamID: streamID, now: Self.now()) {
        case .success(let actions):
            apply(actions)
            return nil
        case .failure(let rejection):
            return rejection
        }
    }

    func teardown(_ id: FrameworkID) -> CallRejection? {
        switch state.teardown(id, now: Self.now()) {
        case .success(let actions):
            apply(actions)
            return nil
        case .failure(let rejection):
            return rejection
        }
    }

    func updateWeights(_ weights: [String: Double]) -> CallRejection? {
        state.updateWeights(weights)
    }

    /// A subscriber's HTTP response ended (client gone, or the queue was finished).
    func streamEnded(_ streamID: StreamID, framework: Bool) {
        guard let queue = queues.removeValue(forKey: streamID) else { return }
        queue.finish()
        let now = Self.now()
        apply(framework ? state.frameworkStreamClosed(streamID, now: now) : state.agentStreamClosed(streamID, now: now))
    }

    /// Durations of the allocation rounds, for `/metrics/snapshot`.
    private(set) var allocationRunTimes = AllocationRunTimes()

    /// Agents per slice of an allocation round (``allocate()``).
    let agentsPerAllocationSlice: Int

    /// Runs an allocation round. A cluster of more than `agentsPerAllocationSlice` agents is
    /// allocated a slice of agents at a time, and the actor serves its other jobs between slices: at
    /// 50,000 agents a whole round held the actor for 0.3-0.7 s, and every call and read waited for
    /// it (a `/master/tasks` page took the rest of the round). The round's time in the metrics is
    /// its slices' own, not the jobs served between them.
    func allocate() async {
        guard state.agents.count > agentsPerAllocationSlice else {
            let (actions, wall, cpu) = Self.timed { state.allocate(now: Self.now()) }
            allocationRunTimes.record(milliseconds: wall, cpuMilliseconds: cpu)
            apply(actions)
            return
        }
        var wall = 0.0
        var cpu = 0.0
        for (index, agents) in state.allocationRoundSlices(agentsPerSlice: agentsPerAllocationSlice).enumerated() {
            if index > 0 { await Task.yield() }
            let (actions, sliceWall, sliceCPU) = Self.timed { state.allocate(agents: agents, now: Self.now()) }
            wall += sliceWall
            cpu += sliceCPU
            apply(actions)
        }
        allocationRunTimes.record(milliseconds: wall, cpuMilliseconds: cpu)
    }

    /// What `body` returns, with its wall time and the calling thread's CPU time, in milliseconds.
    private static func timed<T>(_ body: () -> T) -> (T, Double, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let startCPU = threadCPUMilliseconds()
        let value = body()
        let elapsed = (clock.now - start).components
        return (value, Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15, threadCPUMilliseconds() - startCPU)
    }

    /// CPU time of the calling thread (an actor's synchronous method runs on one thread).
    static func threadCPUMilliseconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }
    func heartbeat() { apply(state.heartbeat()) }
    func pingDueAgents() { apply(state.pingDueAgents(now: Self.now())) }
    func expireTimers() { apply(state.expireTimers(now: Self.now())) }

    /// Closes every subscription (graceful shutdown).
    func closeAllStreams() async {
        for queue in queues.values { queue.finish() }
        queues = [:]
        await flushRegistry()
    }

    /// Opens an operator event stream (SUBSCRIBE on /api/v1).
    func subscribeOperator(streamID: StreamID, first: [UInt8]) -> SubscriberQueue {
        let queue = SubscriberQueue(capacity: queueCapacity)
        queues[streamID] = queue
        operatorStreams.insert(streamID)
        state.operatorEventsEnabled = true
        _ = queue.send(first)
        return queue
    }

    private var operatorStreams: Set<StreamID> = []

    func operatorStreamEnded(_ streamID: StreamID) {
        operatorStreams.remove(streamID)
        state.operatorEventsEnabled = !operatorStreams.isEmpty
        queues.removeValue(forKey: streamID)?.finish()
    }

    /// Sends an operator HEARTBEAT to every operator subscriber.
    func operatorHeartbeat(_ record: [UInt8]) {
        for id in operatorStreams { deliver(record, to: id, framework: nil) }
    }

    // MARK: - Registry

    private var registryDirty = false
    private var registryWriteScheduled = false
    /// Registry changes within this window are written together.
    static let registryWriteDelay: Duration = .milliseconds(20)

    private func scheduleRegistryWrite() {
        guard store != nil else { return }
        registryDirty = true
        guard !registryWriteScheduled else { return }
        registryWriteScheduled = true
        Task {
            try? await Task.sleep(for: Self.registryWriteDelay)
            await self.flushRegistry()
        }
    }

    /// Whether a registry write is under way (writes are not concurrent: they would race).
    private var registryWriteInFlight = false

    /// Writes the registry now if it changed since the last write. A write that fails for lack of
    /// ZooKeeper is retried; a write conflict (another master wrote the registry: this one was
    /// deposed) ends the process at once, as Mesos masters abort when they lose leadership.
    func flushRegistry() async {
        registryWriteScheduled = false
        guard registryDirty, !registryWriteInFlight, let store else { return }
        registryDirty = false
        registryWriteInFlight = true
        do {
            try await store.save(state.registry)
            registryWriteInFlight = false
        } catch let conflict as RegistryWriteConflict {
            logger.critical("Stopping: \(conflict)")
            exit(EXIT_FAILURE)
        } catch {
            registryWriteInFlight = false
            logger.error("Failed to persist the registry in \(store.location): \(error); retrying")
            registryDirty = true
            if !registryWriteScheduled {
                registryWriteScheduled = true
                Task {
                    try? await Task.sleep(for: .milliseconds(500))
                    await self.flushRegistry()
                }
            }
            return
        }
        // Changes made while this write was under way.
        if registryDirty, !registryWriteScheduled { scheduleRegistryWrite() }
    }

    // MARK: - Actions

    private func makeQueue(_ streamID: StreamID, framework: Bool) -> SubscriberQueue {
        let queue = SubscriberQueue(capacity: queueCapacity)
        queues[streamID] = queue
        return queue
    }

    private func apply(_ actions: [MasterAction]) {
        var followUps: [MasterAction] = []
        for action in actions {
            switch action {
            case .sendToFramework(let stream, let event):
                if event.type == .offers, (event.offers?.offers.count ?? 0) >= Self.offersEncodedOffActor {
                    followUps += deliverEncodedOffActor(event, to: stream)
                } else if let record = Self.record(event) {
                    followUps += deliver(record, to: stream, framework: true)
                }
            case .sendToAgent(let stream, let event):
                if let record = Self.record(event) { followUps += deliver(record, to: stream, framework: false) }
            case .closeFrameworkStream(let stream), .closeAgentStream(let stream):
                queues.removeValue(forKey: stream)?.finish()
            case .registryChanged:
                scheduleRegistryWrite()
            case .operatorEvent(let event):
                guard let record = OperatorAPI.record(event, state: state) else { continue }
                for id in operatorStreams.sorted() { followUps += deliver(record, to: id, framework: nil) }
            }
        }
        if !followUps.isEmpty { apply(followUps) }
    }

    /// OFFERS events with at least this many offers are encoded off the actor. A round that offers
    /// 50,000 agents sends each of ten frameworks an event of about 5,000 offers, some 15 ms of
    /// encoding each: on the actor, every call and read waited for all of them.
    static let offersEncodedOffActor = 256

    /// Queues a framework event's place now and its record once a task has encoded it: the
    /// framework's later events wait in its queue behind it, so the order holds.
    private func deliverEncodedOffActor(_ event: Scheduler.Event, to stream: StreamID) -> [MasterAction] {
        guard let queue = queues[stream] else { return [] }
        guard let place = queue.reserve() else { return disconnectSlowSubscriber(stream, queue: queue, framework: true) }
        Task.detached {
            queue.fill(place, with: Self.record(event) ?? [])
        }
        return []
    }

    /// Queues a record; a subscriber whose queue overflows is disconnected.
    @discardableResult
    private func deliver(_ record: [UInt8], to stream: StreamID, framework: Bool?) -> [MasterAction] {
        guard let queue = queues[stream] else { return [] }
        if queue.send(record) { return [] }
        return disconnectSlowSubscriber(stream, queue: queue, framework: framework)
    }

    private func disconnectSlowSubscriber(_ stream: StreamID, queue: SubscriberQueue, framework: Bool?) -> [MasterAction] {
        logger.warning("Subscriber \(stream) does not read its stream fast enough: disconnecting it")
        queues[stream] = nil
        queue.finish()
        state.countSlowSubscriberDisconnected()
        let now = Self.now()
        switch framework {
        case .some(true): return state.frameworkStreamClosed(stream, now: now)
        case .some(false): return state.agentStreamClosed(stream, now: now)
        case .none:
            operatorStreams.remove(stream)
            state.operatorEventsEnabled = !operatorStreams.isEmpty
            return []
        }
    }

    static func record(_ value: some Encodable) -> [UInt8]? {
        guard let json = try? MesosJSON.encodeBytes(value) else { return nil }
        return try? RecordIOEncoder.encode(json)
    }
}
