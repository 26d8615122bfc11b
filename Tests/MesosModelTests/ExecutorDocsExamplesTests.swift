import Foundation
import MesosModel
import Testing

/// JSON examples transcribed from Mesos's docs/executor-http-api.md. Where the
/// docs contradict executor.proto (`agent_info.host`, a top-level MESSAGE `data`)
/// the proto form is used.
@Suite("Executor HTTP API doc examples")
struct ExecutorDocsExamplesTests {
    @Test func subscribeWithUnacknowledgedTasksAndUpdates() throws {
        let json = #"""
            {"type":"SUBSCRIBE","executor_id":{"value":"387aa966-8fc5-4428-a794-5a868a60d3eb"},
             "framework_id":{"value":"49154f1b-8cf6-4421-bf13-8bd11dccd1f1"},
             "subscribe":{
               "unacknowledged_tasks":[{"name":"dummy-task",
                 "task_id":{"value":"d40f3f3e-bbe3-44af-a230-4cb1eae72f67"},
                 "agent_id":{"value":"f1c9cdc5-195e-41a7-a0d7-adaa9af07f81"},
                 "command":{"value":"ls","arguments":["-l","\/tmp"]}}],
               "unacknowledged_updates":[{"framework_id":{"value":"49154f1b-8cf6-4421-bf13-8bd11dccd1f1"},
                 "status":{"source":"SOURCE_EXECUTOR","task_id":{"value":"d40f3f3e-bbe3-44af-a230-4cb1eae72f67"},
                   "state":"TASK_RUNNING","uuid":"ZDQwZjNmM2UtYmJlMy00NGFmLWEyMzAtNGNiMWVhZTcyZjY3Cg=="}}]}}
            """#
        let call = try roundTrip(json, as: Executor.Call.self)
        #expect(call.type == .subscribe)
        #expect(call.executorID == "387aa966-8fc5-4428-a794-5a868a60d3eb")
        #expect(call.frameworkID == "49154f1b-8cf6-4421-bf13-8bd11dccd1f1")
        let task = try #require(call.subscribe?.unacknowledgedTasks.first)
        #expect(task.command?.arguments == ["-l", "/tmp"])
        #expect(task.command?.isShell == true)
        let update = try #require(call.subscribe?.unacknowledgedUpdates.first)
        #expect(update.status.state == .running)
        #expect(update.status.uuid == Data("d40f3f3e-bbe3-44af-a230-4cb1eae72f67\n".utf8))
    }

    @Test func subscribedEvent() throws {
        let json = #"""
            {"type":"SUBSCRIBED","subscribed":{
              "executor_info":{"executor_id":{"value":"387aa966-8fc5-4428-a794-5a868a60d3eb"},
                "command":{"value":"\/path\/to\/executor"},
                "framework_id":{"value":"49154f1b-8cf6-4421-bf13-8bd11dccd1f1"}},
              "framework_info":{"user":"foo","name":"my_framework"},
              "agent_id":{"value":"f1c9cdc5-195e-41a7-a0d7-adaa9af07f81"},
              "agent_info":{"hostname":"agenthost","port":5051},
              "container_id":{"value":"c2","parent":{"value":"c1"}}}}
            """#
        let event = try roundTrip(json, as: Executor.Event.self)
        let subscribed = try #require(event.subscribed)
        #expect(subscribed.executorInfo.command?.value == "/path/to/executor")
        #expect(subscribed.frameworkInfo == FrameworkInfo(user: "foo", name: "my_framework"))
        #expect(subscribed.agentInfo == AgentInfo(hostname: "agenthost", port: 5051))
        #expect(subscribed.containerID == ContainerID(value: "c2", parent: "c1"))
        #expect(subscribed.containerID?.description == "c1.c2")
    }

    @Test func subscribedWithTheDocsAgentInfoIsRejected() {
        // The docs write `agent_info.host`; `hostname` is required by the proto.
        let json = #"""
            {"type":"SUBSCRIBED","subscribed":{
              "executor_info":{"executor_id":{"value":"e"}},
              "framework_info":{"user":"foo","name":"f"},
              "agent_info":{"host":"agenthost","port":5051}}}
            """#
        #expect(throws: DecodingError.self) {
            try MesosJSON.decode(Executor.Event.self, from: Data(json.utf8))
        }
    }

    @Test func updateCall() throws {
        let json = #"""
            {"executor_id":{"value":"387aa966-8fc5-4428-a794-5a868a60d3eb"},
             "framework_id":{"value":"9aaa9d0d-e00d-444f-bfbd-23dd197939a0-0000"},
             "type":"UPDATE",
             "update":{"status":{"executor_id":{"value":"387aa966-8fc5-4428-a794-5a868a60d3eb"},
               "source":"SOURCE_EXECUTOR","state":"TASK_RUNNING",
               "task_id":{"value":"66724cec-2609-4fa0-8d93-c5fb2099d0f8"},
               "uuid":"ZDQwZjNmM2UtYmJlMy00NGFmLWEyMzAtNGNiMWVhZTcyZjY3Cg=="}}}
            """#
        let call = try roundTrip(json, as: Executor.Call.self)
        let status = TaskStatus(
            taskID: "66724cec-2609-4fa0-8d93-c5fb2099d0f8", state: .running, source: .executor,
            executorID: "387aa966-8fc5-4428-a794-5a868a60d3eb",
            uuid: Data("d40f3f3e-bbe3-44af-a230-4cb1eae72f67\n".utf8))
        #expect(
            call == .update(
                executorID: "387aa966-8fc5-4428-a794-5a868a60d3eb",
                frameworkID: "9aaa9d0d-e00d-444f-bfbd-23dd197939a0-0000", status: status))
        try expectEncodes(call, as: json)
    }

    @Test func messageCallUsesTheProtoForm() throws {
        let json = #"""
            {"executor_id":{"value":"e"},"framework_id":{"value":"f"},"type":"MESSAGE",
             "message":{"data":"t+Wonz5fRFKMzCnEptlv5A=="}}
            """#
        let call = try roundTrip(json, as: Executor.Call.self)
        #expect(call.message?.data.count == 16)
        try expectEncodes(call, as: json)
    }

    @Test func launchEventIgnoresTheExtraFrameworkInfo() throws {
        let json = #"""
            {"type":"LAUNCH","launch":{
              "framework_info":{"id":{"value":"49154f1b-8cf6-4421-bf13-8bd11dccd1f1"},"user":"foo","name":"my_framework"},
              "task":{"name":"dummy-task","task_id":{"value":"d40f3f3e-bbe3-44af-a230-4cb1eae72f67"},
                "agent_id":{"value":"f1c9cdc5-195e-41a7-a0d7-adaa9af07f81"},
                "command":{"value":"sleep","arguments":["100"]}}}}
            """#
        let event = try roundTrip(json, as: Executor.Event.self)
        let task = try #require(event.launch?.task)
        #expect(task.name == "dummy-task")
        #expect(task.command == CommandInfo(value: "sleep", arguments: ["100"]))
        #expect(event == .launch(task))
    }

    @Test func killEvent() throws {
        let json = #"{"type":"KILL","kill":{"task_id":{"value":"d40f3f3e-bbe3-44af-a230-4cb1eae72f67"},"kill_policy":{"grace_period":{"nanoseconds":3000000000}}}}"#
        let event = try roundTrip(json, as: Executor.Event.self)
        #expect(
            event == .kill(
                taskID: "d40f3f3e-bbe3-44af-a230-4cb1eae72f67",
                killPolicy: KillPolicy(gracePeriod: DurationInfo(seconds: 3))))
        try expectEncodes(event, as: json)
    }

    @Test func acknowledgedEvent() throws {
        let json = #"""
            {"type":"ACKNOWLEDGED","acknowledged":{"task_id":{"value":"d40f3f3e-bbe3-44af-a230-4cb1eae72f67"},
             "uuid":"ZDQwZjNmM2UtYmJlMy00NGFmLWEyMzAtNGNiMWVhZTcyZjY3Cg=="}}
            """#
        let event = try roundTrip(json, as: Executor.Event.self)
        #expect(
            event == .acknowledged(
                taskID: "d40f3f3e-bbe3-44af-a230-4cb1eae72f67",
                uuid: Data("d40f3f3e-bbe3-44af-a230-4cb1eae72f67\n".utf8)))
        try expectEncodes(event, as: json)
    }

    @Test func messageEvent() throws {
        let json = #"{"type":"MESSAGE","message":{"data":"c2FtcGxlIGRhdGE="}}"#
        let event = try roundTrip(json, as: Executor.Event.self)
        #expect(event == .message(data: Data("sample data".utf8)))
        try expectEncodes(event, as: json)
    }

    @Test func shutdownAndErrorEvents() throws {
        #expect(try roundTrip(#"{"type":"SHUTDOWN"}"#, as: Executor.Event.self) == .shutdown)
        let error = try roundTrip(#"{"type":"ERROR","error":{"message":"Unrecoverable error"}}"#, as: Executor.Event.self)
        #expect(error == .error(message: "Unrecoverable error"))
        try expectEncodes(Executor.Event.heartbeat, as: #"{"type":"HEARTBEAT"}"#)
    }

    @Test func launchGroupEvent() throws {
        let json = #"""
            {"type":"LAUNCH_GROUP","launch_group":{"task_group":{"tasks":[
              {"name":"a","task_id":{"value":"a"},"agent_id":{"value":"S0"}},
              {"name":"b","task_id":{"value":"b"},"agent_id":{"value":"S0"},"limits":{"cpus":{"value":2}}}]}}}
            """#
        let event = try roundTrip(json, as: Executor.Event.self)
        let tasks = try #require(event.launchGroup?.taskGroup.tasks)
        #expect(tasks.map(\.taskID) == ["a", "b"])
        #expect(tasks[0].limits.isEmpty)
        #expect(tasks[1].limits == ["cpus": 2])
        try expectEncodes(event, as: json)
    }
}
