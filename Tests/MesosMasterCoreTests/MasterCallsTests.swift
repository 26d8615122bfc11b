import Foundation
import MesosMasterCore
import MesosModel
import Testing

/// The less common scheduler and agent calls of the core.
@Suite("Master calls")
struct MasterCallsTests {
    typealias T = MasterStateTests

    static func firstOffer(_ master: inout MasterState) throws -> Offer {
        try #require(T.frameworkEvents(master.allocate(now: T.start.advanced(by: .milliseconds(20))), "f").first?.offers?.offers.first)
    }

    @Test func launchGroupIsAllOrNothing() throws {
        var (master, frameworkID, agentID) = T.cluster()
        let offer = try Self.firstOffer(&master)
        let executor = ExecutorInfo(type: .default, executorID: "E", resources: [.scalar(name: "cpus", value: 0.1)])
        let good = TaskInfo(name: "g1", taskID: "g1", agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        let alsoGood = TaskInfo(name: "g2", taskID: "g2", agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        let tooBig = TaskInfo(name: "g3", taskID: "g3", agentID: agentID, resources: [.scalar(name: "cpus", value: 100)], command: CommandInfo(value: "x"))
        let refused = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [
            .launchGroup(executor: executor, taskGroup: TaskGroupInfo(tasks: [good, tooBig])),
        ]), streamID: "f", now: T.start).get()
        let statuses = T.frameworkEvents(refused, "f").compactMap(\.update?.status)
        #expect(statuses.map(\.taskID) == ["g1", "g3"])
        #expect(statuses.allSatisfy { $0.state == .error && $0.reason == .taskGroupInvalid })
        #expect(master.frameworks[frameworkID]?.tasks.isEmpty == true)

        let next = try #require(T.frameworkEvents(master.allocate(now: T.start.advanced(by: .seconds(10))), "f").first?.offers?.offers.first)
        let launched = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [next.id], operations: [
            .launchGroup(executor: executor, taskGroup: TaskGroupInfo(tasks: [good, alsoGood])),
        ]), streamID: "f", now: T.start).get()
        let group = try #require(T.agentEvents(launched, "a").first?.runTaskGroup)
        #expect(group.taskGroup.tasks.map(\.taskID) == ["g1", "g2"])
        #expect(group.executor.frameworkID == frameworkID)
        #expect(master.frameworks[frameworkID]?.tasks.count == 2)
        #expect(master.agents[agentID]?.executors[frameworkID]?["E"] != nil)
    }

    @Test func messagesShutdownsAndExecutorExits() throws {
        var (master, frameworkID, agentID) = T.cluster()
        let message = try master.handle(Scheduler.Call(frameworkID: frameworkID, type: .message, message: .init(
            agentID: agentID, executorID: "E", data: Data("hi".utf8))), streamID: "f", now: T.start).get()
        #expect(T.agentEvents(message, "a").first?.message?.data == Data("hi".utf8))
        let shutdown = try master.handle(Scheduler.Call(frameworkID: frameworkID, type: .shutdown, shutdown: .init(
            executorID: "E", agentID: agentID)), streamID: "f", now: T.start).get()
        #expect(T.agentEvents(shutdown, "a").first?.shutdownExecutor?.executorID == "E")

        let fromExecutor = try master.handleAgentCall(AgentProtocol.Call(type: .message, agentID: agentID, message: .init(
            frameworkID: frameworkID, executorID: "E", data: Data([1]))), streamID: "a", now: T.start).get()
        #expect(T.frameworkEvents(fromExecutor, "f").first?.message?.agentID == agentID)
        let exited = try master.handleAgentCall(AgentProtocol.Call(type: .executorExited, agentID: agentID, executorExited: .init(
            frameworkID: frameworkID, executorID: "E", status: 9)), streamID: "a", now: T.start).get()
        let failure = try #require(T.frameworkEvents(exited, "f").first?.failure)
        #expect(failure.executorID == "E")
        #expect(failure.status == 9)
    }

    @Test func agentCallChecks() {
        var (master, _, agentID) = T.cluster()
        #expect(master.handleAgentCall(.pong(agentID: "nobody"), streamID: "a", now: T.start).rejection?.status == 404)
        #expect(master.handleAgentCall(.pong(agentID: agentID), streamID: nil, now: T.start).rejection?.status == 400)
        #expect(master.handleAgentCall(.pong(agentID: agentID), streamID: "old", now: T.start).rejection?.status == 400)
        #expect(master.handleAgentCall(AgentProtocol.Call(type: nil, agentID: agentID), streamID: "a", now: T.start).rejection?.status == 400)
        #expect(master.handleAgentCall(AgentProtocol.Call(type: .update, agentID: agentID), streamID: "a", now: T.start).rejection?.message
                == "Failed to validate agent call: Expecting 'update' to be present")
    }

    @Test func suppressReviveUpdateFrameworkAndRequest() throws {
        var (master, frameworkID, _) = T.cluster()
        _ = try master.handle(.suppress(frameworkID: frameworkID), streamID: "f", now: T.start).get()
        #expect(master.frameworks[frameworkID]?.suppressedRoles == ["*"])
        #expect(T.frameworkEvents(master.allocate(now: T.start.advanced(by: .seconds(1))), "f").isEmpty)
        _ = try master.handle(.revive(frameworkID: frameworkID), streamID: "f", now: T.start).get()
        #expect(master.frameworks[frameworkID]?.suppressedRoles.isEmpty == true)
        #expect(T.frameworkEvents(master.allocate(now: T.start.advanced(by: .seconds(2))), "f").first?.type == .offers)

        var info = FrameworkInfo(user: "u", name: "renamed", id: frameworkID, failoverTimeout: 99)
        _ = try master.handle(Scheduler.Call(frameworkID: frameworkID, type: .updateFramework, updateFramework: .init(frameworkInfo: info)),
                              streamID: "f", now: T.start).get()
        #expect(master.frameworks[frameworkID]?.info.name == "renamed")
        #expect(master.registry.frameworks.first?.failoverTimeout == 99)
        info.role = "/bad"
        #expect(master.handle(Scheduler.Call(frameworkID: frameworkID, type: .updateFramework, updateFramework: .init(frameworkInfo: info)),
                              streamID: "f", now: T.start).rejection?.status == 400)
        let request = Scheduler.Call(frameworkID: frameworkID, type: .request, request: .init(requests: [Request(resources: [.scalar(name: "cpus", value: 1)])]))
        #expect(master.handle(request, streamID: "f", now: T.start).rejection == nil)
        #expect(master.lastAllocatorError == nil)
    }

    @Test func unreachableAgentComingBackKillsTasksOfNonPartitionAwareFrameworks() throws {
        var (master, frameworkID, agentID) = T.cluster()
        let offer = try Self.firstOffer(&master)
        let task = TaskInfo(name: "t", taskID: "t", agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        _ = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [.launch([task])]), streamID: "f", now: T.start).get()
        var now = T.start
        for _ in 0...5 {
            now = now.advanced(by: .seconds(15))
            _ = master.pingAgents(now: now)
        }
        #expect(master.unreachableAgents[agentID] != nil)
        #expect(master.frameworks[frameworkID]?.completedTasks.last?.state == .lost)
        let reported = MesosTask(name: "t", taskID: "t", frameworkID: frameworkID, agentID: agentID, state: .running,
                                 resources: [.scalar(name: "cpus", value: 1)])
        var agentInfo = T.agentInfo
        agentInfo.id = agentID
        let actions = master.agentSubscribe(.init(agentInfo: agentInfo, tasks: [reported]), streamID: "a2", now: now)
        let events = T.agentEvents(actions, "a2")
        #expect(events.first?.type == .subscribed)
        #expect(events.dropFirst().first?.killTask?.taskID == "t")
        #expect(master.unreachableAgents[agentID] == nil)
        #expect(master.agents[agentID]?.isConnected == true)
    }

    @Test func completedHistoryIsBounded() throws {
        var master = T.master { $0.maxCompletedFrameworks = 2 }
        for index in 0..<5 {
            let actions = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n\(index)")), streamID: "s\(index)", now: T.start)
            let id = try #require(T.frameworkEvents(actions, "s\(index)").first?.subscribed?.frameworkID)
            _ = master.teardown(id, now: T.start)
        }
        #expect(master.completedFrameworks.map(\.info.name) == ["n3", "n4"])
        #expect(master.removedFrameworkIDs.count == 2)
    }
}

