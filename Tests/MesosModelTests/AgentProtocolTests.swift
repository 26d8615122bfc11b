import Foundation
import MesosModel
import Testing

@Suite("Agent protocol messages")
struct AgentProtocolTests {
    private static let uuid = Data((0..<16).map { UInt8($0) })

    private static let task = MesosTask(
        name: "web", taskID: "t1", frameworkID: "F1", executorID: "E1", agentID: "M-S0", state: .running,
        resources: [.scalar(name: "cpus", value: 0.5)],
        statuses: [TaskStatus(taskID: "t1", state: .running, source: .executor, agentID: "M-S0", uuid: uuid)],
        statusUpdateState: .starting, statusUpdateUUID: uuid, labels: [Label(key: "k", value: "v")],
        killPolicy: KillPolicy(gracePeriod: DurationInfo(seconds: 3)), user: "nobody")

    @Test func taskEncodesWithProtoNames() throws {
        try expectEncodes(
            MesosTask(name: "n", taskID: "t", frameworkID: "F", agentID: "S", state: .staging,
                      statusUpdateState: .running, statusUpdateUUID: Data([1, 2, 3])),
            as: #"""
                {"name":"n","task_id":{"value":"t"},"framework_id":{"value":"F"},"agent_id":{"value":"S"},
                 "state":"TASK_STAGING","status_update_state":"TASK_RUNNING","status_update_uuid":"AQID"}
                """#)
        #expect(try MesosJSON.decode(MesosTask.self, from: MesosJSON.encode(Self.task)) == Self.task)
    }

    @Test func taskFromLaunchedInfoIsStaging() {
        let info = TaskInfo(name: "n", taskID: "t", agentID: "S", resources: [.scalar(name: "mem", value: 32)],
                            executor: ExecutorInfo(executorID: "E", command: CommandInfo(value: "x")))
        let task = MesosTask(launching: info, frameworkID: "F", user: "u")
        #expect(task.state == .staging)
        #expect(task.executorID == "E")
        #expect(task.resources == info.resources)
        #expect(task.user == "u")
    }

    @Test func taskWithUnknownStateIsRejected() {
        let json = #"{"name":"n","task_id":{"value":"t"},"framework_id":{"value":"F"},"agent_id":{"value":"S"},"state":"TASK_NEW"}"#
        #expect(throws: DecodingError.self) { try MesosJSON.decode(MesosTask.self, from: Data(json.utf8)) }
    }

    @Test func subscribeCallEncodesAgentIDAndBody() throws {
        let call = AgentProtocol.Call.subscribe(.init(
            agentInfo: AgentInfo(hostname: "h", port: 5051, id: "M-S0"), version: "1.0"))
        try expectEncodes(call, as: #"""
            {"type":"SUBSCRIBE","agent_id":{"value":"M-S0"},
             "subscribe":{"agent_info":{"hostname":"h","port":5051,"id":{"value":"M-S0"}},"version":"1.0"}}
            """#)
        let fresh = AgentProtocol.Call.subscribe(.init(agentInfo: AgentInfo(hostname: "h")))
        try expectEncodes(fresh, as: #"{"type":"SUBSCRIBE","subscribe":{"agent_info":{"hostname":"h"}}}"#)
    }

    @Test func everyCallRoundTrips() throws {
        let status = TaskStatus(taskID: "t1", state: .finished, source: .executor, agentID: "M-S0",
                                executorID: "E1", uuid: Self.uuid)
        let calls: [AgentProtocol.Call] = [
            .subscribe(.init(agentInfo: AgentInfo(hostname: "h", resources: [.scalar(name: "cpus", value: 2)], id: "M-S0"),
                             tasks: [Self.task], executors: [ExecutorInfo(executorID: "E1")],
                             frameworks: [FrameworkInfo(user: "u", name: "f", id: "F1")], version: "1")),
            .update(agentID: "M-S0", frameworkID: "F1", status: status, latestState: .finished),
            .pong(agentID: "M-S0"),
            .unsubscribe(agentID: "M-S0"),
            AgentProtocol.Call(type: .executorExited, agentID: "M-S0",
                               executorExited: .init(frameworkID: "F1", executorID: "E1", status: 256)),
            AgentProtocol.Call(type: .message, agentID: "M-S0",
                               message: .init(frameworkID: "F1", executorID: "E1", data: Data("hi".utf8))),
        ]
        #expect(Set(calls.compactMap(\.type)).count == AgentProtocol.Call.CallType.allCases.count - 1)
        for call in calls {
            #expect(try MesosJSON.decode(AgentProtocol.Call.self, from: MesosJSON.encode(call)) == call)
        }
    }

    @Test func updateCallWireForm() throws {
        let call = AgentProtocol.Call.update(
            agentID: "S", frameworkID: "F", status: TaskStatus(taskID: "t", state: .running, uuid: Data([0xff])),
            latestState: .finished)
        try expectEncodes(call, as: #"""
            {"type":"UPDATE","agent_id":{"value":"S"},
             "update":{"status":{"task_id":{"value":"t"},"state":"TASK_RUNNING","uuid":"/w=="},"latest_state":"TASK_FINISHED",
                        "framework_id":{"value":"F"}}}
            """#)
    }

    @Test func unknownCallTypeDecodesAsNil() throws {
        let call = try MesosJSON.decode(AgentProtocol.Call.self, from: Data(#"{"type":"REGISTER"}"#.utf8))
        #expect(call.type == nil)
        let event = try MesosJSON.decode(AgentProtocol.Event.self, from: Data(#"{"type":"LAUNCH_V9"}"#.utf8))
        #expect(event.type == nil)
    }

    @Test func everyEventRoundTrips() throws {
        let framework = FrameworkInfo(user: "u", name: "f", id: "F1")
        let info = TaskInfo(name: "n", taskID: "t1", agentID: "M-S0", command: CommandInfo(value: "true"))
        let events: [AgentProtocol.Event] = [
            .subscribed(.init(agentID: "M-S0", masterInfo: MasterInfo(id: "M", ip: 1, port: 5050), pingIntervalSeconds: 15)),
            .runTask(.init(frameworkInfo: framework, task: info)),
            .runTaskGroup(.init(frameworkInfo: framework, executor: ExecutorInfo(type: .default, executorID: "E"),
                                taskGroup: TaskGroupInfo(tasks: [info]))),
            .killTask(.init(frameworkID: "F1", taskID: "t1", killPolicy: KillPolicy(gracePeriod: DurationInfo(seconds: 1)))),
            .acknowledge(.init(frameworkID: "F1", taskID: "t1", uuid: Self.uuid)),
            .shutdownFramework("F1"),
            .shutdownExecutor(.init(frameworkID: "F1", executorID: "E")),
            .message(.init(frameworkID: "F1", executorID: "E", data: Data([0, 1]))),
            .ping,
            .shutdown("Agent was removed"),
            .error("Agent is not known"),
        ]
        #expect(Set(events.compactMap(\.type)).count == AgentProtocol.Event.EventType.allCases.count - 1)
        for event in events {
            #expect(try MesosJSON.decode(AgentProtocol.Event.self, from: MesosJSON.encode(event)) == event)
        }
    }

    @Test func eventWireForms() throws {
        try expectEncodes(AgentProtocol.Event.ping, as: #"{"type":"PING"}"#)
        try expectEncodes(
            AgentProtocol.Event.killTask(.init(frameworkID: "F", taskID: "t")),
            as: #"{"type":"KILL_TASK","kill_task":{"framework_id":{"value":"F"},"task_id":{"value":"t"}}}"#)
        try expectEncodes(
            AgentProtocol.Event.subscribed(.init(agentID: "M-S3", pingIntervalSeconds: 15)),
            as: #"{"type":"SUBSCRIBED","subscribed":{"agent_id":{"value":"M-S3"},"ping_interval_seconds":15}}"#)
        try expectEncodes(
            AgentProtocol.Event.shutdownFramework("F"),
            as: #"{"type":"SHUTDOWN_FRAMEWORK","shutdown_framework":{"framework_id":{"value":"F"}}}"#)
    }
}
