import MesosResources
import MesosScheduler

/// Runs `taskCount` shell commands on the cluster, one small task each, and stops once all of
/// them finished. Tasks that fail are launched again.
actor HelloFramework: Scheduler {
    let command: String
    let taskCount: Int
    let taskResources: Resources
    private var nextTaskNumber = 0
    private var waiting: Int
    private var finished: Set<TaskID> = []  // updates can arrive more than once: count tasks, not updates
    private var demand = OfferDemand()

    init(command: String = "echo hello", taskCount: Int = 3) throws {
        self.command = command
        self.taskCount = taskCount
        self.waiting = taskCount
        self.taskResources = try Resources.parse("cpus:0.1;mem:32")
    }

    /// How many tasks finished.
    var finishedTasks: Int { finished.count }

    func registered(_ driver: any SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        print("Registered as \(frameworkID.value)")
    }

    func resourceOffers(_ driver: any SchedulerDriver, offers: [Offer]) async {
        for offer in offers {
            // Offered resources carry `allocation_info`; compare and subtract without it.
            var available = Resources(offer.resources).unallocated()
            var tasks: [TaskInfo] = []
            while waiting > 0, available.contains(taskResources) {
                tasks.append(makeTask(on: offer))
                available -= taskResources
                waiting -= 1
            }
            if tasks.isEmpty {
                driver.declineOffer(offer.id, filters: nil)  // a long filter by default
            } else {
                driver.launchTasks(offerIDs: [offer.id], tasks: tasks, filters: nil)
            }
        }
        // Nothing left to launch: stop receiving offers, so other frameworks get them.
        driver.update(&demand, hasWork: waiting > 0)
    }

    func statusUpdate(_ driver: any SchedulerDriver, status: TaskStatus) async {
        print("Task \(status.taskID.value) is \(status.state.rawValue)")
        switch status.state {
        case .finished:
            finished.insert(status.taskID)
            if finished.count == taskCount {
                driver.stop(failover: false)
            }
        case .failed, .killed, .lost, .error, .dropped, .gone, .goneByOperator:
            waiting += 1  // try again on a later offer
            driver.update(&demand, hasWork: true)
        default:
            break
        }
    }

    private func makeTask(on offer: Offer) -> TaskInfo {
        nextTaskNumber += 1
        let id = "hello-\(nextTaskNumber)"
        return TaskInfo(
            name: id,
            taskID: TaskID(id),
            agentID: offer.agentID,
            resources: Array(taskResources),
            command: CommandInfo(shell: true, value: command))
    }
}

/// Starts the framework, waits until it stopped, and returns how it ended and how many tasks finished.
func runHelloFramework(master: String) async throws -> (DriverStatus, Int) {
    let framework = try HelloFramework(command: "echo hello", taskCount: 3)
    let configuration = SchedulerConfiguration(
        master: master,  // "10.0.0.5:5050", "m1:5050,m2:5050" or "zk://zk1:2181,zk2:2181/mesos"
        frameworkInfo: FrameworkInfo(user: "root", name: "hello"))
    let driver = try MesosSchedulerDriver(scheduler: framework, configuration: configuration)
    let status = await driver.run()
    return (status, await framework.finishedTasks)
}

/// The same job with the async API: one loop over the events.
func runHello(master: String, taskCount: Int = 3) async throws -> Int {
    let configuration = SchedulerConfiguration(
        master: master,
        frameworkInfo: FrameworkInfo(user: "root", name: "hello-async"))
    let client = try SchedulerClient(configuration: configuration)
    let taskResources = try Resources.parse("cpus:0.1;mem:32")
    var waiting = taskCount
    var finished: Set<TaskID> = []
    var launched = 0
    for try await event in client.events {
        switch event {
        case .offers(let offers):
            for offer in offers {
                if waiting > 0, Resources(offer.resources).unallocated().contains(taskResources) {
                    launched += 1
                    waiting -= 1
                    let task = TaskInfo(
                        name: "hello-\(launched)", taskID: TaskID("hello-\(launched)"), agentID: offer.agentID,
                        resources: Array(taskResources), command: CommandInfo(shell: true, value: "echo hello"))
                    try await client.launch([task], offerIDs: [offer.id])
                } else {
                    try await client.decline([offer.id])
                }
            }
        case .statusUpdate(let status) where status.state == .finished:
            finished.insert(status.taskID)
        case .statusUpdate(let status) where status.state.isTerminal:
            waiting += 1
        default:
            break
        }
        if finished.count == taskCount {
            try await client.teardown()
            break
        }
    }
    await client.shutdown()
    return finished.count
}
