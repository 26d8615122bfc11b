import Foundation
import MesosModel
@testable import MesosScheduler
import MesosTestKit
import Testing

/// The async API against a fake master over real HTTP on 127.0.0.1.
@Suite(.timeLimit(.minutes(1))) struct SchedulerClientTransportTests {
    @Test func subscribesDecodesTinyChunksAndAcknowledgesAfterTheUpdateWasHandled() async throws {
        try await FakeMaster.with { master in
            let offer = Offer(id: OfferID("o1"), frameworkID: master.frameworkID, agentID: AgentID("agent-1"), hostname: "h")
            let update = runningUpdate("t1")
            master.script([.stream(initial: [master.subscribed(), .heartbeat, .offers([offer]), .update(update)], chunkSize: 3)])
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address))
            let events = EventReader(client)

            #expect(try await events.next() == .subscribed(frameworkID: master.frameworkID, master: master.subscribed().subscribed?.masterInfo, reregistered: false))
            #expect(master.subscribes.first?.call.subscribe?.frameworkInfo.failoverTimeout == SchedulerDefaults.failoverTimeoutSeconds)
            #expect(try await events.next() == .offers([offer]))
            try await client.decline([offer.id])
            let decline = try await master.waitForCall(.decline)
            #expect(decline.call.decline?.filters?.refuseSeconds == SchedulerDefaults.declineRefuseSeconds)
            #expect(decline.call.frameworkID == master.frameworkID)
            #expect(decline.streamID == master.currentStreamID)

            #expect(try await events.next() == .statusUpdate(update))
            #expect(master.calls.allSatisfy { $0.call.type != .acknowledge })  // not before it was handled
            master.push(.heartbeat)
            master.push(.rescind(offerID: offer.id))
            #expect(try await events.next() == .offerRescinded(offer.id))
            let ack = try await master.waitForCall(.acknowledge)
            #expect(ack.call.acknowledge == .init(agentID: AgentID("agent-1"), taskID: TaskID("t1"), uuid: update.uuid ?? Data()))
            #expect(ack.streamID == master.currentStreamID)
            await client.shutdown()
        }
    }

    @Test func followsAProtocolRelativeRedirectToTheLeader() async throws {
        try await FakeMaster.with { leader in
            try await FakeMaster.with { follower in
                follower.script([.redirect("//127.0.0.1:\(leader.port)/api/v1/scheduler")])
                let client = try SchedulerClient(configuration: testConfiguration(master: follower.address))
                let events = EventReader(client)
                guard case .subscribed(let id, _, false)? = try await events.next() else {
                    Issue.record("expected SUBSCRIBED")
                    return
                }
                #expect(id == leader.frameworkID)
                #expect(follower.subscribes.count == 1)
                #expect(leader.subscribes.count == 1)
                try await client.kill(TaskID("t"))
                #expect(try await leader.waitForCall(.kill).call.kill?.taskID == TaskID("t"))
                await client.shutdown()
            }
        }
    }

    @Test func retriesServiceUnavailableWithBackoffAndLogsWhy() async throws {
        try await FakeMaster.with { master in
            master.script([.status(503, "No leader elected"), .status(503, "No leader elected")])
            let logs = LogCapture()
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address, logs: logs))
            let events = EventReader(client)
            guard case .subscribed? = try await events.next() else {
                Issue.record("expected SUBSCRIBED")
                return
            }
            #expect(master.subscribes.count == 3)
            #expect(logs.contains("HTTP 503 (No leader elected); retrying in"))
            await client.shutdown()
        }
    }

    @Test func reconnectsAfterTheStreamDropsWithTheSameFrameworkIDAndReconciles() async throws {
        try await FakeMaster.with { master in
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address))
            let events = EventReader(client)
            guard case .subscribed(_, _, false)? = try await events.next() else {
                Issue.record("expected SUBSCRIBED")
                return
            }
            try await client.launch([TaskInfo(name: "t", taskID: TaskID("t1"), agentID: AgentID("agent-1"))], offerIDs: [OfferID("o1")])
            _ = try await master.waitForCall(.accept)
            master.dropStream()
            guard case .disconnected? = try await events.next() else {
                Issue.record("expected DISCONNECTED")
                return
            }
            await #expect(throws: SchedulerError.self) { try await client.revive() }
            guard case .subscribed(let id, _, true)? = try await events.next() else {
                Issue.record("expected a re-registration")
                return
            }
            #expect(id == master.frameworkID)
            #expect(master.subscribes.count == 2)
            #expect(master.subscribes.last?.call.frameworkID == master.frameworkID)
            #expect(master.subscribes.last?.call.subscribe?.frameworkInfo.id == master.frameworkID)
            let explicit = try await master.waitForCall(.reconcile) { !($0.reconcile?.tasks.isEmpty ?? true) }
            #expect(explicit.call.reconcile?.tasks.map(\.taskID) == [TaskID("t1")])
            _ = try await master.waitForCall(.reconcile) { $0.reconcile?.tasks.isEmpty ?? false }
            #expect(master.calls.filter { $0.call.type == .reconcile }.allSatisfy { $0.streamID == master.currentStreamID })
            await client.shutdown()
        }
    }

    @Test func missedHeartbeatsCountAsADisconnection() async throws {
        try await FakeMaster.with { master in
            master.script([.stream(initial: [master.subscribed(heartbeat: 0.1)], chunkSize: 4096)])
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address, missedHeartbeats: 2))
            let events = EventReader(client)
            _ = try await events.next()
            guard case .disconnected(let reason)? = try await events.next() else {
                Issue.record("expected DISCONNECTED")
                return
            }
            #expect(reason.contains("missed heartbeats"))
            guard case .subscribed(_, _, true)? = try await events.next() else {
                Issue.record("expected a re-registration")
                return
            }
            await client.shutdown()
        }
    }

    @Test func refusedCredentialsFailWithAClearError() async throws {
        try await FakeMaster.with { master in
            master.script([.status(401, "Unauthorized")])
            var configuration = testConfiguration(master: master.address)
            configuration.credentials = SchedulerCredentials(principal: "fw", secret: "wrong")
            let client = try SchedulerClient(configuration: configuration)
            let events = EventReader(client)
            await #expect {
                _ = try await events.next()
            } throws: { error in
                guard case .authenticationRefused(_, 401, "Unauthorized")? = error as? SchedulerError else { return false }
                return "\(error)".contains("credentials")
            }
            let expected = "Basic " + Data("fw:wrong".utf8).base64EncodedString()
            #expect(master.subscribes.first?.authorization == expected)
            #expect(master.subscribes.first?.call.subscribe?.frameworkInfo.principal == "fw")
            #expect(try await events.next() == nil)
            await client.shutdown()
        }
    }

    @Test func keepsRetryingUntilTheMasterIsUp() async throws {
        let port = try FreePort.next()
        let logs = LogCapture()
        let client = try SchedulerClient(configuration: testConfiguration(master: "127.0.0.1:\(port)", logs: logs))
        let events = EventReader(client)
        let first = Task { try await events.next(within: .seconds(20)) }
        let deadline = ContinuousClock.now + .seconds(10)
        while !logs.contains("Cannot reach master http://127.0.0.1:\(port)"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(logs.contains("Cannot reach master http://127.0.0.1:\(port)"))
        try await FakeMaster.with(port: Int(port)) { master in
            guard case .subscribed(let id, _, false)? = try await first.value else {
                Issue.record("expected SUBSCRIBED")
                return
            }
            #expect(id == master.frameworkID)
        }
        await client.shutdown()
    }

    @Test func badMasterURLFailsAtOnce() {
        #expect(throws: SchedulerError.invalidMasterURL("http://", reason: "no host")) {
            try SchedulerClient(configuration: testConfiguration(master: "http://"))
        }
        #expect(throws: SchedulerError.self) {
            try MesosSchedulerDriver(scheduler: RecordingScheduler(), configuration: testConfiguration(master: "zk://nopath:2181"))
        }
    }

    @Test func callsBeforeSubscribingFailAndEventsIterateOnce() async throws {
        let client = try SchedulerClient(configuration: testConfiguration(master: "127.0.0.1:1"))
        await #expect(throws: SchedulerError.notSubscribed(call: "KILL")) { try await client.kill(TaskID("t")) }
        // Updates without a uuid need no acknowledgement, so nothing is sent (and nothing fails).
        try await client.acknowledge(TaskStatus(taskID: TaskID("t"), state: .running))
        let first = EventReader(client)
        let task = Task { try await first.next(within: .seconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        let second = EventReader(client)
        await #expect(throws: SchedulerError.eventsAlreadyIterated) { _ = try await second.next() }
        task.cancel()
        _ = await task.result
        await client.shutdown()
    }

    @Test func errorEventEndsTheSequence() async throws {
        try await FakeMaster.with { master in
            master.script([.stream(initial: [master.subscribed(), .error(message: "Framework has been removed")], chunkSize: 7)])
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address))
            let events = EventReader(client)
            _ = try await events.next()
            #expect(try await events.next() == .error(message: "Framework has been removed"))
            await #expect(throws: SchedulerError.frameworkRemoved(message: "Framework has been removed")) {
                _ = try await events.next()
            }
            #expect(try await events.next() == nil)
            #expect(master.subscribes.count == 1)
            await client.shutdown()
        }
    }
}

