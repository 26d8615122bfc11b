import Foundation
import MesosMasterCore
import MesosModel
import Testing

/// The pure master core: inputs in, actions out.
@Suite("Master state machine")
struct MasterStateTests {
    static let start = MasterTime(instant: .now, wallSeconds: 1_700_000_000)
    static let info = MasterInfo(id: "M", ip: 16_777_343, port: 5050, hostname: "m")

    static func master(_ configure: (inout MasterConfiguration) -> Void = { _ in }, registry: MasterRegistry? = nil) -> MasterState {
        var configuration = MasterConfiguration(masterInfo: info)
        configuration.allocator.allocationInterval = .milliseconds(10)
        configure(&configuration)
        return MasterState(configuration: configuration, registry: registry, now: start)
    }

    static func frameworkEvents(_ actions: [MasterAction], _ stream: StreamID) -> [Scheduler.Event] {
        actions.compactMap { if case .sendToFramework(stream, let event) = $0 { event } else { nil } }
    }

    static func agentEvents(_ actions: [MasterAction], _ stream: StreamID) -> [AgentProtocol.Event] {
        actions.compactMap { if case .sendToAgent(stream, let event) = $0 { event } else { nil } }
    }

    static let agentInfo = AgentInfo(
        hostname: "a1", resources: [.scalar(name: "cpus", value: 4), .scalar(name: "mem", value: 4096)])

    /// A master with one agent (stream "a") and one framework (stream "f").
    static func cluster(_ framework: FrameworkInfo = FrameworkInfo(user: "u", name: "n"), now: MasterTime = start) -> (MasterState, FrameworkID, AgentID) {
        var master = master()
        let agentActions = master.agentSubscribe(.init(agentInfo: agentInfo), streamID: "a", now: now)
        let agentID = agentEvents(agentActions, "a").first?.subscribed?.agentID ?? "?"
        let actions = master.subscribe(.subscribe(frameworkInfo: framework), streamID: "f", now: now)
        let frameworkID = frameworkEvents(actions, "f").first?.subscribed?.frameworkID ?? "?"
        return (master, frameworkID, agentID)
    }

    @Test func subscribeAssignsIDsAndSendsSubscribedThenHeartbeat() {
        var master = Self.master()
        let actions = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n")), streamID: "s1", now: Self.start)
        let events = Self.frameworkEvents(actions, "s1")
        #expect(events.map(\.type) == [.subscribed, .heartbeat])
        #expect(events.first?.subscribed?.frameworkID == "M-0000")
        #expect(events.first?.subscribed?.heartbeatIntervalSeconds == 15)
        #expect(actions.first == .registryChanged)
        #expect(master.registry.frameworks.map(\.id) == ["M-0000"])
        let second = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n")), streamID: "s2", now: Self.start)
        #expect(Self.frameworkEvents(second, "s2").first?.subscribed?.frameworkID == "M-0001")
    }

    @Test func resubscribeFailsOverTheOldStream() {
        var master = Self.master()
        _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n")), streamID: "old", now: Self.start)
        let actions = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n", id: "M-0000")), streamID: "new", now: Self.start)
        #expect(Self.frameworkEvents(actions, "old").first?.error?.message == "Framework failed over")
        #expect(actions.contains(.closeFrameworkStream("old")))
        #expect(Self.frameworkEvents(actions, "new").first?.type == .subscribed)
        #expect(master.frameworks["M-0000"]?.streamID == "new")
        // The old stream closing later changes nothing.
        _ = master.frameworkStreamClosed("old", now: Self.start)
        #expect(master.frameworks["M-0000"]?.isConnected == true)
    }

    @Test func callChecksStreamAndSubscription() {
        var (master, frameworkID, _) = Self.cluster()
        let revive = Scheduler.Call.revive(frameworkID: frameworkID)
        #expect(master.handle(revive, streamID: nil, now: Self.start).rejection?.status == 400)
        #expect(master.handle(revive, streamID: "other", now: Self.start).rejection?.status == 400)
        #expect(master.handle(.revive(frameworkID: "nope"), streamID: "f", now: Self.start).rejection?.message == "Framework cannot be found")
        #expect(master.handle(revive, streamID: "f", now: Self.start).rejection == nil)
        _ = master.frameworkStreamClosed("f", now: Self.start)
        #expect(master.handle(revive, streamID: "f", now: Self.start).rejection?.status == 403)
    }

