import Foundation
import MesosMasterCore
import MesosModel
import Testing

@testable import MesosMaster

/// `/master/tasks` pages come out exactly as a sort of every task would give them.
@Suite("Task pages")
struct TaskPageTests {
    /// Three frameworks with active and completed tasks (ids chosen so string order matters).
    static func state() throws -> MasterState {
        let now = MasterTime(instant: .now, wallSeconds: 1_700_000_000)
        var configuration = MasterConfiguration(masterInfo: MasterInfo(id: "M", ip: 16_777_343, port: 5050, hostname: "m"))
        configuration.allocator.allocationInterval = .milliseconds(10)
        var master = MasterState(configuration: configuration, registry: nil, now: now)
        for agent in 0..<3 {
            _ = master.agentSubscribe(.init(agentInfo: AgentInfo(
                hostname: "h\(agent)", resources: [.scalar(name: "cpus", value: 64), .scalar(name: "mem", value: 65536)])),
                streamID: StreamID("a\(agent)"), now: now)
        }
        for framework in 0..<3 {
            _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "f\(framework)")), streamID: StreamID("f\(framework)"), now: now)
        }
        var clock = now
        var launched: Set<Int> = []
        var rounds = 0
        while launched.count < 3, rounds < 100 {
            rounds += 1
            clock = clock.advanced(by: .seconds(10))
            let actions = master.allocate(now: clock)
            for framework in 0..<3 where !launched.contains(framework) {
                let stream = StreamID("f\(framework)")
                let events = actions.compactMap { action -> Scheduler.Event? in
                    if case .sendToFramework(stream, let event) = action { event } else { nil }
                }
                guard let offer = events.flatMap({ $0.offers?.offers ?? [] }).first else { continue }
                launched.insert(framework)
                let tasks = (0..<(5 + framework * 3)).map { n in
                    TaskInfo(name: "t", taskID: TaskID("task-\(n * 7 % 11)-\(n)"), agentID: offer.agentID,
                             resources: [.scalar(name: "cpus", value: 0.1), .scalar(name: "mem", value: 1)], command: CommandInfo(value: "x"))
                }
                let id = offer.frameworkID
                _ = try master.handle(.accept(frameworkID: id, offerIDs: [offer.id], operations: [.launch(tasks)], filters: Filters(refuseSeconds: 0)),
                                      streamID: stream, now: clock).get()
                let agentStream = try #require(master.agents[offer.agentID]?.streamID)
                // Finish and acknowledge the first two: they move to the completed tasks.
                for task in tasks.prefix(2) {
                    let uuid = Data(repeating: 7, count: 16)
                    _ = master.handleAgentCall(.update(agentID: offer.agentID, frameworkID: id,
                                                       status: TaskStatus(taskID: task.taskID, state: .finished, agentID: offer.agentID, uuid: uuid)),
                                               streamID: agentStream, now: clock)
                    _ = master.handle(.acknowledge(frameworkID: id, agentID: offer.agentID, taskID: task.taskID, uuid: uuid), streamID: stream, now: clock)
                }
            }
        }
        try #require(launched.count == 3)
        return master
    }

    /// The straightforward definition: every task, sorted, then sliced.
    static func reference(_ state: MasterState, _ page: TaskPage) -> [String] {
        var tasks: [MesosTask] = []
        for framework in state.frameworks.values where page.frameworkID == nil || framework.id.value == page.frameworkID {
            tasks += framework.tasks.values
            tasks += framework.completedTasks
        }
        if let id = page.taskID { tasks = tasks.filter { $0.taskID.value == id } }
        tasks.sort { ($0.frameworkID, $0.taskID) < ($1.frameworkID, $1.taskID) }
        if page.descending { tasks.reverse() }
        return tasks.dropFirst(page.offset).prefix(page.limit).map { "\($0.frameworkID.value)/\($0.taskID.value)" }
    }

    @Test func everyOffsetLimitAndOrderMatchesAFullSort() throws {
        let state = try Self.state()
        let total = state.frameworks.values.reduce(0) { $0 + $1.tasks.count + $1.completedTasks.count }
        #expect(total == 5 + 8 + 11)
        #expect(state.frameworks.values.allSatisfy { $0.completedTasks.count == 2 })
        for descending in [false, true] {
            for limit in [0, 1, 3, 7, 100] {
                for offset in 0...(total + 1) {
                    let page = TaskPage(limit: limit, offset: offset, descending: descending)
                    let got = page.tasks(in: state).map { "\($0.frameworkID.value)/\($0.taskID.value)" }
                    #expect(got == Self.reference(state, page), "limit \(limit) offset \(offset) descending \(descending)")
                }
            }
        }
    }

    @Test func filtersByFrameworkAndTask() throws {
        let state = try Self.state()
        let framework = try #require(state.frameworks.keys.sorted().last)
        for offset in 0..<13 {
            let page = TaskPage(limit: 4, offset: offset, descending: false, frameworkID: framework.value)
            #expect(page.tasks(in: state).map { "\($0.frameworkID.value)/\($0.taskID.value)" } == Self.reference(state, page))
        }
        let completed = try #require(state.frameworks[framework]?.completedTasks.first?.taskID.value)
        let byTask = TaskPage(limit: 100, offset: 0, descending: false, taskID: completed)
        // Every framework has a (completed) task of that id: one from each.
        let found = byTask.tasks(in: state).map { "\($0.frameworkID.value)/\($0.taskID.value)" }
        #expect(found == Self.reference(state, byTask))
        #expect(found.count == 3)
        #expect(TaskPage(limit: 100, offset: 0, descending: false, taskID: "no-such-task").tasks(in: state).isEmpty)
    }
}
