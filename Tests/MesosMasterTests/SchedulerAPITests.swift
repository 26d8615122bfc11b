import Foundation
import MesosHTTPClient
import MesosModel
import MesosRecordIO
import MesosTestKit
import Testing

/// The rules of `POST /api/v1/scheduler` from shared/reference/mesos-v1-api.md,
/// against the real daemon.
@Suite("Scheduler API front door", .timeLimit(.minutes(2)))
struct SchedulerAPITests {
    static let subscribeJSON = #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n"}}}"#

    @Test func methodContentTypeAndBodyRules() async throws {
        try await withMaster(["--max_request_body_size=1048576"]) { daemon, client in
            let get = try await post(client, daemon, "/api/v1/scheduler", body: [], method: .get)
            #expect(get.status == 405)
            #expect(get.bodyText == "Expecting a 'POST' request, received 'GET'")

            let noType = try await post(client, daemon, "/api/v1/scheduler", json: Self.subscribeJSON, headers: [:])
            #expect(noType.status == 400)
            #expect(noType.bodyText == "Expecting 'Content-Type' to be present")

            let text = try await post(client, daemon, "/api/v1/scheduler", json: Self.subscribeJSON, headers: ["Content-Type": "text/plain"])
            #expect(text.status == 415)

            let garbage = try await post(client, daemon, "/api/v1/scheduler", json: "{not json")
            #expect(garbage.status == 400)
            #expect(garbage.bodyText.hasPrefix("Failed to parse body into JSON"))

            let missingField = try await post(client, daemon, "/api/v1/scheduler", json: #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"name":"n"}}}"#)
            #expect(missingField.status == 400)
            #expect(missingField.bodyText.hasPrefix("Failed to convert JSON into Call protobuf"))

            let noFramework = try await post(client, daemon, "/api/v1/scheduler", json: #"{"type":"TEARDOWN"}"#)
            #expect(noFramework.status == 400)
            #expect(noFramework.bodyText == "Failed to validate scheduler::Call: Expecting 'framework_id' to be present")

            let badUUID = try await post(client, daemon, "/api/v1/scheduler", json: #"""
                {"type":"ACKNOWLEDGE","framework_id":{"value":"f"},"acknowledge":{"agent_id":{"value":"a"},"task_id":{"value":"t"},"uuid":"AAAA"}}
                """#)
            #expect(badUUID.status == 400)
            #expect(badUUID.bodyText == "Failed to validate scheduler::Call: Not a valid UUID")

            let huge = try await post(client, daemon, "/api/v1/scheduler", body: Array(repeating: UInt8(ascii: " "), count: 2 * 1024 * 1024))
            #expect(huge.status == 413)

            let unknownRoute = try await client.execute(HTTPRequest(url: daemon.baseURL + "/api/v1/nothing"))
            #expect(unknownRoute.status == 404)
        }
    }

    @Test func subscribeStreamsSubscribedThenHeartbeat() async throws {
        try await withMaster { daemon, client in
            let response = try await client.stream(HTTPRequest(
                method: .post, url: daemon.baseURL + "/api/v1/scheduler", headers: ["Content-Type": "application/json"],
                body: Array(Self.subscribeJSON.utf8)))
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == "application/json")
            let streamID = try #require(response.headers["Mesos-Stream-Id"])
            #expect(UUID(uuidString: streamID) != nil)
            var records: [[UInt8]] = []
            for try await record in response.body.recordIORecords() {
                records.append(record)
                if records.count == 2 { break }
            }
            response.cancel()
            let first = try MesosJSON.decode(Scheduler.Event.self, from: Data(records[0]))
            let second = try MesosJSON.decode(Scheduler.Event.self, from: Data(records[1]))
            #expect(first.type == .subscribed)
            #expect(first.subscribed?.heartbeatIntervalSeconds == 15)
            #expect(first.subscribed?.masterInfo?.port == UInt32(daemon.port))
            let id = try #require(first.subscribed?.frameworkID.value)
            #expect(id.hasSuffix("-0000"))
            #expect(second.type == .heartbeat)
        }
    }

    @Test func heartbeatsKeepComing() async throws {
        try await withMaster(["--heartbeat_interval=200ms"]) { daemon, client in
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let subscribed = try #require(await scheduler.stream.history.first?.subscribed)
            #expect(subscribed.heartbeatIntervalSeconds == 0.2)
            // Every 200 ms; the timeout only allows for a machine loaded by the whole suite in
            // parallel (one CI run saw no heartbeat for 5 s while its master took 20 s to start).
            for _ in 0..<4 { _ = try await scheduler.next(.heartbeat, timeout: .seconds(20)) }
        }
    }

    @Test func acceptHeaderAndStreamIDOnSubscribe() async throws {
        try await withMaster { daemon, client in
            let xml = try await post(client, daemon, "/api/v1/scheduler", json: Self.subscribeJSON,
                                     headers: ["Content-Type": "application/json", "Accept": "application/xml"])
            #expect(xml.status == 406)
            let withID = try await post(client, daemon, "/api/v1/scheduler", json: Self.subscribeJSON,
                                        headers: ["Content-Type": "application/json", "Mesos-Stream-Id": "x"])
            #expect(withID.status == 400)
            #expect(withID.bodyText == "Subscribe calls should not include the 'Mesos-Stream-Id' header")
        }
    }

    @Test func streamIDChecksOnCalls() async throws {
        try await withMaster { daemon, client in
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let revive = try MesosJSON.encode(Scheduler.Call.revive(frameworkID: scheduler.frameworkID))

            let unknown = try await post(client, daemon, "/api/v1/scheduler",
                                         body: Array(try MesosJSON.encode(Scheduler.Call.revive(frameworkID: "nope"))))
            #expect(unknown.status == 400)
            #expect(unknown.bodyText == "Framework cannot be found")

            let missing = try await post(client, daemon, "/api/v1/scheduler", body: Array(revive))
            #expect(missing.status == 400)
            #expect(missing.bodyText == "All non-subscribe calls should include the 'Mesos-Stream-Id' header")

            let wrong = try await post(client, daemon, "/api/v1/scheduler", body: Array(revive),
                                       headers: ["Content-Type": "application/json", "Mesos-Stream-Id": "other"])
            #expect(wrong.status == 400)
            #expect(wrong.bodyText.hasPrefix("The stream ID 'other' included in this request didn't match"))

            let ok = try await scheduler.call(.revive(frameworkID: scheduler.frameworkID))
            #expect(ok.status == 202)
            #expect(ok.body.isEmpty)
        }
    }

    @Test func notSubscribedIs403() async throws {
        // A framework whose scheduler disconnected but whose failover timeout has not passed.
        try await withMaster { daemon, client in
            let info = FrameworkInfo(user: "u", name: "n", failoverTimeout: 3600)
            let scheduler = try await TestScheduler.subscribe(client, daemon, info: info)
            scheduler.stream.close()
            let revive = Array(try MesosJSON.encode(Scheduler.Call.revive(frameworkID: scheduler.frameworkID)))
            let answered403 = try await eventually {
                let response = try await post(client, daemon, "/api/v1/scheduler", body: revive,
                                              headers: ["Content-Type": "application/json", "Mesos-Stream-Id": scheduler.stream.streamID ?? ""])
                return response.status == 403 && response.bodyText == "Framework is not subscribed"
            }
            #expect(answered403)
        }
    }

    @Test func resubscribeFailsOverTheOldStream() async throws {
        try await withMaster { daemon, client in
            let info = FrameworkInfo(user: "u", name: "n", failoverTimeout: 60)
            let first = try await TestScheduler.subscribe(client, daemon, info: info)
            var again = info
            again.id = first.frameworkID
            let second = try await TestScheduler.subscribe(client, daemon, info: again)
            #expect(second.frameworkID == first.frameworkID)
            #expect(second.stream.streamID != first.stream.streamID)
            let error = try await first.next(.error)
            #expect(error.error?.message == "Framework failed over")
            #expect(await first.stream.waitUntilFinished())
            // The old stream id is now stale; the new one works.
            let stale = try await first.call(.revive(frameworkID: first.frameworkID))
            #expect(stale.status == 400)
            #expect(try await second.call(.revive(frameworkID: first.frameworkID)).status == 202)
        }
    }

    @Test func invalidSubscriptionIs200WithError() async throws {
        try await withMaster { daemon, client in
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            #expect(try await scheduler.call(.teardown(frameworkID: scheduler.frameworkID)).status == 202)
            #expect(await scheduler.stream.waitUntilFinished())
            let stream = try await SubscriptionStream<Scheduler.Event>(
                client: client, url: daemon.baseURL + "/api/v1/scheduler",
                call: Scheduler.Call.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n", id: scheduler.frameworkID)))
            #expect(stream.status == 200)
            let error = try await stream.next()
            #expect(error.type == .error)
            #expect(error.error?.message == "Framework has been removed")
            #expect(await stream.waitUntilFinished())

            let badRole = try await SubscriptionStream<Scheduler.Event>(
                client: client, url: daemon.baseURL + "/api/v1/scheduler",
                call: Scheduler.Call.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n", role: "/bad")))
            #expect(badRole.status == 200)
            #expect(try await badRole.next().type == .error)
        }
    }

    @Test func reconciliationAnswers() async throws {
        try await withMaster { daemon, client in
            let aware = FrameworkInfo(user: "u", name: "aware", capabilities: [.init(type: .partitionAware)])
            let scheduler = try await TestScheduler.subscribe(client, daemon, info: aware)
            let plain = try await TestScheduler.subscribe(client, daemon, suppressedRoles: ["*"])
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()

            // Implicit reconciliation with no tasks: no answer; explicit: per task.
            #expect(try await scheduler.call(Scheduler.Call(frameworkID: scheduler.frameworkID, type: .reconcile, reconcile: .init(tasks: [
                .init(taskID: "gone", agentID: agentID), .init(taskID: "unknown", agentID: "nowhere"), .init(taskID: "noagent"),
            ]))).status == 202)
            let gone = try await scheduler.update(of: "gone")
            #expect(gone.state == .gone)
            #expect(gone.source == .master)
            #expect(gone.reason == .reconciliation)
            #expect(gone.uuid == nil)
            #expect(try await scheduler.update(of: "unknown").state == .unknown)
            #expect(try await scheduler.update(of: "noagent").state == .unknown)

            // Without PARTITION_AWARE all become TASK_LOST.
            #expect(try await plain.call(Scheduler.Call(frameworkID: plain.frameworkID, type: .reconcile, reconcile: .init(tasks: [
                .init(taskID: "gone", agentID: agentID),
            ]))).status == 202)
            #expect(try await plain.update(of: "gone").state == .lost)

            // A launched task: implicit reconciliation reports its latest state.
            let offer = try await scheduler.offer(on: agentID)
            #expect(try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id], operations: [
                .launch([commandTask("t1", on: agentID, resources: smallTask)]),
            ])).status == 202)
            _ = try await agent.next(.runTask)
            try await agent.update("t1", .running)
            #expect(try await scheduler.update(of: "t1").state == .running)
            #expect(try await scheduler.call(Scheduler.Call(frameworkID: scheduler.frameworkID, type: .reconcile, reconcile: .init())).status == 202)
            let latest = try await scheduler.update(of: "t1")
            #expect(latest.state == .running)
            #expect(latest.reason == .reconciliation)
            #expect(latest.uuid == nil)
            // KILL of an unknown task answers like explicit reconciliation.
            #expect(try await scheduler.call(.kill(frameworkID: scheduler.frameworkID, taskID: "ghost", agentID: agentID)).status == 202)
            #expect(try await scheduler.update(of: "ghost").state == .gone)
        }
    }
}

@Suite("Agent API front door", .timeLimit(.minutes(1)))
struct AgentAPITests {
    @Test func agentEndpointRules() async throws {
        try await withMaster { daemon, client in
            let get = try await post(client, daemon, "/api/v1/agent", body: [], method: .get)
            #expect(get.status == 405)
            let noType = try await post(client, daemon, "/api/v1/agent", json: "{}", headers: [:])
            #expect(noType.status == 400)
            let garbage = try await post(client, daemon, "/api/v1/agent", json: "[")
            #expect(garbage.status == 400)
            let subscribe = #"{"type":"SUBSCRIBE","subscribe":{"agent_info":{"hostname":"h"}}}"#
            let withID = try await post(client, daemon, "/api/v1/agent", json: subscribe,
                                        headers: ["Content-Type": "application/json", "Mesos-Stream-Id": "x"])
            #expect(withID.status == 400)
            let unknown = try await post(client, daemon, "/api/v1/agent", json: #"{"type":"PONG","agent_id":{"value":"nobody"}}"#)
            #expect(unknown.status == 404)
            let badResources = try await SubscriptionStream<AgentProtocol.Event>(
                client: client, url: daemon.baseURL + "/api/v1/agent",
                call: AgentProtocol.Call.subscribe(.init(agentInfo: AgentInfo(hostname: "h", resources: [.scalar(name: "cpus", value: -4)]))))
            #expect(try await badResources.next().type == .error)

            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            #expect(agentID.value.wholeMatch(of: /[0-9a-f-]{36}-S[0-9]+/) != nil, "agent ids are <master id>-S<n>")
            let stale = try await post(client, daemon, "/api/v1/agent", json: #"{"type":"PONG","agent_id":{"value":"\#(agentID.value)"}}"#,
                                       headers: ["Content-Type": "application/json", "Mesos-Stream-Id": "stale"])
            #expect(stale.status == 400)
            #expect(try await agent.call(.pong(agentID: agentID)) == 202)
            // Re-subscribing keeps the id and replaces the stream.
            #expect(try await agent.subscribe() == agentID)
        }
    }
}

extension SchedulerAPITests {
    /// Only LAUNCH and LAUNCH_GROUP are carried out: other offer operations get a clear answer.
    @Test func unsupportedOfferOperationsAreAnsweredClearly() async throws {
        try await withMaster { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let offer = try await scheduler.offer(on: agentID)
            let reserve = Offer.Operation.reserve([.scalar(name: "cpus", value: 1)])

            let withoutID = try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id], operations: [reserve]))
            #expect(withoutID.status == 400)
            #expect(withoutID.bodyText == "Failed to validate scheduler::Call: Offer operation RESERVE is not supported by swift-mesos yet (only LAUNCH and LAUNCH_GROUP are)")

            var withID = reserve
            withID.id = OperationID("reserve-1")
            let accepted = try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id], operations: [withID]))
            #expect(accepted.status == 202)
            let event = try await scheduler.next(.updateOperationStatus)
            #expect(event.updateOperationStatus?.status.operationID == OperationID("reserve-1"))
            #expect(event.updateOperationStatus?.status.state == .error)
            #expect(event.updateOperationStatus?.status.message?.contains("not supported") == true)
        }
    }
}
