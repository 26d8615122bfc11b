import Foundation
import MesosModel
@testable import MesosScheduler
import Testing

@Suite struct SchedulerStateMachineTests {
    typealias Call = MesosModel.Scheduler.Call
    typealias Event = MesosModel.Scheduler.Event

    let master = MasterEndpoint(host: "m1", port: 5050)
    let frameworkID = FrameworkID("fw-1")
    let agentID = AgentID("agent-1")

    func machine(acknowledgements: AcknowledgementMode = .implicit, id: FrameworkID? = nil) -> SchedulerStateMachine {
        SchedulerStateMachine(
            frameworkInfo: FrameworkInfo(user: "u", name: "n", id: id),
            backoff: RetryBackoff(initial: .seconds(1), maximum: .seconds(8)),
            missedHeartbeatsBeforeReconnect: 3,
            acknowledgements: acknowledgements)
    }

    func subscribed(_ machine: inout SchedulerStateMachine, heartbeat: Double = 15) -> SchedulerStateMachine.EventOutcome {
        _ = machine.subscribe(to: master)
        _ = machine.subscribeAnswered(status: 200, streamID: "s1", location: nil, message: "", random: 0)
        return machine.received(.subscribed(frameworkID: frameworkID, heartbeatIntervalSeconds: heartbeat))
    }

    @Test func firstSubscribeHasNoFrameworkIDAndLaterOnesReuseIt() {
        var machine = machine()
        let first = machine.subscribe(to: master)
        #expect(first.type == .subscribe)
        #expect(first.frameworkID == nil)
        #expect(first.subscribe?.frameworkInfo.id == nil)
        #expect(machine.phase == .subscribing(master))
        _ = machine.subscribeAnswered(status: 200, streamID: "s1", location: nil, message: "", random: 0)
        #expect(machine.phase == .subscribed(master, streamID: "s1"))
        _ = machine.received(.subscribed(frameworkID: frameworkID))
        _ = machine.streamEnded(reason: "gone", random: 0)
        let second = machine.subscribe(to: master)
        #expect(second.frameworkID == frameworkID)
        #expect(second.subscribe?.frameworkInfo.id == frameworkID)
    }

    @Test func configuredFrameworkIDIsUsedForFailover() {
        var machine = machine(id: FrameworkID("old"))
        #expect(machine.subscribe(to: master).subscribe?.frameworkInfo.id == FrameworkID("old"))
    }

    @Test func subscribedIsRegisteredFirstThenReregisteredWithReconciliation() {
        var machine = machine()
        let first = subscribed(&machine)
        #expect(first.events == [.subscribed(frameworkID: frameworkID, master: nil, reregistered: false)])
        #expect(first.calls.isEmpty)

        machine.launched([TaskInfo(name: "t", taskID: TaskID("t1"), agentID: agentID)])
        let (event, _) = machine.streamEnded(reason: "connection reset", random: 0)
        #expect(event == .disconnected(reason: "connection reset"))
        #expect(machine.phase == .disconnected)

        let second = subscribed(&machine)
        #expect(second.events == [.subscribed(frameworkID: frameworkID, master: nil, reregistered: true)])
        #expect(second.calls.count == 2)
        #expect(second.calls.first?.reconcile?.tasks == [Call.Reconcile.Task(taskID: TaskID("t1"), agentID: agentID)])
        #expect(second.calls.last?.type == .reconcile)
        #expect(second.calls.last?.reconcile?.tasks == [])
        #expect(second.calls.allSatisfy { $0.frameworkID == frameworkID })
    }

    @Test func terminalUpdatesStopTracking() {
        var machine = machine()
        _ = subscribed(&machine)
        _ = machine.received(.update(TaskStatus(taskID: TaskID("a"), state: .running, agentID: agentID)))
        _ = machine.received(.update(TaskStatus(taskID: TaskID("b"), state: .running, agentID: agentID)))
        _ = machine.received(.update(TaskStatus(taskID: TaskID("a"), state: .finished, agentID: agentID)))
        #expect(Array(machine.activeTasks.keys) == [TaskID("b")])
    }

    @Test func redirectsFollowAtOnceThenBackOff() {
        var machine = machine()
        var delays: [Duration] = []
        for _ in 0..<5 {
            _ = machine.subscribe(to: master)
            let outcome = machine.subscribeAnswered(status: 307, streamID: nil, location: "//m2:5051/api/v1/scheduler", message: "", random: 1)
            guard case .redirect(let target, let delay) = outcome else {
                Issue.record("expected a redirect, got \(outcome)")
                return
            }
            #expect(target == MasterEndpoint(host: "m2", port: 5051))
            delays.append(delay)
        }
        #expect(delays == [.zero, .zero, .zero, .seconds(2), .seconds(4)])
    }