@Suite("Master agent re-subscription")
struct MasterAgentResubscriptionTests {
    typealias T = MasterStateTests

    @Test func tasksTheAgentDoesNotReportAreLost() throws {
        var (master, frameworkID, agentID) = T.cluster()
        let offer = try MasterCallsTests.firstOffer(&master)
        let tasks = ["kept", "lost"].map {
            TaskInfo(name: $0, taskID: TaskID($0), agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        }
        _ = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [.launch(tasks)]), streamID: "f", now: T.start).get()
        _ = master.agentStreamClosed("a", now: T.start)
        var info = T.agentInfo
        info.id = agentID
        var cpus = Resource.scalar(name: "cpus", value: 1)
        cpus.allocationInfo = AllocationInfo(role: "*")
        let kept = MesosTask(name: "kept", taskID: "kept", frameworkID: frameworkID, agentID: agentID, state: .running, resources: [cpus])
        let actions = master.agentSubscribe(.init(agentInfo: info, tasks: [kept]), streamID: "a2", now: T.start)
        let updates: [TaskStatus] = T.frameworkEvents(actions, "f").compactMap { $0.update?.status }
        #expect(updates.map(\.taskID) == ["lost"])
        #expect(updates.first?.state == .lost)
        #expect(master.frameworks[frameworkID]?.tasks.keys.sorted() == ["kept"])
        #expect(master.agents[agentID]?.used.scalar(named: "cpus") == 1)
    }
}

