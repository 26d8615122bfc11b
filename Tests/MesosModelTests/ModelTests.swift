import Foundation
import MesosModel
import Testing

@Suite("Model values")
struct ModelTests {
    @Test(arguments: [
        (TaskState.finished, true), (.failed, true), (.killed, true), (.error, true), (.lost, true),
        (.dropped, true), (.gone, true), (.goneByOperator, true), (.staging, false), (.starting, false),
        (.running, false), (.killing, false), (.unreachable, false), (.unknown, false),
    ])
    func terminalTaskStates(state: TaskState, terminal: Bool) {
        #expect(state.isTerminal == terminal)
    }

    @Test func everyTaskStateNameRoundTrips() throws {
        #expect(TaskState.allCases.count == 14)
        for state in TaskState.allCases {
            let status = TaskStatus(taskID: "t", state: state)
            #expect(try MesosJSON.decode(TaskStatus.self, from: MesosJSON.encode(status)).state == state)
        }
        #expect(TaskStatus.Reason.allCases.count == 35)
        #expect(TaskStatus.Reason(rawValue: "REASON_INVALID_OFFERS") == .invalidOffers)
        #expect(TaskStatus.Reason(rawValue: "REASON_RECONCILIATION") == .reconciliation)
        #expect(TaskStatus.Reason.allCases.allSatisfy { $0.rawValue.hasPrefix("REASON_") })
    }

    @Test func idsAreStringLiteralsAndSortByValue() {
        let ids: [OfferID] = ["M-O2", "M-O10", "M-O1"]
        #expect(ids.sorted().map(\.value) == ["M-O1", "M-O10", "M-O2"])
        #expect(AgentID("M-S0").description == "M-S0")
    }

