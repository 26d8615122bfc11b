import Foundation
import Logging
import MesosModel
import MesosResources
import MesosScheduler

/// One framework of the load generator, over the SDK's ``SchedulerClient``: it holds the offers it
/// gets and launches tasks from them at its share of the target rate (a token bucket refilled every
/// few milliseconds), returns what an ACCEPT leaves unused at once (refuse_seconds 0), and
/// acknowledges every status update without waiting for the answer.
actor LoadFramework {
    let index: Int
    let client: SchedulerClient
    let rate: Double
    let task: TaskShape
    let counters: LoadCounters
    private var offers: [Offer] = []
    private var launchTimes: [TaskID: ContinuousClock.Instant] = [:]
    /// Tasks that count against `limit`: launched, less those that ended without running.
    private var launched = 0
    /// Numbers task IDs: never reused (a launch retried under a reused ID is refused as a duplicate).
    private var nextTaskNumber = 0
    /// Tasks of ACCEPTs that failed on this side (a timeout): the master may have launched them.
    private var uncertainLaunches: Set<TaskID> = []
    /// Launches in all at most (nil: no limit).
    let limit: Int?
    /// Tasks launched but not yet RUNNING at most (nil: no bound, an open loop): a bound keeps an
    /// overloaded master from queueing ever more work (tokens are dropped instead).
    let maximumOutstanding: Int?
    private var tokens = 0.0
    private var lastRefill = ContinuousClock.now
    private let started = ContinuousClock.now
    private var offersReceived = 0
    private(set) var subscribed = false
    /// Tasks per ACCEPT at most (bounds a request's size).
    static let maximumTasksPerAccept = 500

    struct TaskShape: Sendable {
        var cpus: Double
        var memoryMB: Double
    }

    init(
        index: Int, master: String, rate: Double, limit: Int? = nil, maximumOutstanding: Int? = nil, task: TaskShape,
        counters: LoadCounters, logger: Logger
    ) throws {
        self.index = index
        self.limit = limit
        self.maximumOutstanding = maximumOutstanding
        self.rate = rate
        self.task = task
        self.counters = counters
        let info = FrameworkInfo(user: "bench", name: "load-\(index)", failoverTimeout: 3600)
        client = try SchedulerClient(configuration: SchedulerConfiguration(
            master: master, frameworkInfo: info, acknowledgements: .explicit, logger: logger))
    }

    /// Reads the event stream until it ends (``shutdown()``).
    func consumeEvents() async {
        do {
            for try await event in client.events {
                handle(event)
            }
        } catch {
            counters.error("framework \(index): \(error)")
        }
    }

    private func handle(_ event: SchedulerEvent) {
        switch event {
        case .subscribed:
            subscribed = true
        case .offers(let new):
            offers.append(contentsOf: new)
            offersReceived += new.count
        case .offerRescinded(let id):
            offers.removeAll { $0.id == id }
        case .statusUpdate(let status):
            received(status)
        case .error(let message):
            counters.error("framework \(index): ERROR \(message)")
        default:
            break
        }
    }

    private func received(_ status: TaskStatus) {
        let now = ContinuousClock.now
        if let sent = status.timestamp {
            counters.updateReceived(latencyMs: (Date().timeIntervalSince1970 - sent) * 1000)
        }
        if status.state == .running, let launchedAt = launchTimes.removeValue(forKey: status.taskID) {
            counters.running(latencyMs: (now - launchedAt).milliseconds)
        } else if status.state == .running, uncertainLaunches.remove(status.taskID) != nil {
            // Its ACCEPT timed out here but reached the master: running all the same (launched
            // again too, so the limit is passed by as many).
            counters.runningUntimed()
        } else if status.state != .running {
            let wasPending = launchTimes.removeValue(forKey: status.taskID) != nil
            uncertainLaunches.remove(status.taskID)
            if status.state != .finished {
                counters.error("task \(status.taskID.value): \(status.state.rawValue) \(status.message ?? "")")
                // Never ran: another one takes its place.
                if wasPending { launched -= 1 }
            }
        }
        guard status.uuid != nil else { return }
        let client = client
        let counters = counters
        Task {
            do { try await client.acknowledge(status) } catch { counters.error("ACKNOWLEDGE: \(error)") }
        }
    }

    /// Launches what the tokens earned since the last call allow, from the offers held. An offer
    /// can be used once, and the master re-offers what an ACCEPT leaves unused only at its next
    /// allocation round: each ACCEPT therefore carries about rate / offer rate tasks (with a margin).
    func tick() {
        let now = ContinuousClock.now
        tokens = min(tokens + rate * (now - lastRefill).milliseconds / 1000, max(rate, 1))
        lastRefill = now
        let elapsed = max((now - started).milliseconds / 1000, 1)
        let offerRate = max(Double(offersReceived) / elapsed, 1)
        let batch = max(1, min(Double(Self.maximumTasksPerAccept), (1.5 * rate / offerRate).rounded(.up)))
        if let limit, launched >= limit {
            // Done launching: decline like an idle framework (Mesos's default 5 s filter).
            decline(offers, refuseSeconds: 5)
            offers.removeAll()
            return
        }
        let wanted = limit.map { min(batch, Double($0 - launched)) } ?? batch
        while tokens >= wanted, wanted > 0, !offers.isEmpty {
            let offer = offers.removeFirst()
            let available = Resources(offer.resources).unallocated()
            let fit = Int(min((available.cpus ?? 0) / task.cpus, (available.mem ?? 0) / task.memoryMB).rounded(.down) + 0.001)
            let room = maximumOutstanding.map { max(0, $0 - launchTimes.count) } ?? Int.max
            guard room > 0 else {
                offers.insert(offer, at: 0)
                tokens = min(tokens, batch)  // at the bound: the rate is not made up later
                break
            }
            let count = min(fit, Int(tokens), Self.maximumTasksPerAccept, limit.map { $0 - launched } ?? Int.max, room)
            guard count > 0 else {
                decline([offer])
                continue
            }
            tokens -= Double(count)
            launch(count, on: offer, at: now)
        }
    }

    private func launch(_ count: Int, on offer: Offer, at now: ContinuousClock.Instant) {
        let resources = [Resource.scalar(name: "cpus", value: task.cpus), Resource.scalar(name: "mem", value: task.memoryMB)]
        var tasks: [TaskInfo] = []
        tasks.reserveCapacity(count)
        for _ in 0..<count {
            launched += 1
            nextTaskNumber += 1
            let id = TaskID("load-\(index)-\(nextTaskNumber)")
            launchTimes[id] = now
            tasks.append(TaskInfo(name: "load", taskID: id, agentID: offer.agentID, resources: resources, command: CommandInfo(shell: true, value: "true")))
        }
        counters.launched(count)
        let client = client
        let counters = counters
        Task {
            do {
                try await client.launch(tasks, offerIDs: [offer.id], filters: Filters(refuseSeconds: 0))
            } catch {
                counters.error("ACCEPT: \(error)")
                self.launchFailed(tasks.map(\.taskID))
            }
        }
    }

    /// An ACCEPT failed: its tasks count against the limit no more. A timed-out ACCEPT may still
    /// have launched them: their TASK_RUNNING then counts (``uncertainLaunches``).
    private func launchFailed(_ ids: [TaskID]) {
        for id in ids where launchTimes.removeValue(forKey: id) != nil {
            launched -= 1
            uncertainLaunches.insert(id)
        }
    }

    /// Declines `offers` in one call.
    private func decline(_ offers: [Offer], refuseSeconds: Double = 0) {
        guard !offers.isEmpty else { return }
        let client = client
        let ids = offers.map(\.id)
        Task { try? await client.decline(ids, filters: Filters(refuseSeconds: refuseSeconds)) }
    }

    func shutdown() async {
        try? await client.teardown()
        await client.shutdown()
    }
}