/// Mutated calls through the decoder, the validation and the core: never a crash.
@Suite("Core fuzzing")
struct MasterCoreFuzzTests {
    typealias T = MasterStateTests

    @Test func mutatedCallsAreRejectedOrApplied() throws {
        var (master, frameworkID, agentID) = T.cluster(FrameworkInfo(user: "u", name: "n", capabilities: [.init(type: .partitionAware)]))
        let seeds: [Scheduler.Call] = [
            .accept(frameworkID: frameworkID, offerIDs: ["M-O0"], operations: [.launch([TaskInfo(
                name: "t", taskID: "t", agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))])]),
            .kill(frameworkID: frameworkID, taskID: "t"),
            .acknowledge(frameworkID: frameworkID, agentID: agentID, taskID: "t", uuid: Data(repeating: 3, count: 16)),
            Scheduler.Call(frameworkID: frameworkID, type: .reconcile, reconcile: .init(tasks: [.init(taskID: "t", agentID: agentID)])),
            .decline(frameworkID: frameworkID, offerIDs: ["M-O1"], filters: Filters(refuseSeconds: 1e300)),
            .revive(frameworkID: frameworkID, roles: ["x"]),
        ]
        var random = UInt64(7)
        func next() -> UInt64 {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return random >> 11
        }
        var decoded = 0
        var now = T.start
        for round in 0..<2000 {
            var bytes = Array(try MesosJSON.encode(seeds[round % seeds.count]))
            for _ in 0..<(1 + Int(next() % 3)) {
                let index = Int(next() % UInt64(bytes.count))
                switch next() % 4 {
                case 0: bytes[index] = UInt8(truncatingIfNeeded: next())
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(contentsOf: Array("-1".utf8), at: index)
                default: bytes.insert(contentsOf: Array("\"\"".utf8), at: index)
                }
            }
            guard let call = try? MesosJSON.decode(Scheduler.Call.self, from: Data(bytes)) else { continue }
            decoded += 1
            if SchedulerCallValidation.problem(call) != nil || call.type == .subscribe { continue }
            now = now.advanced(by: .milliseconds(5))
            _ = master.handle(call, streamID: "f", now: now)
            _ = master.allocate(now: now)
            _ = master.expireTimers(now: now)
        }
        #expect(decoded > 100)
        #expect(master.frameworks[frameworkID] != nil || master.completedFrameworks.contains { $0.id == frameworkID })
    }
}

@Suite("Master partition handling")
struct MasterPartitionTests {
    typealias T = MasterStateTests

