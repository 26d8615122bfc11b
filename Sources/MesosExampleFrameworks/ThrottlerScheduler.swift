import Foundation
import Logging
import MesosResources
import MesosScheduler

/// The Throttler: a distributed load test that runs `totalQueries` HTTP GETs against a target in
/// tasks of `queriesPerTask` queries, at most `parallelism` tasks at once.
///
/// Unlike the original it never has more than `parallelism` tasks in flight (launched and not yet
/// terminal), waits for every task's terminal status before it stops, suppresses offers while it
/// has nothing to launch (declining with filters that ``OfferDemand``'s REVIVE clears), retries the
/// batch of a failed task (see ``ThrottlerLedger``), and once failures pass `maxErrors` stops
/// launching, kills what is in flight and ends the run as failed. It acknowledges status updates
/// itself (run it with `AcknowledgementMode.explicit`, as ``ThrottlerFramework`` does).
public actor ThrottlerScheduler: Scheduler {
    /// The run's settings.
    public let options: ThrottlerOptions
    private let logger: Logger
    private let clock = ContinuousClock()
    private var ledger: ThrottlerLedger
    private var demand = OfferDemand()
    private var agents: [TaskID: AgentID] = [:]
    private var agentURLs: [AgentID: String] = [:]
    private var masterURL: String?
    private let sandboxReader: AgentSandboxReader?
    private var nextTaskNumber = 0
    private var startedAt: ContinuousClock.Instant?
    private var endedAt: ContinuousClock.Instant?
    private var stopping = false

    /// The framework id, once registered.
    public private(set) var frameworkID: FrameworkID?

    /// Creates the scheduler; `sandboxReader` reads the "Executed N queries in X sec" line of
    /// docker tasks from their stdout (without one, their batches count untimed).
    public init(options: ThrottlerOptions, sandboxReader: AgentSandboxReader? = nil, logger: Logger) {
        self.options = options
        self.sandboxReader = sandboxReader
        self.logger = logger
        ledger = ThrottlerLedger(
            totalQueries: options.totalQueries, queriesPerTask: options.queriesPerTask,
            parallelism: options.parallelism, maxErrors: options.maxErrors)
    }

    /// The framework info to subscribe with.
    public nonisolated var frameworkInfo: FrameworkInfo {
        FrameworkInfo(user: options.user, name: options.frameworkName)
    }

    /// The run's bookkeeping so far.
    public var progress: ThrottlerLedger { ledger }

    /// Whether every task reached a terminal state and nothing is left to launch.
    public var isDone: Bool { ledger.isDone }

    /// The report so far (wall time from registration to the last terminal status, or to now).
    public var report: ThrottlerReport {
        let end = endedAt ?? clock.now
        let wall = startedAt.map { Self.seconds(end - $0) } ?? 0
        return ThrottlerReport(ledger: ledger, wallSeconds: wall)
    }

    /// Stops launching (e.g. on SIGINT); the caller tears the framework down, which kills the tasks.
    public func abort() {
        ledger.abort()
        endedAt = endedAt ?? clock.now
    }

    // MARK: Scheduler

    public func registered(_ driver: any SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        self.frameworkID = frameworkID
        masterURL = masterInfo.map(AgentSandboxReader.baseURL(of:))
        startedAt = startedAt ?? clock.now
        logger.info("registered as \(frameworkID.value): \(options.totalQueries) queries of \(options.target), \(options.queriesPerTask) per task, at most \(options.parallelism) tasks at once")
        updateDemand(driver)
    }

    public func reregistered(_ driver: any SchedulerDriver, masterInfo: MasterInfo?) async {
        logger.info("re-registered")
        masterURL = masterInfo.map(AgentSandboxReader.baseURL(of:)) ?? masterURL
        demand.resubscribed()
        updateDemand(driver)
    }

    public func disconnected(_ driver: any SchedulerDriver) async {
        // After the teardown the master closes the stream: not worth a warning then.
        logger.log(level: stopping ? .debug : .warning, "disconnected from the master")
    }

    public func resourceOffers(_ driver: any SchedulerDriver, offers: [Offer]) async {
        for offer in offers {
            let available = Resources(offer.resources).unallocated()
            let batches = ledger.batches(
                offeredCPUs: available.cpus ?? 0, offeredMemoryMB: available.mem ?? 0, shape: options.shape)
            guard !batches.isEmpty else {
                driver.declineOffer(offer.id, filters: Filters(refuseSeconds: Self.longFilter))
                continue
            }
            var tasks: [TaskInfo] = []
            for queries in batches {
                nextTaskNumber += 1
                let id = TaskID("task-\(nextTaskNumber)")
                ledger.launched(id, queries: queries)
                agents[id] = offer.agentID
                if agentURLs[offer.agentID] == nil { agentURLs[offer.agentID] = AgentSandboxReader.baseURL(of: offer) }
                tasks.append(ThrottlerTask.make(id: id, queries: queries, agentID: offer.agentID, options: options))
            }
            logger.info("launching \(tasks.map(\.taskID.value).joined(separator: ", ")) on \(offer.hostname): \(ledger.inFlight.count) in flight, \(ledger.remainingQueries) queries left")
            // The rest of the offer comes back at once if more tasks may start, else after REVIVE.
            let refuse = hasRoomForWork ? 0 : Self.longFilter
            driver.launchTasks(offerIDs: [offer.id], tasks: tasks, filters: Filters(refuseSeconds: refuse))
        }
        updateDemand(driver)
    }

    public func statusUpdate(_ driver: any SchedulerDriver, status update: TaskStatus) async {
        var status = update
        // A docker task's line is in its stdout; read it before acknowledging: the agent removes
        // the container (and may cut its log copy short) once the final update is acknowledged.
        if status.state == .finished, ledger.inFlight[status.taskID] != nil,
           status.message.flatMap(QueryBatchResult.init(message:)) == nil,
           let line = await reportedLine(of: status.taskID) {
            status.message = line
        }
        driver.acknowledgeStatusUpdate(update)  // sent before a teardown below (see ThrottlerFramework)
        let wasAborted = ledger.isAborted
        let outcome = ledger.record(status)
        switch outcome {
        case .finished(let result)?:
            logger.info("\(status.taskID.value) is TASK_FINISHED: \(status.message ?? result.message)")
        case .failed(let retried)?:
            logger.warning("\(status.taskID.value) is \(status.state.rawValue): \(status.message ?? "no message") (error \(ledger.failures.count) of at most \(options.maxErrors)\(retried ? ", its queries are retried" : ""))")
        case .killed?:
            logger.info("\(status.taskID.value) is TASK_KILLED")
        case nil:
            logger.debug("\(status.taskID.value) is \(status.state.rawValue)")
        }
        if status.state.isTerminal {
            agents[status.taskID] = nil
        }
        if ledger.isAborted, !wasAborted {
            logger.error("more than \(options.maxErrors) errors: stopping, killing \(ledger.inFlight.count) task(s) in flight")
            for taskID in ledger.inFlight.keys.sorted(by: { $0.value < $1.value }) {
                driver.killTask(taskID, agentID: agents[taskID])
            }
        }
        if ledger.isDone {
            finish(driver)
        } else {
            updateDemand(driver)
        }
    }

    public func error(_ driver: any SchedulerDriver, message: String) async {
        logger.error("error from the master: \(message)")
    }

    // MARK: Helpers

    /// The "Executed N queries in X sec" line of a (docker) task's stdout, if it can be read. The
    /// agent copies a container's output into the sandbox as it comes, so the line may arrive a
    /// little after the task's end: it is looked for for up to 5 s.
    private func reportedLine(of taskID: TaskID) async -> String? {
        guard let sandboxReader, let frameworkID, let agentID = agents[taskID] else { return nil }
        var problem = "no such line in its stdout"
        for attempt in 0..<25 {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(200)) }
            do {
                var agentURL = agentURLs[agentID]
                if agentURL == nil, let masterURL {
                    agentURL = try await sandboxReader.agentURL(of: agentID, masterURL: masterURL)
                    agentURLs[agentID] = agentURL
                }
                guard let agentURL else { throw AgentSandboxReader.ReadError(description: "the agent's address is unknown") }
                let stdout = try await sandboxReader.stdout(of: taskID, frameworkID: frameworkID, agentURL: agentURL)
                if let line = stdout.split(separator: "\n").last(where: { QueryBatchResult(message: String($0)) != nil }) {
                    return String(line)
                }
            } catch {
                problem = "\(error)"
            }
        }
        logger.warning("cannot read the result of \(taskID.value): \(problem)")
        return nil
    }

    /// Offers are wanted while queries wait and a task may start.
    private var hasRoomForWork: Bool { ledger.hasWork && ledger.inFlight.count < options.parallelism }

    private func updateDemand(_ driver: any SchedulerDriver) {
        guard !stopping else { return }
        driver.update(&demand, hasWork: hasRoomForWork)
    }

    private func finish(_ driver: any SchedulerDriver) {
        guard !stopping else { return }
        stopping = true
        endedAt = endedAt ?? clock.now
        logger.info("every task ended: \(ledger.finished.count) finished, \(ledger.failures.count) failed; tearing down")
        driver.stop(failover: false)
    }

    private static let longFilter = 3600.0

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
