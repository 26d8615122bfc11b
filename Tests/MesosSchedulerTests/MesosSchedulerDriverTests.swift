import Foundation
import MesosModel
import MesosScheduler
import Testing

/// The classic callback API against a fake master over real HTTP.
@Suite(.timeLimit(.minutes(1))) struct MesosSchedulerDriverTests {
    func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TimeoutError(description: "\(what) did not happen within \(timeout)")
    }

    @Test func callbacksLaunchAcknowledgeAndAbortOnError() async throws {
        try await FakeMaster.with { master in
            let scheduler = RecordingScheduler()
            let driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: testConfiguration(master: master.address))
            #expect(driver.killTask(TaskID("x"), agentID: nil) == .notStarted)
            #expect(driver.start() == .running)
            try await waitUntil("registration") { await scheduler.frameworkID == master.frameworkID }

            let agent = AgentID("agent-1")
            master.push(.offers([
                Offer(id: OfferID("o1"), frameworkID: master.frameworkID, agentID: agent, hostname: "h"),
                Offer(id: OfferID("o2"), frameworkID: master.frameworkID, agentID: agent, hostname: "h"),
            ]))
            let accept = try await master.waitForCall(.accept)
            #expect(accept.call.accept?.offerIDs == [OfferID("o1")])
            #expect(accept.call.accept?.operations.first?.launch?.taskInfos.first?.taskID == TaskID("recorded-1"))
            let decline = try await master.waitForCall(.decline)
            #expect(decline.call.decline?.offerIDs == [OfferID("o2")])
            #expect(decline.call.decline?.filters == SchedulerDefaults.declineFilters)

            let running = runningUpdate("recorded-1")
            master.push(.update(running))
            let ack = try await master.waitForCall(.acknowledge)
            // Implicit acknowledgement comes only after statusUpdate returned.
            #expect(await scheduler.statuses == [running])
            #expect(ack.call.acknowledge?.taskID == TaskID("recorded-1"))
            // Reconciliation answers carry no uuid and are not acknowledged.
            master.push(.update(TaskStatus(taskID: TaskID("recorded-1"), state: .running, source: .master,
                                           reason: .reconciliation, agentID: agent)))
            try await waitUntil("second update") { await scheduler.statuses.count == 2 }

            master.push(.error(message: "Framework has been removed"))
            #expect(await driver.join() == .aborted)
            #expect(master.calls.filter { $0.call.type == .acknowledge }.count == 1)
            let log = await scheduler.log
            #expect(log == ["registered", "offers 2", "status recorded-1 TASK_RUNNING", "status recorded-1 TASK_RUNNING",
                            "error Framework has been removed"])
            #expect(driver.reviveOffers(roles: []) == .aborted)
        }
    }

    @Test func reconnectsAsReregisteredAndStopTearsDown() async throws {
        try await FakeMaster.with { master in
            let scheduler = RecordingScheduler()
            let driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: testConfiguration(master: master.address))
            driver.start()
            try await waitUntil("registration") { await scheduler.log == ["registered"] }
            master.dropStream()
            try await waitUntil("re-registration") { await scheduler.log == ["registered", "disconnected", "reregistered"] }
            _ = try await master.waitForCall(.reconcile)
            #expect(driver.stop(failover: false) == .stopped)
            #expect(await driver.join() == .stopped)
            #expect(try await master.waitForCall(.teardown).call.frameworkID == master.frameworkID)
        }
    }

    @Test func stopWithFailoverKeepsTheFramework() async throws {
        try await FakeMaster.with { master in
            let scheduler = RecordingScheduler()
            let driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: testConfiguration(master: master.address))
            driver.start()
            try await waitUntil("registration") { await scheduler.log == ["registered"] }
            driver.reconcileTasks([])
            _ = try await master.waitForCall(.reconcile)
            #expect(driver.stop(failover: true) == .stopped)
            #expect(await driver.join() == .stopped)
            #expect(!master.calls.contains { $0.call.type == .teardown })
        }
    }
}

extension MesosSchedulerDriverTests {
    @Test func launchesWhileDisconnectedAreAnsweredWithTaskLost() async throws {
        try await FakeMaster.with { master in
            master.script(Array(repeating: .status(503, "No leader elected"), count: 1000))
            let scheduler = RecordingScheduler()
            let driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: testConfiguration(master: master.address))
            driver.start()
            let task = TaskInfo(name: "t", taskID: TaskID("lost-1"), agentID: AgentID("agent-1"), command: CommandInfo(value: "true"))
            #expect(driver.launchTasks(offerIDs: [OfferID("o1")], tasks: [task], filters: nil) == .running)
            try await waitUntil("TASK_LOST") { await scheduler.statuses.count == 1 }
            let lost = await scheduler.statuses.first
            #expect(lost?.taskID == TaskID("lost-1"))
            #expect(lost?.state == .lost)
            #expect(lost?.reason == .masterDisconnected)
            #expect(lost?.source == .master)
            #expect(lost?.uuid == nil)
            #expect(!master.calls.contains { $0.call.type == .accept })
            driver.abort()
            #expect(await driver.join() == .aborted)
        }
    }
}

extension MesosSchedulerDriverTests {
    @Test func cancellingRunAbortsTheDriver() async throws {
        try await FakeMaster.with { master in
            let scheduler = RecordingScheduler()
            let driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: testConfiguration(master: master.address))
            let running = Task { await driver.run() }
            try await waitUntil("registration") { await scheduler.log == ["registered"] }
            running.cancel()
            #expect(await running.value == .aborted)
            #expect(await driver.join() == .aborted)
            #expect(!master.calls.contains { $0.call.type == .teardown })
        }
    }
}

/// A scheduler that stops its driver from within `statusUpdate` (the Throttler's and many
/// frameworks' way to end once the last task finished).
private actor StopOnUpdateScheduler: MesosScheduler.Scheduler {
    let failover: Bool
    private(set) var registered = false
    init(failover: Bool) { self.failover = failover }

    func registered(_ driver: any SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        registered = true
    }

    func resourceOffers(_ driver: any SchedulerDriver, offers: [Offer]) async {}

    func statusUpdate(_ driver: any SchedulerDriver, status: TaskStatus) async {
        driver.stop(failover: failover)
    }
}

extension MesosSchedulerDriverTests {
    @Test(arguments: [false, true])
    func stoppingFromWithinStatusUpdateStillAcknowledgesTheUpdate(failover: Bool) async throws {
        try await FakeMaster.with { master in
            let scheduler = StopOnUpdateScheduler(failover: failover)
            let driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: testConfiguration(master: master.address))
            driver.start()
            try await waitUntil("registration") { await scheduler.registered }
            master.push(.update(runningUpdate("last-task", state: .finished)))
            #expect(await driver.join() == .stopped)
            let ack = try await master.waitForCall(.acknowledge)
            #expect(ack.call.acknowledge?.taskID == TaskID("last-task"))
            let types = master.calls.map(\.call.type)
            #expect(types.filter { $0 == .acknowledge }.count == 1)
            if failover {
                #expect(!types.contains(.teardown))
            } else {
                // The acknowledgement goes out before the framework is torn down.
                let teardown = try #require(types.firstIndex(of: .teardown))
                #expect(try #require(types.firstIndex(of: .acknowledge)) < teardown)
            }
        }
    }
}
