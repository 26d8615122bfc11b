import Foundation
import MesosModel
import Testing

/// JSON examples transcribed from Mesos's docs/scheduler-http-api.md. Where the
/// docs contradict the protos (trailing commas, a flat OFFERS list, a top-level
/// ERROR message) the proto form is used, as Mesos itself does.
@Suite("Scheduler HTTP API doc examples")
struct SchedulerDocsExamplesTests {
    @Test func subscribeIgnoresTheLegacyForceField() throws {
        let call = try roundTrip(
            #"""
            {"type": "SUBSCRIBE",
             "subscribe": {"framework_info": {"user": "foo", "name": "Example HTTP Framework"},
                           "force": true}}
            """#, as: Scheduler.Call.self)
        #expect(call.type == .subscribe)
        #expect(call.frameworkID == nil)
        #expect(call.subscribe?.frameworkInfo == FrameworkInfo(user: "foo", name: "Example HTTP Framework"))
        #expect(call == .subscribe(frameworkInfo: FrameworkInfo(user: "foo", name: "Example HTTP Framework")))
    }

    @Test func subscribeWithFullFrameworkInfo() throws {
        let json = #"""
            {"type":"SUBSCRIBE","framework_id":{"value":"M1-0000"},
             "subscribe":{"framework_info":{"user":"root","name":"marathon","id":{"value":"M1-0000"},
               "failover_timeout":604800,"checkpoint":true,"roles":["web","batch"],
               "hostname":"sched1","principal":"marathon","webui_url":"http://sched1:8080/",
               "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"},{"type":"GPU_RESOURCES"}],
               "labels":{"labels":[{"key":"team","value":"infra"}]},
               "offer_filters":{"web":{"min_allocatable_resources":{"quantities":[{"quantities":{"cpus":{"value":1}}}]}}}},
              "suppressed_roles":["batch"]}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        let info = try #require(call.subscribe?.frameworkInfo)
        #expect(info.id == "M1-0000")
        #expect(info.failoverTimeout == 604_800)
        #expect(info.checkpoint == true)
        #expect(info.roles == ["web", "batch"])
        #expect(info.hasCapability(.multiRole))
        #expect(info.hasCapability(.partitionAware))
        #expect(info.hasCapability(.gpuResources))
        #expect(!info.hasCapability(.regionAware))
        #expect(info.labels?["team"] == "infra")
        #expect(info.offerFilters["web"]?.minAllocatableResources?.quantities.first?.quantities["cpus"] == 1)
        #expect(call.subscribe?.suppressedRoles == ["batch"])
        #expect(call == .subscribe(frameworkInfo: info, suppressedRoles: ["batch"]))
        try expectEncodes(call, as: json)
    }