    @Test func unavailableMasterIsRetriedWithGrowingDelays() {
        var machine = machine()
        var delays: [Duration] = []
        for _ in 0..<5 {
            _ = machine.subscribe(to: master)
            guard case .retry(let delay, let reason) = machine.subscribeAnswered(
                status: 503, streamID: nil, location: nil, message: "No leader elected", random: 1) else {
                Issue.record("expected a retry")
                return
            }
            #expect(reason.contains("503") && reason.contains("No leader elected"))
            delays.append(delay)
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])
        _ = machine.subscribe(to: master)
        _ = machine.subscribeAnswered(status: 200, streamID: "s", location: nil, message: "", random: 0)
        _ = machine.received(.subscribed(frameworkID: frameworkID))
        #expect(machine.failedAttempts == 0)
    }

    @Test func connectionFailuresBackOff() {
        var machine = machine()
        _ = machine.subscribe(to: master)
        #expect(machine.connectionFailed(random: 0) == .milliseconds(500))
        _ = machine.subscribe(to: master)
        #expect(machine.connectionFailed(random: 0) == .seconds(1))
    }

    @Test func permanentRefusalsFail() {
        var machine = machine()
        _ = machine.subscribe(to: master)
        let outcome = machine.subscribeAnswered(status: 401, streamID: nil, location: nil, message: "bad", random: 0)
        #expect(outcome == .fail(.authenticationRefused(master: "http://m1:5050", status: 401, message: "bad")))
        #expect(machine.phase == .ended)

        var other = self.machine()
        _ = other.subscribe(to: master)
        guard case .fail(.subscriptionRejected(_, 400, let message)) = other.subscribeAnswered(
            status: 400, streamID: nil, location: nil, message: "Failed to validate", random: 0) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(message == "Failed to validate")
    }

    @Test func okWithoutStreamIDIsRetried() {
        var machine = machine()
        _ = machine.subscribe(to: master)
        guard case .retry = machine.subscribeAnswered(status: 200, streamID: nil, location: nil, message: "", random: 0) else {
            Issue.record("expected a retry")
            return
        }
        #expect(machine.phase == .disconnected)
    }

    @Test func heartbeatTimeoutFollowsTheMastersInterval() {
        var machine = machine()
        #expect(machine.heartbeatTimeout == .seconds(45))
        _ = subscribed(&machine, heartbeat: 2)
        #expect(machine.heartbeatTimeout == .seconds(6))
    }

    @Test func eventsMapToCallbacks() {
        var machine = machine()
        _ = subscribed(&machine)
        let offer = Offer(id: OfferID("o1"), frameworkID: frameworkID, agentID: agentID, hostname: "h")
        #expect(machine.received(.offers([offer])).events == [.offers([offer])])
        #expect(machine.received(.offers([])).events == [])
        #expect(machine.received(.rescind(offerID: OfferID("o1"))).events == [.offerRescinded(OfferID("o1"))])
        #expect(machine.received(.failure(agentID: agentID)).events == [.agentLost(agentID)])
        #expect(machine.received(.failure(agentID: agentID, executorID: ExecutorID("e"), status: 9)).events
            == [.executorLost(executorID: ExecutorID("e"), agentID: agentID, status: 9)])
        #expect(machine.received(.failure()).events == [])
        #expect(machine.received(.heartbeat).events == [])
        #expect(machine.received(Event(type: nil)).events == [])
        let data = Data("hi".utf8)
        #expect(machine.received(.message(agentID: agentID, executorID: ExecutorID("e"), data: data)).events
            == [.frameworkMessage(executorID: ExecutorID("e"), agentID: agentID, data: data)])
    }

    @Test func errorEndsTheSubscription() {
        var machine = machine()
        _ = subscribed(&machine)
        let outcome = machine.received(.error(message: "Framework has been removed"))
        #expect(outcome.events == [.error(message: "Framework has been removed")])
        #expect(outcome.ends)
        #expect(machine.phase == .ended)
        #expect(machine.streamEnded(reason: "x", random: 0).event == nil)
        guard case .failure(.shutDown) = machine.callTarget(for: "KILL") else {
            Issue.record("calls after the end must fail")
            return
        }
    }

    @Test func callsNeedAnOpenSubscription() throws {
        var machine = machine()
        guard case .failure(.notSubscribed(call: "ACCEPT")) = machine.callTarget(for: "ACCEPT") else {
            Issue.record("expected notSubscribed")
            return
        }
        _ = subscribed(&machine)
        let target = try machine.callTarget(for: "ACCEPT").get()
        #expect(target.streamID == "s1")
        #expect(target.endpoint == master)
        #expect(target.frameworkID == frameworkID)
    }

    @Test func onlyUpdatesWithUUIDAndAgentAreAcknowledged() {
        var machine = machine()
        let uuid = Data(repeating: 7, count: 16)
        let status = TaskStatus(taskID: TaskID("t"), state: .running, agentID: agentID, uuid: uuid)
        #expect(machine.acknowledgement(for: status) == nil)  // no framework id yet
        _ = subscribed(&machine)
        let ack = machine.acknowledgement(for: status)
        #expect(ack?.type == .acknowledge)
        #expect(ack?.acknowledge == Call.Acknowledge(agentID: agentID, taskID: TaskID("t"), uuid: uuid))
        #expect(ack?.frameworkID == frameworkID)
        #expect(machine.acknowledgement(for: TaskStatus(taskID: TaskID("t"), state: .running, agentID: agentID)) == nil)
        #expect(machine.acknowledgement(for: TaskStatus(taskID: TaskID("t"), state: .running, uuid: uuid)) == nil)
        #expect(machine.implicitAcknowledgement(after: .statusUpdate(status)) == ack)
        #expect(machine.implicitAcknowledgement(after: .offers([])) == nil)
    }

    @Test func explicitModeNeverAcknowledgesByItself() {
        var machine = machine(acknowledgements: .explicit)
        _ = subscribed(&machine)
        let status = TaskStatus(taskID: TaskID("t"), state: .running, agentID: agentID, uuid: Data(repeating: 1, count: 16))
        #expect(machine.implicitAcknowledgement(after: .statusUpdate(status)) == nil)
        #expect(machine.acknowledgement(for: status) != nil)
    }
}
