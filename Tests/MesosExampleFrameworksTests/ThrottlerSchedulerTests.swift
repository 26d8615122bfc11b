import Foundation
import Logging
import MesosExampleFrameworks
import MesosModel
import MesosScheduler
import Synchronization
import Testing

/// A driver that records the scheduler's calls.
final class RecordingDriver: SchedulerDriver {
    enum Call: Equatable {
        case launch([TaskID], refuseSeconds: Double?)
        case decline(OfferID)
        case revive
        case suppress
        case kill(TaskID)
        case acknowledge(TaskID)
        case stop(failover: Bool)
    }

    private let recorded = Mutex<[Call]>([])
    var calls: [Call] { recorded.withLock { $0 } }
    func clear() { recorded.withLock { $0 = [] } }
    private func record(_ call: Call) -> DriverStatus {
        recorded.withLock { $0.append(call) }
        return .running
    }

    var status: DriverStatus { .running }
    func start() -> DriverStatus { .running }
    func stop(failover: Bool) -> DriverStatus { record(.stop(failover: failover)) }
    func abort() -> DriverStatus { .aborted }
    func join() async -> DriverStatus { .stopped }
    func run() async -> DriverStatus { .stopped }
    func launchTasks(offerIDs: [OfferID], tasks: [TaskInfo], filters: Filters?) -> DriverStatus {
        record(.launch(tasks.map(\.taskID), refuseSeconds: filters?.refuseSeconds))
    }
    func acceptOffers(offerIDs: [OfferID], operations: [Offer.Operation], filters: Filters?) -> DriverStatus { .running }
    func declineOffer(_ offerID: OfferID, filters: Filters?) -> DriverStatus { record(.decline(offerID)) }
    func reviveOffers(roles: [String]) -> DriverStatus { record(.revive) }
    func suppressOffers(roles: [String]) -> DriverStatus { record(.suppress) }
    func killTask(_ taskID: TaskID, agentID: AgentID?) -> DriverStatus { record(.kill(taskID)) }
    func acknowledgeStatusUpdate(_ status: TaskStatus) -> DriverStatus { record(.acknowledge(status.taskID)) }
    func reconcileTasks(_ statuses: [TaskStatus]) -> DriverStatus { .running }
    func sendFrameworkMessage(executorID: ExecutorID, agentID: AgentID, data: Data) -> DriverStatus { .running }
    func requestResources(_ requests: [MesosModel.Request]) -> DriverStatus { .running }
}

/// The scheduler's calls for offers and updates (the driver is a recorder).
@Suite("The Throttler scheduler's calls")
struct ThrottlerSchedulerTests {
    let options = ThrottlerOptions(target: "http://127.0.0.1:1/q", totalQueries: 20, queriesPerTask: 5, parallelism: 2,
                                   shape: TaskShape(cpus: 1, memoryMB: 64), maxErrors: 1, workerPath: "/bin/worker")

    func offer(_ id: String, cpus: Double = 8) -> Offer {
        Offer(id: OfferID(id), frameworkID: FrameworkID("fw"), agentID: AgentID("agent"), hostname: "h",
              resources: [.scalar(name: "cpus", value: cpus), .scalar(name: "mem", value: 4096)])
    }

    func status(_ id: String, _ state: TaskState, _ message: String? = nil) -> TaskStatus {
        TaskStatus(taskID: TaskID(id), state: state, message: message, uuid: Data(repeating: 1, count: 16))
    }

    @Test func launchesUpToTheParallelismSuppressesRevivesAndTearsDownAtTheEnd() async {
        let scheduler = ThrottlerScheduler(options: options, logger: Logger(label: "test"))
        let driver = RecordingDriver()
        await scheduler.registered(driver, frameworkID: FrameworkID("fw"), masterInfo: nil)
        #expect(driver.calls.isEmpty)  // offers flow: nothing to revive
        await scheduler.resourceOffers(driver, offers: [offer("o1"), offer("o2")])
        // Two tasks fit the parallelism; the second offer is declined; then offers are suppressed.
        #expect(driver.calls == [.launch([TaskID("task-1"), TaskID("task-2")], refuseSeconds: 3600), .decline(OfferID("o2")), .suppress])
        driver.clear()
        await scheduler.statusUpdate(driver, status: status("task-1", .running))
        #expect(driver.calls == [.acknowledge(TaskID("task-1"))])
        driver.clear()
        await scheduler.statusUpdate(driver, status: status("task-1", .finished, "Executed 5 queries in 0.1 sec"))
        #expect(driver.calls == [.acknowledge(TaskID("task-1")), .revive])
        driver.clear()
        await scheduler.resourceOffers(driver, offers: [offer("o3")])
        #expect(driver.calls == [.launch([TaskID("task-3")], refuseSeconds: 3600), .suppress])
        for id in ["task-2", "task-3"] {
            await scheduler.statusUpdate(driver, status: status(id, .finished, "Executed 5 queries in 0.1 sec"))
        }
        await scheduler.resourceOffers(driver, offers: [offer("o4")])
        #expect(await scheduler.progress.launchedTasks == 4)
        driver.clear()
        // A duplicate update changes nothing; the last task's end tears the framework down.
        await scheduler.statusUpdate(driver, status: status("task-3", .finished, "Executed 5 queries in 0.1 sec"))
        #expect(driver.calls == [.acknowledge(TaskID("task-3"))])
        await scheduler.statusUpdate(driver, status: status("task-4", .finished, "Executed 5 queries in 0.1 sec"))
        #expect(driver.calls.suffix(2) == [.acknowledge(TaskID("task-4")), .stop(failover: false)])
        let report = await scheduler.report
        #expect(report.succeeded && report.finishedTasks == 4 && report.executedQueries == 20 && report.peakInFlight == 2)
    }

    @Test func moreThanMaxErrorsKillsWhatIsInFlightAndEndsWhenEverythingEnded() async {
        let scheduler = ThrottlerScheduler(options: options, logger: Logger(label: "test"))
        let driver = RecordingDriver()
        await scheduler.registered(driver, frameworkID: FrameworkID("fw"), masterInfo: nil)
        await scheduler.resourceOffers(driver, offers: [offer("o1")])
        await scheduler.statusUpdate(driver, status: status("task-1", .failed, "query 1 of 5 failed: HTTP 500"))
        await scheduler.resourceOffers(driver, offers: [offer("o2")])  // the batch is retried
        #expect(driver.calls.contains(.launch([TaskID("task-3")], refuseSeconds: 3600)))
        driver.clear()
        await scheduler.statusUpdate(driver, status: status("task-2", .lost))
        #expect(driver.calls == [.acknowledge(TaskID("task-2")), .kill(TaskID("task-3"))])
        driver.clear()
        await scheduler.resourceOffers(driver, offers: [offer("o3")])
        #expect(driver.calls == [.decline(OfferID("o3"))])
        driver.clear()
        await scheduler.statusUpdate(driver, status: status("task-3", .killed))
        #expect(driver.calls == [.acknowledge(TaskID("task-3")), .stop(failover: false)])
        let report = await scheduler.report
        #expect(report.failed && report.failures == 2 && !report.succeeded)
    }
}