    @Test func unreachableTasksOfPartitionAwareFrameworksSettleWhenTheAgentReturns() throws {
        let aware = FrameworkInfo(user: "u", name: "n", capabilities: [.init(type: .partitionAware)])
        var (master, frameworkID, agentID) = T.cluster(aware)
        let offer = try MasterCallsTests.firstOffer(&master)
        let tasks = ["back", "vanished"].map {
            TaskInfo(name: $0, taskID: TaskID($0), agentID: agentID, resources: [.scalar(name: "cpus", value: 1)], command: CommandInfo(value: "x"))
        }
        _ = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [.launch(tasks)]), streamID: "f", now: T.start).get()
        var now = T.start
        var lost: [TaskStatus] = []
        for _ in 0...5 {
            now = now.advanced(by: .seconds(15))
            lost += T.frameworkEvents(master.pingAgents(now: now), "f").compactMap { $0.update?.status }
        }
        #expect(lost.map(\.state) == [.unreachable, .unreachable])
        #expect(master.frameworks[frameworkID]?.tasks.values.allSatisfy { $0.state == .unreachable } == true)
        // Reconciliation while it is away answers TASK_UNREACHABLE.
        let answer = try master.handle(Scheduler.Call(frameworkID: frameworkID, type: .reconcile, reconcile: .init(tasks: [.init(taskID: "back")])),
                                       streamID: "f", now: now).get()
        #expect(T.frameworkEvents(answer, "f").first?.update?.status.state == .unreachable)

        var info = T.agentInfo
        info.id = agentID
        var cpus = Resource.scalar(name: "cpus", value: 1)
        cpus.allocationInfo = AllocationInfo(role: "*")
        let back = MesosTask(name: "back", taskID: "back", frameworkID: frameworkID, agentID: agentID, state: .running, resources: [cpus])
        let actions = master.agentSubscribe(.init(agentInfo: info, tasks: [back]), streamID: "a2", now: now)
        let updates = T.frameworkEvents(actions, "f").compactMap { $0.update?.status }
        #expect(updates.map(\.taskID) == ["vanished"])
        #expect(updates.first?.state == .gone)
        #expect(T.agentEvents(actions, "a2").map(\.type) == [.subscribed])
        #expect(master.frameworks[frameworkID]?.tasks["back"]?.state == .running)
        #expect(master.frameworks[frameworkID]?.tasks["vanished"] == nil)
    }
}

@Suite("Master timers")
struct MasterTimerTests {
    typealias T = MasterStateTests

    @Test func offerTimeoutRescindsInCreationOrder() throws {
        var master = T.master { $0.offerTimeout = .seconds(30) }
        _ = master.agentSubscribe(.init(agentInfo: T.agentInfo), streamID: "a", now: T.start)
        _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n")), streamID: "f", now: T.start)
        let offer = try #require(T.frameworkEvents(master.allocate(now: T.start), "f").first?.offers?.offers.first)
        #expect(T.frameworkEvents(master.expireTimers(now: T.start.advanced(by: .seconds(29))), "f").isEmpty)
        let rescinded = T.frameworkEvents(master.expireTimers(now: T.start.advanced(by: .seconds(30))), "f")
        #expect(rescinded.map(\.type) == [.rescind])
        #expect(rescinded.first?.rescind?.offerID == offer.id)
        #expect(master.offers.isEmpty)
        #expect(master.counters.offersRescinded == 1)
    }

    @Test func recoveredAgentsThatDoNotReturnBecomeUnreachable() {
        let registry = MasterRegistry(agents: [.init(info: AgentInfo(hostname: "a", id: "OLD-S0"))])
        var master = T.master({ $0.agentReregisterTimeout = .seconds(60) }, registry: registry)
        _ = master.expireTimers(now: T.start.advanced(by: .seconds(59)))
        #expect(master.recoveringAgents.count == 1)
        let actions = master.expireTimers(now: T.start.advanced(by: .seconds(60)))
        #expect(master.recoveringAgents.isEmpty)
        #expect(master.unreachableAgents["OLD-S0"] != nil)
        #expect(actions.first == .registryChanged)
    }
}