    @Test func subscribedEvent() throws {
        let json = #"""
            {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"12220-3440-12532-2345"},
             "heartbeat_interval_seconds":15}}
            """#
        let event = try roundTrip(json, as: Scheduler.Event.self)
        #expect(event == .subscribed(frameworkID: "12220-3440-12532-2345", heartbeatIntervalSeconds: 15))
        try expectEncodes(event, as: json)
    }

    @Test func teardown() throws {
        let json = #"{"framework_id":{"value":"12220-3440-12532-2345"},"type":"TEARDOWN"}"#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        #expect(call == .teardown(frameworkID: "12220-3440-12532-2345"))
        try expectEncodes(call, as: json)
    }

    @Test func declineWithFilters() throws {
        let json = #"""
            {"framework_id":{"value":"12220-3440-12532-2345"},"type":"DECLINE",
             "decline":{"offer_ids":[{"value":"12220-3440-12532-O12"},{"value":"12220-3440-12532-O13"}],
                        "filters":{"refuse_seconds":30}}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        #expect(
            call == .decline(
                frameworkID: "12220-3440-12532-2345",
                offerIDs: ["12220-3440-12532-O12", "12220-3440-12532-O13"],
                filters: Filters(refuseSeconds: 30)))
        try expectEncodes(call, as: json)
    }

    @Test func reviveAndSuppressWithRoles() throws {
        let revive = try roundTrip(
            #"{"framework_id":{"value":"F"},"type":"REVIVE"}"#, as: Scheduler.Call.self)
        #expect(revive.type == .revive)
        #expect(revive.revive == nil)
        let suppress = Scheduler.Call.suppress(frameworkID: "F", roles: ["web"])
        try expectEncodes(suppress, as: #"{"framework_id":{"value":"F"},"type":"SUPPRESS","suppress":{"roles":["web"]}}"#)
        try expectEncodes(Scheduler.Call.revive(frameworkID: "F"), as: #"{"framework_id":{"value":"F"},"type":"REVIVE","revive":{}}"#)
    }

    @Test func kill() throws {
        let json = #"""
            {"framework_id":{"value":"12220-3440-12532-2345"},"type":"KILL",
             "kill":{"task_id":{"value":"12220-3440-12532-my-task"},"agent_id":{"value":"12220-3440-12532-S1233"}}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        #expect(
            call == .kill(
                frameworkID: "12220-3440-12532-2345", taskID: "12220-3440-12532-my-task",
                agentID: "12220-3440-12532-S1233"))
        try expectEncodes(call, as: json)
    }

    @Test func shutdown() throws {
        let json = #"""
            {"framework_id":{"value":"12220-3440-12532-2345"},"type":"SHUTDOWN",
             "shutdown":{"executor_id":{"value":"123450-2340-1232-my-executor"},
                         "agent_id":{"value":"12220-3440-12532-S1233"}}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        #expect(
            call == .shutdown(
                frameworkID: "12220-3440-12532-2345", executorID: "123450-2340-1232-my-executor",
                agentID: "12220-3440-12532-S1233"))
        try expectEncodes(call, as: json)
    }

    @Test func acknowledgeWithUnpaddedBase64UUID() throws {
        // The docs' uuid has no `=` padding; Mesos accepts it, and so do we.
        let json = #"""
            {"framework_id":{"value":"12220-3440-12532-2345"},"type":"ACKNOWLEDGE",
             "acknowledge":{"agent_id":{"value":"12220-3440-12532-S1233"},
                            "task_id":{"value":"12220-3440-12532-my-task"},"uuid":"jhadf73jhakdlfha723adf"}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        let uuid = try #require(call.acknowledge?.uuid)
        #expect(
            uuid == Data([142, 22, 157, 127, 189, 227, 133, 169, 29, 149, 248, 90, 239, 109, 218, 117]))
        // Output is canonical padded base64.
        #expect(try encodedJSON(call)["acknowledge"]?["uuid"] == .string("jhadf73jhakdlfha723adQ=="))
    }

    @Test func reconcile() throws {
        let json = #"""
            {"framework_id":{"value":"12220-3440-12532-2345"},"type":"RECONCILE",
             "reconcile":{"tasks":[{"task_id":{"value":"312325"},"agent_id":{"value":"123535"}}]}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        #expect(
            call == .reconcile(
                frameworkID: "12220-3440-12532-2345", tasks: [.init(taskID: "312325", agentID: "123535")]))
        try expectEncodes(call, as: json)
        try expectEncodes(
            Scheduler.Call.reconcile(frameworkID: "F"),
            as: #"{"framework_id":{"value":"F"},"type":"RECONCILE","reconcile":{}}"#)
    }

    @Test func messageCall() throws {
        let json = #"""
            {"framework_id":{"value":"12220-3440-12532-2345"},"type":"MESSAGE",
             "message":{"agent_id":{"value":"12220-3440-12532-S1233"},
                        "executor_id":{"value":"my-framework-executor"},"data":"adaf838jahd748jnaldf"}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        let message = try #require(call.message)
        #expect(message.executorID == "my-framework-executor")
        #expect(message.data.base64EncodedString() == "adaf838jahd748jnaldf")
        try expectEncodes(call, as: json)
    }

    @Test func requestCall() throws {
        let json = #"""
            {"framework_id":{"value":"F"},"type":"REQUEST",
             "request":{"requests":[{"agent_id":{"value":"12220-3440-12532-S1233"},
                                     "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1}}]}]}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        #expect(
            call == .request(
                frameworkID: "F",
                requests: [Request(agentID: "12220-3440-12532-S1233", resources: [.scalar(name: "cpus", value: 1)])]))
        try expectEncodes(call, as: json)
    }

    @Test func rescindEvent() throws {
        let json = #"{"type":"RESCIND","rescind":{"offer_id":{"value":"12214-23523-O235235"}}}"#
        let event = try roundTrip(json, as: Scheduler.Event.self)
        #expect(event == .rescind(offerID: "12214-23523-O235235"))
        try expectEncodes(event, as: json)
    }

    @Test func updateEventFromDocsIgnoresUnknownBytesKey() throws {
        let json = #"""
            {"type":"UPDATE","update":{"status":{"task_id":{"value":"12344-my-task"},"state":"TASK_RUNNING",
             "source":"SOURCE_EXECUTOR","uuid":"adfadfadbhgvjayd23r2uahj","bytes":"uhdjfhuagdj63d7hadkf"}}}
            """#
        let event = try roundTrip(json, as: Scheduler.Event.self)
        let status = try #require(event.update?.status)
        #expect(status.state == .running)
        #expect(status.uuid?.base64EncodedString() == "adfadfadbhgvjayd23r2uahj")
        #expect(status.data == nil)
    }

    @Test func messageEvent() throws {
        let json = #"""
            {"type":"MESSAGE","message":{"agent_id":{"value":"12214-23523-S235235"},
             "executor_id":{"value":"12214-23523-my-executor"},"data":"adfadf3t2wa3353dfadf"}}
            """#
        let event = try roundTrip(json, as: Scheduler.Event.self)
        #expect(event.message?.agentID == "12214-23523-S235235")
        try expectEncodes(event, as: json)
    }

    @Test func failureEvent() throws {
        let json = #"""
            {"type":"FAILURE","failure":{"agent_id":{"value":"12214-23523-S235235"},
             "executor_id":{"value":"12214-23523-my-executor"},"status":1}}
            """#
        let event = try roundTrip(json, as: Scheduler.Event.self)
        #expect(event == .failure(agentID: "12214-23523-S235235", executorID: "12214-23523-my-executor", status: 1))
        try expectEncodes(event, as: json)
    }

    @Test func errorEventUsesTheProtoForm() throws {
        let json = #"{"type":"ERROR","error":{"message":"Framework is not authorized"}}"#
        let event = try roundTrip(json, as: Scheduler.Event.self)
        #expect(event == .error(message: "Framework is not authorized"))
        try expectEncodes(event, as: json)
    }

    @Test func heartbeatEventHasNoBody() throws {
        let event = try roundTrip(#"{"type":"HEARTBEAT"}"#, as: Scheduler.Event.self)
        #expect(event == .heartbeat)
        try expectEncodes(Scheduler.Event.heartbeat, as: #"{"type":"HEARTBEAT"}"#)
    }

    @Test func subscribedWithMasterInfo() throws {
        let json = #"""
            {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"M1-0000"},"heartbeat_interval_seconds":15,
             "master_info":{"id":"M1","ip":16777226,"port":5050,"hostname":"m1","version":"1.11.0",
               "address":{"hostname":"m1","ip":"10.0.0.1","port":5050},
               "domain":{"fault_domain":{"region":{"name":"east"},"zone":{"name":"a"}}},
               "capabilities":[{"type":"AGENT_UPDATE"},{"type":"SOME_FUTURE_CAPABILITY"}]}}}
            """#
        let event = try roundTrip(json, as: Scheduler.Event.self)
        let master = try #require(event.subscribed?.masterInfo)
        #expect(master.domain?.faultDomain == .init(region: "east", zone: "a"))
        #expect(master.capabilities.map(\.type) == [.agentUpdate, nil])
    }
}