    @Test func offerAcceptLaunchUpdateAcknowledgeComplete() throws {
        var (master, frameworkID, agentID) = Self.cluster()
        let now = Self.start.advanced(by: .milliseconds(20))
        let offers = Self.frameworkEvents(master.allocate(now: now), "f").first?.offers?.offers ?? []
        let offer = try #require(offers.first)
        #expect(offer.agentID == agentID)
        #expect(offer.resources.allSatisfy { $0.role == "*" && $0.allocationInfo?.role == "*" })
        #expect(master.offers.count == 1)
        let task = TaskInfo(name: "t", taskID: "t", agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        let launched = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [.launch([task])]), streamID: "f", now: now).get()
        let run = try #require(Self.agentEvents(launched, "a").first?.runTask)
        #expect(run.task.resources.first?.allocationInfo?.role == "*")
        #expect(master.offers.isEmpty)
        #expect(master.frameworks[frameworkID]?.tasks["t"]?.state == .staging)

        let uuid = Data(repeating: 7, count: 16)
        let status = TaskStatus(taskID: "t", state: .finished, source: .executor, agentID: agentID, uuid: uuid)
        let updated = try master.handleAgentCall(.update(agentID: agentID, frameworkID: frameworkID, status: status), streamID: "a", now: now).get()
        #expect(Self.frameworkEvents(updated, "f").first?.update?.status.uuid == uuid)
        #expect(master.frameworks[frameworkID]?.tasks["t"]?.state == .finished)
        #expect(master.agents[agentID]?.used.isEmpty == true)