    @Test func nestedContainerIDRoundTrips() throws {
        let id = ContainerID(value: "c3", parent: ContainerID(value: "c2", parent: "c1"))
        try expectEncodes(id, as: #"{"value":"c3","parent":{"value":"c2","parent":{"value":"c1"}}}"#)
        #expect(try MesosJSON.decode(ContainerID.self, from: MesosJSON.encode(id)) == id)
        #expect(id.description == "c1.c2.c3")
        #expect(id != ContainerID(value: "c3", parent: "c2"))
        var reparented = id
        reparented.parent = nil
        #expect(reparented == "c3")
    }

    @Test(arguments: [
        ("10.0.0.1", UInt32?.some(16_777_226)), ("127.0.0.1", 16_777_343), ("255.255.255.255", .max),
        ("0.0.0.0", 0), ("1.2.3", nil), ("1.2.3.256", nil), ("1.2.3.4.5", nil), ("a.b.c.d", nil),
        ("1..2.3", nil), ("+1.2.3.4", nil), ("0001.2.3.4", nil),
    ])
    func packedIPv4(dotted: String, packed: UInt32?) {
        #expect(PackedIPv4.pack(dotted) == packed)
        if let packed {
            #expect(PackedIPv4.unpack(packed) == dotted)
        }
    }

    @Test func durationConversions() {
        #expect(DurationInfo(seconds: 1.5).nanoseconds == 1_500_000_000)
        #expect(DurationInfo(nanoseconds: 2_000_000_000).seconds == 2)
        #expect(DurationInfo(seconds: .infinity).nanoseconds == .max)
        #expect(DurationInfo(seconds: -.infinity).nanoseconds == .min)
        #expect(DurationInfo(seconds: .nan).nanoseconds == 0)
        #expect(TimeInfo(secondsSinceEpoch: 1.25).nanoseconds == 1_250_000_000)
    }

    @Test func labelsLookUpTheFirstValue() {
        let labels: Labels = [Label(key: "a", value: "1"), Label(key: "a", value: "2"), Label(key: "b")]
        #expect(labels["a"] == "1")
        #expect(labels["b"] == nil)
        #expect(labels["c"] == nil)
    }

    @Test func offerOperationsRoundTrip() throws {
        let volume = Resource(
            name: "disk", type: .scalar, scalar: 64, reservations: [ReservationInfo(type: .dynamic, role: "db")],
            disk: DiskInfo(persistence: .init(id: "v1"), volume: Volume(mode: .rw, containerPath: "data")))
        let executor = ExecutorInfo(type: .default, executorID: "E", frameworkID: "F")
        let operations: [Offer.Operation] = [
            .reserve([.scalar(name: "cpus", value: 1)]), .unreserve([.scalar(name: "cpus", value: 1)]),
            .create([volume]), .destroy([volume]),
            .launchGroup(executor: executor, taskGroup: TaskGroupInfo(tasks: [TaskInfo(name: "t", taskID: "t", agentID: "S")])),
            Offer.Operation(type: .growVolume, growVolume: .init(volume: volume, addition: .scalar(name: "disk", value: 1))),
            Offer.Operation(type: .shrinkVolume, shrinkVolume: .init(volume: volume, subtract: 1)),
            Offer.Operation(type: .createDisk, createDisk: .init(source: volume, targetType: .mount, targetProfile: "fast")),
            Offer.Operation(type: .destroyDisk, destroyDisk: .init(source: volume)),
        ]
        let decoded = try MesosJSON.decode([Offer.Operation].self, from: MesosJSON.encode(operations))
        #expect(decoded == operations)
        let json = try encodedJSON(operations[4])
        #expect(json["type"] == .string("LAUNCH_GROUP"))
        #expect(json["launch_group"]?["executor"]?["type"] == .string("DEFAULT"))
        #expect(json["launch_group"]?["task_group"]?["tasks"] != nil)
    }

    @Test func taskWithEveryOptionalPartRoundTrips() throws {
        let json = #"""
            {"name":"db","task_id":{"value":"db-1"},"agent_id":{"value":"S0"},
             "executor":{"type":"CUSTOM","executor_id":{"value":"ex"},"framework_id":{"value":"F"},
               "command":{"uris":[{"value":"http://x/ex.tgz","executable":false,"extract":true,"cache":true,"output_file":"ex.tgz"}],
                          "value":"./ex","user":"nobody"},
               "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.1}}],
               "name":"my executor","source":"src","data":"AQID",
               "shutdown_grace_period":{"nanoseconds":5000000000},
               "labels":{"labels":[{"key":"k","value":"v"}]}},
             "container":{"type":"MESOS","hostname":"db",
               "mesos":{"image":{"type":"DOCKER","docker":{"name":"postgres:16"},"cached":false}},
               "volumes":[{"mode":"RO","container_path":"/cfg",
                           "source":{"type":"SANDBOX_PATH","sandbox_path":{"type":"PARENT","path":"cfg"}}},
                          {"mode":"RW","container_path":"/d",
                           "source":{"type":"DOCKER_VOLUME","docker_volume":{"driver":"rexray","name":"v",
                             "driver_options":{"parameter":[{"key":"size","value":"5"}]}}}},
                          {"mode":"RW","container_path":"/h",
                           "source":{"type":"HOST_PATH","host_path":{"path":"/srv","mount_propagation":{"mode":"BIDIRECTIONAL"}}}},
                          {"mode":"RO","container_path":"/s",
                           "source":{"type":"SECRET","secret":{"type":"REFERENCE","reference":{"name":"db","key":"pw"}}}}],
               "network_infos":[{"name":"overlay","ip_addresses":[{"protocol":"IPv4"},{"ip_address":"10.1.0.5"}],
                 "groups":["g"],"labels":{"labels":[{"key":"a"}]},
                 "port_mappings":[{"host_port":31001,"container_port":5432,"protocol":"tcp"}]}],
               "linux_info":{"effective_capabilities":{"capabilities":["NET_BIND_SERVICE"]},
                 "share_pid_namespace":false,"seccomp":{"unconfined":true},"ipc_mode":"PRIVATE","shm_size":64,
                 "share_cgroups":true},
               "rlimit_info":{"rlimits":[{"type":"RLMT_NOFILE","hard":4096,"soft":1024},{"type":"RLMT_AS"}]},
               "tty_info":{"window_size":{"rows":24,"columns":80}}},
             "health_check":{"type":"HTTP","http":{"scheme":"http","port":8080,"path":"/health","statuses":[200]},
               "delay_seconds":1,"interval_seconds":2,"timeout_seconds":3,"consecutive_failures":4,
               "grace_period_seconds":5},
             "check":{"type":"TCP","tcp":{"port":5432},"delay_seconds":0.5},
             "kill_policy":{"grace_period":{"nanoseconds":10000000000}},
             "data":"aGVsbG8=","labels":{"labels":[{"key":"tier","value":"db"}]},
             "discovery":{"visibility":"CLUSTER","name":"db","ports":{"ports":[{"number":5432,"name":"pg",
               "protocol":"tcp","visibility":"FRAMEWORK"}]}},
             "max_completion_time":{"nanoseconds":60000000000},
             "limits":{"mem":{"value":1024}}}
            """#
        let task = try roundTrip(json, as: TaskInfo.self)
        #expect(task.executor?.data == Data([1, 2, 3]))
        #expect(task.executor?.command?.uris.first?.outputFile == "ex.tgz")
        #expect(task.container?.mesos?.image == Image(type: .docker, docker: .init(name: "postgres:16"), cached: false))
        #expect(task.container?.volumes.count == 4)
        #expect(task.container?.linuxInfo?.effectiveCapabilities?.capabilities == [.netBindService])
        #expect(task.container?.rlimitInfo?.rlimits.map(\.type) == [.nofile, .as])
        #expect(task.healthCheck?.http?.statuses == [200])
        #expect(task.check?.tcp?.port == 5432)
        #expect(task.killPolicy?.gracePeriod?.seconds == 10)
        #expect(task.discovery?.ports?.ports.first?.visibility == .framework)
        #expect(task.limits["mem"] == 1024)
        try expectEncodes(task, as: json)
    }

    @Test func taskStatusWithContainerAndCheckStatusRoundTrips() throws {
        let json = #"""
            {"task_id":{"value":"t"},"state":"TASK_UNREACHABLE","source":"SOURCE_MASTER",
             "reason":"REASON_AGENT_DISCONNECTED","healthy":true,
             "check_status":{"type":"COMMAND","command":{"exit_code":1}},
             "container_status":{"container_id":{"value":"c"},"executor_pid":42,
               "network_infos":[{"ip_addresses":[{"ip_address":"10.0.0.9"}]}]},
             "unreachable_time":{"nanoseconds":1700000000000000000},
             "limitation":{"resources":[{"name":"mem","type":"SCALAR","scalar":{"value":128}}]},
             "labels":{"labels":[{"key":"a","value":"b"}]},"data":"AA=="}
            """#
        let status = try roundTrip(json, as: TaskStatus.self)
        #expect(status.reason == .agentDisconnected)
        #expect(status.checkStatus?.command?.exitCode == 1)
        #expect(status.containerStatus?.networkInfos.first?.ipAddresses.first?.ipAddress == "10.0.0.9")
        #expect(status.unreachableTime == TimeInfo(nanoseconds: 1_700_000_000_000_000_000))
        try expectEncodes(status, as: json)
    }

    @Test func inverseOffersAndOperationStatusEventsRoundTrip() throws {
        let inverse = #"""
            {"type":"INVERSE_OFFERS","inverse_offers":{"inverse_offers":[{"id":{"value":"M-O5"},
              "framework_id":{"value":"F"},"agent_id":{"value":"S"},
              "url":{"scheme":"http","address":{"hostname":"a1","ip":"10.0.0.2","port":5051},"path":"/slave(1)",
                     "query":[{"key":"k","value":"v"}]},
              "unavailability":{"start":{"nanoseconds":1},"duration":{"nanoseconds":2}}}]}}
            """#
        let event = try roundTrip(inverse, as: Scheduler.Event.self)
        #expect(event.inverseOffers?.inverseOffers.first?.url?.address.port == 5051)
        try expectEncodes(event, as: inverse)

        let operation = #"""
            {"type":"UPDATE_OPERATION_STATUS","update_operation_status":{"status":{
              "operation_id":{"value":"op"},"state":"OPERATION_FINISHED","uuid":{"value":"hTaLQ0b5Q1OZuab7QclTKQ=="},
              "agent_id":{"value":"S"},"converted_resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1}}]}}}
            """#
        let update = try roundTrip(operation, as: Scheduler.Event.self)
        #expect(update.updateOperationStatus?.status.state.isTerminal == true)
        #expect(update.updateOperationStatus?.status.uuid?.value.count == 16)
        try expectEncodes(update, as: operation)

        let acknowledge = #"""
            {"type":"ACKNOWLEDGE_OPERATION_STATUS","framework_id":{"value":"F"},
             "acknowledge_operation_status":{"agent_id":{"value":"S"},"uuid":"hTaLQ0b5Q1OZuab7QclTKQ==",
               "operation_id":{"value":"op"}}}
            """#
        try expectEncodes(try roundTrip(acknowledge, as: Scheduler.Call.self), as: acknowledge)

        let reconcile = #"""
            {"type":"RECONCILE_OPERATIONS","framework_id":{"value":"F"},
             "reconcile_operations":{"operations":[{"operation_id":{"value":"op"},"agent_id":{"value":"S"}}]}}
            """#
        try expectEncodes(try roundTrip(reconcile, as: Scheduler.Call.self), as: reconcile)
    }

    @Test func updateFrameworkAndInverseOfferCallsRoundTrip() throws {
        let update = Scheduler.Call.updateFramework(
            frameworkInfo: FrameworkInfo(user: "u", name: "n", id: "F", roles: ["a"]), suppressedRoles: ["a"])
        try expectEncodes(
            update,
            as: #"""
                {"type":"UPDATE_FRAMEWORK","framework_id":{"value":"F"},
                 "update_framework":{"framework_info":{"user":"u","name":"n","id":{"value":"F"},"roles":["a"]},
                                     "suppressed_roles":["a"]}}
                """#)
        let json = #"""
            {"type":"DECLINE_INVERSE_OFFERS","framework_id":{"value":"F"},
             "decline_inverse_offers":{"inverse_offer_ids":[{"value":"M-O5"}],"filters":{"refuse_seconds":1}}}
            """#
        let call = try roundTrip(json, as: Scheduler.Call.self)
        #expect(call.declineInverseOffers?.inverseOfferIDs == ["M-O5"])
        try expectEncodes(call, as: json)
    }
}
