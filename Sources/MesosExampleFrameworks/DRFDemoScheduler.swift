import Logging
import MesosResources
import MesosScheduler

/// The DRF demo framework: launches as many sleeping tasks of one shape as its offers hold, forever
/// (or up to `maxTasks`), so several instances side by side show how Dominant Resource Fairness
/// shares a cluster.
///
/// Unlike the original it declines what it cannot use with a filter that never hides freed room,
/// can cap tasks per offer (progressive filling), can declare its task shape with a REQUEST call
/// (demand-sized offers), and suppresses offers once it has launched `maxTasks`.
public actor DRFDemoScheduler: Scheduler {
    /// The framework's settings.
    public let options: DRFDemoOptions
    private var generator: any RandomNumberGenerator & Sendable
    private let logger: Logger
    private var demand = OfferDemand()
    private var launched = 0
    private var running: Set<TaskID> = []
    private var active: Set<TaskID> = []
    private var ended = 0

    /// The framework id, once registered.
    public private(set) var frameworkID: FrameworkID?
    /// Cluster totals, for ``dominantShare``; set by whoever reads them (``MasterStateReader``).
    public private(set) var clusterTotals: ClusterTotals?

    /// Creates the scheduler; `generator` draws task durations.
    public init(
        options: DRFDemoOptions, generator: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        logger: Logger
    ) {
        self.options = options
        self.generator = generator
        self.logger = logger
    }

    /// Tasks in TASK_RUNNING now.
    public var runningTaskCount: Int { running.count }
    /// Tasks launched so far.
    public var launchedTaskCount: Int { launched }
    /// Tasks that reached a terminal state.
    public var endedTaskCount: Int { ended }

    /// Running tasks × task shape / cluster totals; 0 until the totals are known.
    public var dominantShare: Double {
        guard let clusterTotals else { return 0 }
        return DominantShare.of(tasks: running.count, shape: options.shape, totals: clusterTotals)
    }

    /// Records the cluster's total CPUs and memory.
    public func updateClusterTotals(_ totals: ClusterTotals) {
        clusterTotals = totals
    }

    /// The framework info to subscribe with.
    public nonisolated var frameworkInfo: FrameworkInfo {
        FrameworkInfo(user: options.user, name: options.frameworkName, role: options.role)
    }

    // MARK: Scheduler

    public func registered(_ driver: any SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        self.frameworkID = frameworkID
        logger.info("\(options.frameworkName): registered as \(frameworkID.value), tasks of \(options.shape)")
        declareDemand(driver)
    }

    public func reregistered(_ driver: any SchedulerDriver, masterInfo: MasterInfo?) async {
        logger.info("\(options.frameworkName): re-registered")
        demand.resubscribed()
        declareDemand(driver)
        driver.update(&demand, hasWork: hasWork)
    }

    public func disconnected(_ driver: any SchedulerDriver) async {
        logger.warning("\(options.frameworkName): disconnected from the master")
    }

    public func resourceOffers(_ driver: any SchedulerDriver, offers: [Offer]) async {
        for offer in offers {
            let available = Resources(offer.resources).unallocated()
            let plan = OfferPlan.make(
                offeredCPUs: available.cpus ?? 0, offeredMemoryMB: available.mem ?? 0, shape: options.shape,
                perOfferLimit: options.tasksPerOffer, remaining: options.maxTasks.map { $0 - launched },
                unusableRefuseSeconds: options.unusableRefuseSeconds)
            guard plan.taskCount > 0 else {
                logger.debug("\(options.frameworkName): declining \(offer.id.value) (\(available))")
                driver.declineOffer(offer.id, filters: Filters(refuseSeconds: options.unusableRefuseSeconds))
                continue
            }
            let tasks = (0..<plan.taskCount).map { _ in makeTask(on: offer) }
            logger.info("\(options.frameworkName): launching \(tasks.count) task(s) on \(offer.hostname)")
            driver.launchTasks(offerIDs: [offer.id], tasks: tasks, filters: Filters(refuseSeconds: plan.refuseSeconds))
        }
        driver.update(&demand, hasWork: hasWork)
    }

    public func offerRescinded(_ driver: any SchedulerDriver, offerID: OfferID) async {
        logger.info("\(options.frameworkName): offer \(offerID.value) rescinded")
    }

    public func statusUpdate(_ driver: any SchedulerDriver, status: TaskStatus) async {
        logger.info("\(options.frameworkName): task \(status.taskID.value) is \(status.state.rawValue)")
        if status.state == .running {
            running.insert(status.taskID)
        } else if status.state.isTerminal {
            running.remove(status.taskID)
            if active.remove(status.taskID) != nil { ended += 1 }
        }
        if let maxTasks = options.maxTasks, launched >= maxTasks, active.isEmpty {
            logger.info("\(options.frameworkName): all \(maxTasks) tasks ended, stopping")
            driver.stop(failover: false)
        }
    }

    public func error(_ driver: any SchedulerDriver, message: String) async {
        logger.error("\(options.frameworkName): error from the master: \(message)")
    }

    // MARK: Helpers

    private var hasWork: Bool { options.maxTasks.map { launched < $0 } ?? true }

    private func declareDemand(_ driver: any SchedulerDriver) {
        guard options.requestResources else { return }
        driver.requestResources([Request(resources: options.shape.resources)])
    }

    private func makeTask(on offer: Offer) -> TaskInfo {
        launched += 1
        let seconds = options.taskDuration.sample(using: &generator)
        let id = TaskID("\(options.frameworkName)-\(launched)")
        active.insert(id)
        var container: ContainerInfo?
        if let image = options.dockerImage {
            container = ContainerInfo(type: .docker, docker: ContainerInfo.DockerInfo(image: image))
        }
        return TaskInfo(
            name: "\(options.frameworkName) task \(launched)", taskID: id, agentID: offer.agentID,
            resources: options.shape.resources, command: CommandInfo(shell: true, value: "sleep \(seconds)"),
            container: container)
    }
}
