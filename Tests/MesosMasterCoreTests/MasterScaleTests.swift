import Foundation
import MesosMasterCore
import MesosModel
import Testing

/// Many agents and tasks through the core: bookkeeping stays consistent.
@Suite("Master at scale")
struct MasterScaleTests {
    typealias T = MasterStateTests

    @Test func thousandsOfLaunchesUpdatesAndAcknowledgements() throws {
        var master = T.master()
        var now = T.start
        for index in 0..<200 {
            _ = master.agentSubscribe(.init(agentInfo: AgentInfo(
                hostname: "h\(index)", resources: [.scalar(name: "cpus", value: 64), .scalar(name: "mem", value: 65536)])),
                streamID: "a\(index)", now: now)
        }
        _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n")), streamID: "f", now: now)
        let frameworkID: FrameworkID = "M-0000"
        var launched = 0
        var round = 0
        while launched < 3000, round < 50 {
            round += 1
            now = now.advanced(by: .milliseconds(20))
            let offers = T.frameworkEvents(master.allocate(now: now), "f").flatMap { $0.offers?.offers ?? [] }
            for offer in offers {
                let tasks = (0..<25).map { n in
                    TaskInfo(name: "t", taskID: TaskID("t\(launched + n)"), agentID: offer.agentID,
                             resources: [.scalar(name: "cpus", value: 0.1), .scalar(name: "mem", value: 32)], command: CommandInfo(value: "x"))
                }
                launched += tasks.count
                _ = try master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [.launch(tasks)], filters: Filters(refuseSeconds: 0)),
                                      streamID: "f", now: now).get()
            }
        }
        #expect(master.frameworks[frameworkID]?.tasks.count == launched)
        #expect(launched >= 3000)
        for (id, task) in master.frameworks[frameworkID]?.tasks ?? [:] {
            let uuid = Data(repeating: 1, count: 16)
            let stream = "a" + String(task.agentID.value.split(separator: "S").last ?? "")
            _ = master.handleAgentCall(.update(agentID: task.agentID, frameworkID: frameworkID,
                                               status: TaskStatus(taskID: id, state: .finished, agentID: task.agentID, uuid: uuid)),
                                       streamID: stream, now: now)
            _ = master.handle(.acknowledge(frameworkID: frameworkID, agentID: task.agentID, taskID: id, uuid: uuid), streamID: "f", now: now)
        }
        #expect(master.frameworks[frameworkID]?.tasks.isEmpty == true)
        #expect(master.counters.terminalTasks[.finished] == launched)
        #expect(master.agents.values.allSatisfy { $0.used.isEmpty && $0.tasks.isEmpty })
        #expect(master.lastAllocatorError == nil)
    }
}
