import Foundation
import MesosModel
import MesosResources
import MesosScheduler

/// The `failover` benchmark's framework over the SDK: launches `quota` tasks (at most `perOffer`
/// per offer, spreading them over the agents), then suppresses offers; records its RUNNING tasks,
/// every (re-)subscription, and any task that ended after it was running.
actor FailoverFramework {
    let name: String
    let client: SchedulerClient
    private let quota: Int
    private let perOffer: Int
    private let taskResources: Resources
    private var launched = 0
    private var nextNumber = 0
    private var suppressed = false
    /// Tasks seen RUNNING and not ended since.
    private(set) var running: Set<TaskID> = []
    /// (Re-)subscriptions: whether it was a re-registration, and when.
    private(set) var subscriptions: [(reregistered: Bool, at: ContinuousClock.Instant)] = []
    /// Tasks that ended (any terminal state) after they ran, by state.
    private(set) var endedAfterRunning: [String: Int] = [:]
    /// Launches that failed before running (the task is launched again).
    private(set) var failedLaunches = 0
    private(set) var ended: String?
    private var reader: Task<Void, Never>?

    init(name: String, client: SchedulerClient, quota: Int, perOffer: Int, taskResources: Resources) {
        self.name = name
        self.client = client
        self.quota = quota
        self.perOffer = perOffer
        self.taskResources = taskResources
    }

    /// Starts reading events.
    func start() {
        let client = self.client
        reader = Task { [weak self] in
            do {
                for try await event in client.events { await self?.handle(event) }
                await self?.end("the event stream ended")
            } catch {
                await self?.end("the event stream failed: \(error)")
            }
        }
    }

    private func end(_ reason: String) {
        if ended == nil { ended = reason }
    }

    private func handle(_ event: SchedulerEvent) async {
        switch event {
        case .subscribed(_, _, let reregistered):
            subscriptions.append((reregistered, .now))
        case .offers(let offers):
            await use(offers)
        case .statusUpdate(let status):
            if status.state == .running {
                running.insert(status.taskID)
            } else if status.state.isTerminal || status.state == .unreachable {
                if running.remove(status.taskID) != nil {
                    endedAfterRunning[status.state.rawValue, default: 0] += 1
                } else if status.state.isTerminal {
                    failedLaunches += 1
                    launched -= 1
                    if suppressed {
                        suppressed = false
                        try? await client.revive()
                    }
                }
            }
        default:
            break
        }
    }

    private func use(_ offers: [Offer]) async {
        var unused: [OfferID] = []
        for offer in offers {
            var available = Resources(offer.resources).unallocated()
            var tasks: [TaskInfo] = []
            while launched < quota, tasks.count < perOffer, available.contains(taskResources) {
                nextNumber += 1
                let id = "\(name)-\(nextNumber)"
                tasks.append(TaskInfo(
                    name: id, taskID: TaskID(id), agentID: offer.agentID, resources: Array(taskResources),
                    command: CommandInfo(shell: true, value: "sleep 3600")))
                available -= taskResources
                launched += 1
            }
            if tasks.isEmpty {
                unused.append(offer.id)
            } else {
                do {
                    try await client.launch(tasks, offerIDs: [offer.id], filters: Filters(refuseSeconds: 0))
                } catch {
                    launched -= tasks.count
                }
            }
        }
        if !unused.isEmpty { try? await client.decline(unused, filters: Filters(refuseSeconds: 3600)) }
        if launched >= quota, !suppressed {
            suppressed = true
            try? await client.suppress()
        }
    }

    /// The time of the first re-registration at or after `instant`.
    func reregistered(after instant: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        subscriptions.first { $0.reregistered && $0.at >= instant }?.at
    }

    /// Stops reading events and releases the client (the framework stays registered).
    func stop() async {
        reader?.cancel()
        await client.shutdown()
    }
}
