import Foundation
import MesosModel
import Testing

/// The Mesos JSON mapping rules, checked on the messages the master handles.
@Suite("Mesos JSON mapping rules")
struct CodingRulesTests {
    @Test func unknownCallTypeDecodesWithNilTypeAndKeepsTheRest() throws {
        let json = #"{"type":"FROBNICATE","framework_id":{"value":"F"},"frobnicate":{"x":1}}"#
        let call = try MesosJSON.decode(Scheduler.Call.self, from: Data(json.utf8))
        #expect(call.type == nil)
        #expect(call.frameworkID == "F")
        let executorCall = try MesosJSON.decode(
            Executor.Call.self,
            from: Data(#"{"type":"NEW","executor_id":{"value":"e"},"framework_id":{"value":"f"}}"#.utf8))
        #expect(executorCall.type == nil)
        let event = try MesosJSON.decode(Scheduler.Event.self, from: Data(#"{"type":"SOMETHING_NEW"}"#.utf8))
        #expect(event.type == nil)
    }

    @Test func missingCallTypeIsNilToo() throws {
        let call = try MesosJSON.decode(Scheduler.Call.self, from: Data("{}".utf8))
        #expect(call.type == nil)
        #expect(call == Scheduler.Call(type: nil))
    }

    @Test func unknownEnumInRequiredTaskStateIsAnError() {
        let json = #"{"type":"UPDATE","update":{"status":{"task_id":{"value":"t"},"state":"TASK_HAPPY"}}}"#
        #expect(throws: DecodingError.self) {
            try MesosJSON.decode(Scheduler.Event.self, from: Data(json.utf8))
        }
    }

    @Test func unknownEnumsInOptionalFieldsAreDropped() throws {
        let json = #"""
            {"task_id":{"value":"t"},"state":"TASK_FAILED","source":"SOURCE_SATELLITE",
             "reason":"REASON_COSMIC_RAY","message":"boom"}
            """#
        let status = try MesosJSON.decode(TaskStatus.self, from: Data(json.utf8))
        #expect(status.state == .failed)
        #expect(status.source == nil)
        #expect(status.reason == nil)
        #expect(status.message == "boom")
    }

    @Test func unknownNamesInRepeatedEnumFieldsAreDropped() throws {
        let json = #"{"capabilities":["NET_ADMIN","CAP_FROM_THE_FUTURE","SYS_ADMIN"]}"#
        let info = try MesosJSON.decode(CapabilityInfo.self, from: Data(json.utf8))
        #expect(info.capabilities == [.netAdmin, .sysAdmin])
    }

    @Test func unknownCapabilityKeepsItsSlot() throws {
        let json = #"{"user":"u","name":"n","capabilities":[{"type":"TELEPATHY"},{"type":"MULTI_ROLE"}]}"#
        let info = try MesosJSON.decode(FrameworkInfo.self, from: Data(json.utf8))
        #expect(info.capabilities.map(\.type) == [nil, .multiRole])
        #expect(info.hasCapability(.multiRole))
    }

    @Test func emptyRepeatedAndMapFieldsAreOmitted() throws {
        let call = Scheduler.Call.accept(frameworkID: "F", offerIDs: [], operations: [])
        try expectEncodes(call, as: #"{"framework_id":{"value":"F"},"type":"ACCEPT","accept":{}}"#)
        let info = FrameworkInfo(user: "u", name: "n")
        try expectEncodes(info, as: #"{"user":"u","name":"n"}"#)
        let task = TaskInfo(name: "t", taskID: "t", agentID: "a")
        try expectEncodes(task, as: #"{"name":"t","task_id":{"value":"t"},"agent_id":{"value":"a"}}"#)
    }

    @Test func uuidBase64RoundTrip() throws {
        let uuid = UUID()
        let bytes = MesosUUID(uuid).value
        #expect(bytes.count == 16)
        let status = TaskStatus(taskID: "t", state: .running, agentID: "S0", uuid: bytes)
        let json = try encodedJSON(status)
        #expect(json["uuid"] == .string(bytes.base64EncodedString()))
        let decoded = try MesosJSON.decode(TaskStatus.self, from: MesosJSON.encode(status))
        #expect(decoded.uuid == bytes)
        #expect(decoded == status)
    }

    @Test func invalidBase64IsADecodingError() {
        let json = #"{"agent_id":{"value":"S"},"task_id":{"value":"t"},"uuid":"not base64!"}"#
        #expect(throws: DecodingError.self) {
            try MesosJSON.decode(Scheduler.Call.Acknowledge.self, from: Data(json.utf8))
        }
        let oneCharTooMany = #"{"agent_id":{"value":"S"},"task_id":{"value":"t"},"uuid":"AAAAA"}"#
        #expect(throws: DecodingError.self) {
            try MesosJSON.decode(Scheduler.Call.Acknowledge.self, from: Data(oneCharTooMany.utf8))
        }
    }

    @Test func commandShellDefaultsToTrue() throws {
        let absent = try MesosJSON.decode(CommandInfo.self, from: Data(#"{"value":"echo hi"}"#.utf8))
        #expect(absent.shell == nil)
        #expect(absent.isShell)
        try expectEncodes(absent, as: #"{"value":"echo hi"}"#)
        let off = try MesosJSON.decode(
            CommandInfo.self, from: Data(#"{"shell":false,"value":"/bin/echo","arguments":["echo","hi"]}"#.utf8))
        #expect(!off.isShell)
        #expect(off == .executable("/bin/echo", arguments: ["echo", "hi"]))
    }

    @Test func acknowledgeFromStatusNeedsUUIDAndAgent() {
        let noUUID = TaskStatus(taskID: "t", state: .running, source: .master, agentID: "S0")
        #expect(Scheduler.Call.acknowledge(frameworkID: "F", status: noUUID) == nil)
        let noAgent = TaskStatus(taskID: "t", state: .running, uuid: Data(count: 16))
        #expect(Scheduler.Call.acknowledge(frameworkID: "F", status: noAgent) == nil)
    }

    @Test func subscribeCarriesTheFrameworkIDOfAFailover() throws {
        let info = FrameworkInfo(user: "u", name: "n", id: "M1-0003", failoverTimeout: 60)
        let call = Scheduler.Call.subscribe(frameworkInfo: info)
        try expectEncodes(
            call,
            as: #"""
                {"type":"SUBSCRIBE","framework_id":{"value":"M1-0003"},
                 "subscribe":{"framework_info":{"user":"u","name":"n","id":{"value":"M1-0003"},"failover_timeout":60}}}
                """#)
    }

    @Test func bytesAreWrittenAsPaddedBase64() throws {
        let call = Scheduler.Call.message(frameworkID: "F", agentID: "S", executorID: "E", data: Data("hi".utf8))
        #expect(try encodedJSON(call)["message"]?["data"] == .string("aGk="))
    }

    @Test func slashesAreNotEscaped() throws {
        let data = try MesosJSON.encode(CommandInfo.shell("cat /etc/hosts"))
        #expect(String(decoding: data, as: UTF8.self).contains("cat /etc/hosts"))
    }
}