        let acked = try master.handle(.acknowledge(frameworkID: frameworkID, agentID: agentID, taskID: "t", uuid: uuid), streamID: "f", now: now).get()
        #expect(Self.agentEvents(acked, "a").first?.acknowledge?.uuid == uuid)
        #expect(master.frameworks[frameworkID]?.tasks.isEmpty == true)
        #expect(master.frameworks[frameworkID]?.completedTasks.first?.state == .finished)
        #expect(master.counters.terminalTasks[.finished] == 1)
    }

    @Test func launchValidationErrors() throws {
        var (master, frameworkID, agentID) = Self.cluster()
        let now = Self.start.advanced(by: .milliseconds(20))
        let offer = try #require(Self.frameworkEvents(master.allocate(now: now), "f").first?.offers?.offers.first)
        let both = TaskInfo(name: "b", taskID: "b", agentID: agentID, resources: [.scalar(name: "cpus", value: 1)],
                            executor: ExecutorInfo(executorID: "e", command: CommandInfo(value: "x")), command: CommandInfo(value: "x"))
        let none = TaskInfo(name: "n", taskID: "n", agentID: agentID, command: CommandInfo(value: "x"))
        let wrongAgent = TaskInfo(name: "w", taskID: "w", agentID: "other", resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        let nan = TaskInfo(name: "nan", taskID: "nan", agentID: agentID, resources: [.scalar(name: "cpus", value: .nan)], command: CommandInfo(value: "x"))
        let actions = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [.launch([both, none, wrongAgent, nan])]), streamID: "f", now: now).get()
        let statuses = Self.frameworkEvents(actions, "f").compactMap(\.update?.status)
        #expect(statuses.map(\.state) == [.error, .error, .error, .error])
        #expect(statuses[0].message == "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present")
        #expect(statuses[1].message == "Task uses no resources")
        #expect(statuses[2].message?.hasPrefix("Task uses invalid agent") == true)
        #expect(statuses.allSatisfy { $0.source == .master && $0.uuid == nil && $0.reason == .taskInvalid })
        #expect(Self.agentEvents(actions, "a").isEmpty)
    }

    @Test func invalidOffersDropPartitionAwareTasks() throws {
        let aware = FrameworkInfo(user: "u", name: "n", capabilities: [.init(type: .partitionAware)])
        var (master, frameworkID, agentID) = Self.cluster(aware)
        let task = TaskInfo(name: "t", taskID: "t", agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        let actions = try master.handle(.accept(frameworkID: frameworkID, offerIDs: ["M-O99"], operations: [.launch([task])]), streamID: "f", now: Self.start).get()
        let status = try #require(Self.frameworkEvents(actions, "f").first?.update?.status)
        #expect(status.state == .dropped)
        #expect(status.reason == .invalidOffers)
        #expect(status.message == "Task launched with invalid offers: Offer M-O99 is no longer valid")
    }

    @Test func disconnectStartsFailoverTimeout() {
        var (master, frameworkID, _) = Self.cluster(FrameworkInfo(user: "u", name: "n", failoverTimeout: 10))
        _ = master.frameworkStreamClosed("f", now: Self.start)
        _ = master.expireTimers(now: Self.start.advanced(by: .seconds(9)))
        #expect(master.frameworks[frameworkID] != nil)
        _ = master.expireTimers(now: Self.start.advanced(by: .seconds(10)))
        #expect(master.frameworks[frameworkID] == nil)
        #expect(master.completedFrameworks.first?.id == frameworkID)
        #expect(master.removedFrameworkIDs.contains(frameworkID))
    }

    @Test func missedPingsMakeAnAgentUnreachable() throws {
        var (master, frameworkID, agentID) = Self.cluster()
        var now = Self.start
        let first = master.pingAgents(now: now)
        #expect(Self.agentEvents(first, "a").map(\.type) == [.ping])
        for _ in 0..<4 {
            now = now.advanced(by: .seconds(15))
            _ = master.pingAgents(now: now)
            #expect(master.agents[agentID] != nil)
        }
        now = now.advanced(by: .seconds(15))
        let lost = master.pingAgents(now: now)
        #expect(master.agents[agentID] == nil)
        #expect(master.unreachableAgents[agentID] != nil)
        #expect(Self.frameworkEvents(lost, "f").contains { $0.type == .failure && $0.failure?.agentID == agentID })
        _ = frameworkID
        // A PONG in time resets the count.
        var (other, _, otherAgent) = Self.cluster()
        _ = other.pingAgents(now: now)
        _ = other.handleAgentCall(.pong(agentID: otherAgent), streamID: "a", now: now)
        #expect(other.agents[otherAgent]?.missedPings == 0)
    }

    @Test func pingsAreSpreadOverTheCycleAndEachAgentIsPingedOncePerCycle() throws {
        var master = Self.master()
        var streams: [StreamID: AgentID] = [:]
        for index in 0..<60 {
            let stream = "a\(index)"
            let actions = master.agentSubscribe(.init(agentInfo: AgentInfo(hostname: "h\(index)", resources: Self.agentInfo.resources)), streamID: stream, now: Self.start)
            streams[stream] = try #require(Self.agentEvents(actions, stream).first?.subscribed?.agentID)
        }
        var now = Self.start
        for cycle in 0..<2 {
            var pinged: [StreamID: Int] = [:]
            var largestPhase = 0
            for _ in 0..<MasterState.pingPhases {
                let actions = master.pingDueAgents(now: now)
                var inPhase = 0
                for stream in streams.keys where Self.agentEvents(actions, stream).contains(where: { $0.type == .ping }) {
                    pinged[stream, default: 0] += 1
                    inPhase += 1
                }
                largestPhase = max(largestPhase, inPhase)
                // Every agent answers in time.
                for (stream, agentID) in streams { _ = master.handleAgentCall(.pong(agentID: agentID), streamID: stream, now: now) }
                now = now.advanced(by: .seconds(1))
            }
            #expect(pinged.count == 60, "cycle \(cycle): \(pinged.count) of 60 agents pinged")
            #expect(pinged.values.allSatisfy { $0 == 1 }, "cycle \(cycle): an agent was pinged twice")
            // 60 agents over 15 phases: 4 each on average; never all at once.
            #expect(largestPhase <= 15, "cycle \(cycle): \(largestPhase) agents pinged in one phase")
        }
        #expect(master.agents.count == 60)
    }

    @Test func agentsThatNeverAnswerStaggeredPingsBecomeUnreachableAfterTheirMissedPings() throws {
        var (master, _, agentID) = Self.cluster()
        var now = Self.start
        var cycles = 0
        while master.agents[agentID] != nil, cycles < 10 {
            for _ in 0..<MasterState.pingPhases {
                _ = master.pingDueAgents(now: now)
                now = now.advanced(by: .seconds(1))
            }
            cycles += 1
        }
        // Pinged in the first cycle; the next four count missed PONGs; the fifth removes it.
        #expect(cycles == 6)
        #expect(master.unreachableAgents[agentID] != nil)
    }

    @Test func registryRecoveryReadmitsAgentsAndFrameworks() throws {
        let registry = MasterRegistry(
            agents: [.init(info: AgentInfo(hostname: "a1", resources: Self.agentInfo.resources, id: "OLD-S0"))],
            unreachable: [.init(id: "OLD-S1", since: 1)], gone: ["OLD-S2"],
            frameworks: [FrameworkInfo(user: "u", name: "n", id: "OLD-0000", failoverTimeout: 60)])
        var master = Self.master(registry: registry)
        #expect(master.recoveringAgents["OLD-S0"] != nil)
        #expect(master.frameworks["OLD-0000"]?.isConnected == false)
        let task = MesosTask(name: "t", taskID: "t", frameworkID: "OLD-0000", agentID: "OLD-S0", state: .running,
                             resources: [.scalar(name: "cpus", value: 1)])
        let actions = master.agentSubscribe(.init(agentInfo: registry.agents[0].info, tasks: [task]), streamID: "a", now: Self.start)
        #expect(Self.agentEvents(actions, "a").first?.subscribed?.agentID == "OLD-S0")
        #expect(master.recoveringAgents.isEmpty)
        #expect(master.frameworks["OLD-0000"]?.tasks["t"]?.state == .running)
        let gone = master.agentSubscribe(.init(agentInfo: AgentInfo(hostname: "x", id: "OLD-S2")), streamID: "g", now: Self.start)
        #expect(Self.agentEvents(gone, "g").first?.type == .shutdown)
        let back = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n", id: "OLD-0000")), streamID: "f", now: Self.start)
        #expect(Self.frameworkEvents(back, "f").first?.subscribed?.frameworkID == "OLD-0000")
        let roundTrip = try MesosJSON.decode(MasterRegistry.self, from: MesosJSON.encode(master.registry))
        #expect(roundTrip.agents.map(\.info.id) == ["OLD-S0"])
        #expect(roundTrip.gone == ["OLD-S2"])
    }

    @Test func callValidationTexts() {
        #expect(SchedulerCallValidation.problem(Scheduler.Call(type: nil)) == "Expecting 'type' to be present")
        #expect(SchedulerCallValidation.problem(Scheduler.Call(type: .subscribe)) == "Expecting 'subscribe' to be present")
        #expect(SchedulerCallValidation.problem(Scheduler.Call(frameworkID: "a", type: .subscribe, subscribe: .init(frameworkInfo: FrameworkInfo(user: "u", name: "n", id: "b"))))
                == "'framework_id' differs from 'subscribe.framework_info.id'")
        #expect(SchedulerCallValidation.problem(Scheduler.Call(frameworkID: "a", type: .accept)) == "Expecting 'accept' to be present")
        #expect(SchedulerCallValidation.problem(.acknowledge(frameworkID: "a", agentID: "s", taskID: "t", uuid: Data([1]))) == "Not a valid UUID")
        #expect(SchedulerCallValidation.problem(.teardown(frameworkID: "a")) == nil)
    }
}

extension Result where Failure == CallRejection {
    var rejection: CallRejection? {
        if case .failure(let rejection) = self { return rejection }
        return nil
    }
}