extension SchedulerClientTransportTests {
    @Test func shutdownEndsTheEventsWithoutAnError() async throws {
        try await FakeMaster.with { master in
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address))
            let events = EventReader(client)
            _ = try await events.next()
            let waiting = Task { try await events.next(within: .seconds(10)) }
            try await Task.sleep(for: .milliseconds(50))
            await client.shutdown()
            #expect(try await waiting.value == nil)
            await #expect(throws: SchedulerError.shutDown) { try await client.revive() }
        }
    }

    @Test func cancellingTheConsumerStopsTheSubscription() async throws {
        try await FakeMaster.with { master in
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address))
            let consumer = Task {
                var count = 0
                for try await _ in client.events { count += 1 }
                return count
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while master.subscribes.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            consumer.cancel()
            await #expect(throws: CancellationError.self) { _ = try await consumer.value }
            try await Task.sleep(for: .milliseconds(300))
            #expect(master.subscribes.count == 1, "subscribed once, and not again after the consumer was cancelled")
            await client.shutdown()
        }
    }
}

extension SchedulerClientTransportTests {
    @Test func explicitAcknowledgementsAreSentOnlyWhenAsked() async throws {
        try await FakeMaster.with { master in
            let update = runningUpdate("t1")
            master.script([.stream(initial: [master.subscribed(), .update(update), .heartbeat], chunkSize: 4096)])
            var configuration = testConfiguration(master: master.address)
            configuration.acknowledgements = .explicit
            let client = try SchedulerClient(configuration: configuration)
            let events = EventReader(client)
            _ = try await events.next()
            #expect(try await events.next() == .statusUpdate(update))
            master.push(.rescind(offerID: OfferID("o9")))
            #expect(try await events.next() == .offerRescinded(OfferID("o9")))
            try await client.reconcile()
            _ = try await master.waitForCall(.reconcile)
            #expect(!master.calls.contains { $0.call.type == .acknowledge })
            try await client.acknowledge(update)
            #expect(try await master.waitForCall(.acknowledge).call.acknowledge?.taskID == TaskID("t1"))
            await client.shutdown()
        }
    }
}

extension SchedulerClientTransportTests {
    /// A call that reaches the master after its subscription ended there is `notSubscribed`, like a
    /// call made while disconnected; other refusals keep their status and text.
    @Test func aCallTheMasterNoLongerSeesSubscribedIsNotSubscribed() async throws {
        try await FakeMaster.with { master in
            let client = try SchedulerClient(configuration: testConfiguration(master: master.address))
            let events = EventReader(client)
            _ = try await events.next()
            master.answerCalls((403, "Framework is not subscribed"))
            await #expect(throws: SchedulerError.notSubscribed(call: "DECLINE")) { try await client.decline([OfferID("o1")]) }
            master.answerCalls((403, "Not authorized to launch as user 'root'"))
            await #expect(throws: SchedulerError.callRejected(call: "DECLINE", status: 403, message: "Not authorized to launch as user 'root'")) {
                try await client.decline([OfferID("o1")])
            }
            master.answerCalls(nil)
            try await client.decline([OfferID("o1")])
            await client.shutdown()
        }
    }
}
