import Foundation
import MesosModel
import Testing

/// Every JSON example in the project's wire-contract reference (mesos-v1-api.md).
@Suite("Reference examples (mesos-v1-api.md)")
struct ReferenceExamplesTests {
    static let offersEvent = #"""
        {"type":"OFFERS","offers":{"offers":[{"id":{"value":"M1-O12"},
         "framework_id":{"value":"M1-0000"},"agent_id":{"value":"M1-S0"},"hostname":"agent1",
         "resources":[
          {"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*"},
          {"name":"mem","type":"SCALAR","scalar":{"value":7680.0},"role":"*"},
          {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]},"role":"*"}],
         "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}]}]}}
        """#

    static let acceptCall = #"""
        {"framework_id":{"value":"M1-0000"},"type":"ACCEPT","accept":{
         "offer_ids":[{"value":"M1-O12"}],
         "operations":[{"type":"LAUNCH","launch":{"task_infos":[{
           "name":"web-1","task_id":{"value":"web-1"},"agent_id":{"value":"M1-S0"},
           "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}},
                        {"name":"mem","type":"SCALAR","scalar":{"value":256}},
                        {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31000}]}}],
           "command":{"shell":true,"value":"httpd -f -p 80",
                      "environment":{"variables":[{"name":"FOO","value":"bar"}]}},
           "container":{"type":"DOCKER","docker":{"image":"busybox","network":"BRIDGE",
              "port_mappings":[{"host_port":31000,"container_port":80,"protocol":"tcp"}],
              "force_pull_image":false,"parameters":[{"key":"label","value":"a=b"}]},
              "volumes":[{"container_path":"/data","host_path":"/srv/data","mode":"RW"}]}}]}}],
         "filters":{"refuse_seconds":5.0}}}
        """#

    static let updateEvent = #"""
        {"type":"UPDATE","update":{"status":{"task_id":{"value":"web-1"},"state":"TASK_RUNNING",
         "source":"SOURCE_EXECUTOR","agent_id":{"value":"M1-S0"},"executor_id":{"value":"web-1"},
         "timestamp":1470820172.07315,"uuid":"hTaLQ0b5Q1OZuab7QclTKQ=="}}}
        """#

    static let acknowledgeCall = #"""
        {"framework_id":{"value":"M1-0000"},"type":"ACKNOWLEDGE","acknowledge":{
         "agent_id":{"value":"M1-S0"},"task_id":{"value":"web-1"},"uuid":"hTaLQ0b5Q1OZuab7QclTKQ=="}}
        """#

    static let zooKeeperMasterInfo = #"""
        {"id":"9d4b1c2e-7a8f-4a51-9d0e-3f2b6c1a8e77","ip":16777226,
         "port":5050,"pid":"master@10.0.0.1:5050","hostname":"m1","version":"1.11.0",
         "address":{"hostname":"m1","ip":"10.0.0.1","port":5050}}
        """#

    static let uuidBytes: [UInt8] = [
        0x85, 0x36, 0x8B, 0x43, 0x46, 0xF9, 0x43, 0x53, 0x99, 0xB9, 0xA6, 0xFB, 0x41, 0xC9, 0x53, 0x29,
    ]

    @Test func offersEventDecodesNestedFormAndReencodesIdentically() throws {
        let event = try roundTrip(Self.offersEvent, as: Scheduler.Event.self)
        #expect(event.type == .offers)
        let offers = try #require(event.offers?.offers)
        #expect(offers.count == 1)
        let offer = try #require(offers.first)
        #expect(offer.id == "M1-O12")
        #expect(offer.frameworkID == "M1-0000")
        #expect(offer.agentID == "M1-S0")
        #expect(offer.hostname == "agent1")
        #expect(
            offer.resources == [
                .scalar(name: "cpus", value: 4, role: "*"),
                .scalar(name: "mem", value: 7680, role: "*"),
                .ranges(name: "ports", ranges: [Value.Range(31000...32000)], role: "*"),
            ])
        #expect(offer.attributes == [.text(name: "rack", value: "r1")])
        #expect(offer.executorIDs.isEmpty)
        try expectEncodes(event, as: Self.offersEvent)
        try expectEncodes(Scheduler.Event.offers(offers), as: Self.offersEvent)
    }

    @Test func acceptWithDockerTaskDecodesEveryField() throws {
        let call = try roundTrip(Self.acceptCall, as: Scheduler.Call.self)
        #expect(call.type == .accept)
        #expect(call.frameworkID == "M1-0000")
        let accept = try #require(call.accept)
        #expect(accept.offerIDs == ["M1-O12"])
        #expect(accept.filters == Filters(refuseSeconds: 5))
        let operation = try #require(accept.operations.first)
        #expect(operation.type == .launch)
        let task = try #require(operation.launch?.taskInfos.first)
        #expect(task.name == "web-1")
        #expect(task.taskID == "web-1")
        #expect(task.agentID == "M1-S0")
        #expect(task.executor == nil)
        #expect(
            task.resources == [
                .scalar(name: "cpus", value: 0.5),
                .scalar(name: "mem", value: 256),
                .ranges(name: "ports", ranges: [Value.Range(31000...31000)]),
            ])
        let command = try #require(task.command)
        #expect(command.isShell)
        #expect(command.value == "httpd -f -p 80")
        #expect(command.environment == Environment(["FOO": "bar"]))
        let container = try #require(task.container)
        #expect(container.type == .docker)
        #expect(container.volumes == [Volume(mode: .rw, containerPath: "/data", hostPath: "/srv/data")])
        let docker = try #require(container.docker)
        #expect(docker.image == "busybox")
        #expect(docker.network == .bridge)
        #expect(docker.portMappings == [.init(hostPort: 31000, containerPort: 80, protocol: "tcp")])
        #expect(docker.forcePullImage == false)
        #expect(docker.parameters == [Parameter(key: "label", value: "a=b")])
        try expectEncodes(call, as: Self.acceptCall)
    }

    @Test func acceptBuiltFromConstructorsMatchesTheExample() throws {
        let task = TaskInfo(
            name: "web-1", taskID: "web-1", agentID: "M1-S0",
            resources: [
                .scalar(name: "cpus", value: 0.5), .scalar(name: "mem", value: 256),
                .ranges(name: "ports", ranges: [Value.Range(31000...31000)]),
            ],
            command: .shell("httpd -f -p 80", environment: Environment(["FOO": "bar"])),
            container: ContainerInfo(
                type: .docker,
                volumes: [Volume(mode: .rw, containerPath: "/data", hostPath: "/srv/data")],
                docker: .init(
                    image: "busybox", network: .bridge,
                    portMappings: [.init(hostPort: 31000, containerPort: 80, protocol: "tcp")],
                    parameters: [Parameter(key: "label", value: "a=b")], forcePullImage: false)))
        let call = Scheduler.Call.accept(
            frameworkID: "M1-0000", offerIDs: ["M1-O12"], operations: [.launch([task])],
            filters: Filters(refuseSeconds: 5))
        try expectEncodes(call, as: Self.acceptCall)
    }

    @Test func updateEventCarriesStatusWithUUID() throws {
        let event = try roundTrip(Self.updateEvent, as: Scheduler.Event.self)
        #expect(event.type == .update)
        let status = try #require(event.update?.status)
        #expect(status.taskID == "web-1")
        #expect(status.state == .running)
        #expect(status.source == .executor)
        #expect(status.agentID == "M1-S0")
        #expect(status.executorID == "web-1")
        #expect(status.timestamp == 1470820172.07315)
        #expect(status.uuid == Data(Self.uuidBytes))
        try expectEncodes(event, as: Self.updateEvent)
    }

    @Test func acknowledgeCallMatchesTheUpdateItAcknowledges() throws {
        let call = try roundTrip(Self.acknowledgeCall, as: Scheduler.Call.self)
        #expect(call.type == .acknowledge)
        let acknowledge = try #require(call.acknowledge)
        #expect(acknowledge.agentID == "M1-S0")
        #expect(acknowledge.taskID == "web-1")
        #expect(acknowledge.uuid == Data(Self.uuidBytes))
        try expectEncodes(call, as: Self.acknowledgeCall)

        let update = try MesosJSON.decode(Scheduler.Event.self, from: Data(Self.updateEvent.utf8))
        let status = try #require(update.update?.status)
        let built = try #require(Scheduler.Call.acknowledge(frameworkID: "M1-0000", status: status))
        #expect(built == call)
    }

    @Test func zooKeeperMasterInfoDecodes() throws {
        let info = try roundTrip(Self.zooKeeperMasterInfo, as: MasterInfo.self)
        #expect(info.id == "9d4b1c2e-7a8f-4a51-9d0e-3f2b6c1a8e77")
        #expect(info.ip == 16_777_226)
        #expect(PackedIPv4.unpack(info.ip) == "10.0.0.1")
        #expect(PackedIPv4.pack("10.0.0.1") == info.ip)
        #expect(info.port == 5050)
        #expect(info.pid == "master@10.0.0.1:5050")
        #expect(info.hostname == "m1")
        #expect(info.version == "1.11.0")
        #expect(info.address == Address(hostname: "m1", ip: "10.0.0.1", port: 5050))
        #expect(info.capabilities.isEmpty)
        try expectEncodes(info, as: Self.zooKeeperMasterInfo)
    }
}
