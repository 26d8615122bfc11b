import Foundation
import Logging
import MesosModel
import Synchronization

/// The classic driver over the v1 HTTP API: delivers ``Scheduler-protocol`` callbacks one at a time and sends
/// calls in the order they were made. Built on ``SchedulerClient``, so it subscribes, follows the
/// leader, reconnects, re-registers, reconciles and acknowledges like it.
///
/// ```swift
/// let driver = try MesosSchedulerDriver(scheduler: MyScheduler(), configuration: configuration)
/// let status = await driver.run()
/// ```
public final class MesosSchedulerDriver: SchedulerDriver {
    typealias Call = MesosModel.Scheduler.Call

    private struct State {
        var status: DriverStatus = .notStarted
        var isDone = false
        var calls: AsyncStream<Call>.Continuation?
        var sender: Task<Void, Never>?
        var receiver: Task<Void, Never>?
        var waiters: [Int: CheckedContinuation<DriverStatus, Never>] = [:]
        var nextWaiter = 0
        /// Updates the driver made up for launches that could not be sent, delivered after the
        /// callback in progress.
        var undeliverable: [TaskStatus] = []
        /// The implicit acknowledgement of the update whose `statusUpdate` callback runs: sent when
        /// the callback returns, or by ``stop(failover:)`` if the callback stops the driver.
        var acknowledgementDue: Call?
    }

    /// The most made-up updates kept waiting for delivery.
    static let maximumUndeliverable = 10_000

    /// The client underneath, for anything the classic interface lacks.
    public let client: SchedulerClient
    private let scheduler: any Scheduler
    private let state = Mutex(State())
    private let callbacks = CallbackSerializer()
    private var logger: Logger { client.configuration.logger }

    /// Creates a driver; nothing happens before ``start()``.
    ///
    /// - Throws: ``SchedulerError/invalidMasterURL(_:reason:)`` at once for a master URL that cannot work.
    public init(scheduler: any Scheduler, configuration: SchedulerConfiguration) throws(SchedulerError) {
        self.scheduler = scheduler
        // The driver acknowledges implicitly itself, after each `statusUpdate` callback, through its
        // ordered call queue (the client's own implicit mode would send it only when the next event
        // is read, which a driver stopped from within the callback never does).
        implicitAcknowledgements = configuration.acknowledgements == .implicit
        var explicit = configuration
        explicit.acknowledgements = .explicit
        client = try SchedulerClient(configuration: explicit)
    }

    private let implicitAcknowledgements: Bool

    // MARK: Lifecycle

    public var status: DriverStatus { state.withLock { $0.status } }

    @discardableResult
    public func start() -> DriverStatus {
        state.withLock { state in
            guard state.status == .notStarted else { return state.status }
            state.status = .running
            let (calls, continuation) = AsyncStream<Call>.makeStream()
            state.calls = continuation
            state.sender = Task { [client, logger] in
                for await call in calls {
                    do {
                        try await client.send(call)
                    } catch {
                        logger.warning("Dropping \(call.type?.rawValue ?? "call"): \(error)")
                        self.answerLaunchesNotSent(call)
                    }
                }
            }
            state.receiver = Task { await self.receive() }
            return .running
        }
    }

    @discardableResult
    public func stop(failover: Bool = false) -> DriverStatus {
        end(as: .stopped, teardown: !failover)
    }

    @discardableResult
    public func abort() -> DriverStatus {
        end(as: .aborted, teardown: false)
    }

    /// Waits until the driver is stopped or aborted; returns at once with the current status when
    /// the calling task is cancelled (the driver keeps running).
    public func join() async -> DriverStatus {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let status: DriverStatus? = state.withLock { state in
                    if state.isDone || state.status == .notStarted || Task.isCancelled { return state.status }
                    state.waiters[id] = continuation
                    return nil
                }
                if let status { continuation.resume(returning: status) }
            }
        } onCancel: {
            let (waiter, status) = state.withLock { ($0.waiters.removeValue(forKey: id), $0.status) }
            waiter?.resume(returning: status)
        }
    }

    /// ``start()`` then ``join()``; cancelling the calling task aborts the driver.
    public func run() async -> DriverStatus {
        let status = start()
        guard status == .running else { return status }
        let joined = await withTaskCancellationHandler {
            await join()
        } onCancel: {
            abort()
        }
        return Task.isCancelled ? self.status : joined
    }

    private func end(as final: DriverStatus, teardown: Bool) -> DriverStatus {
        let tasks: (sender: Task<Void, Never>?, receiver: Task<Void, Never>?)? = state.withLock { state in
            guard state.status == .running else { return nil }
            state.status = final
            if let acknowledgement = state.acknowledgementDue {
                // stop() from within `statusUpdate`: the update was handled; acknowledge it first.
                state.acknowledgementDue = nil
                state.calls?.yield(acknowledgement)
            }
            state.calls?.finish()
            return (state.sender, state.receiver)
        }
        guard let tasks else { return status }
        Task { [client] in
            await tasks.sender?.value  // calls made before stop are sent first
            if teardown {
                do { try await client.teardown() } catch { self.logger.warning("TEARDOWN not sent: \(error)") }
            }
            tasks.receiver?.cancel()
            await tasks.receiver?.value
            await client.shutdown()
            self.markDone()
        }
        return final
    }

    private func markDone() {
        let (status, waiters) = state.withLock { state in
            state.isDone = true
            defer { state.waiters = [:] }
            return (state.status, Array(state.waiters.values))
        }
        waiters.forEach { $0.resume(returning: status) }
    }

    // MARK: Callbacks

    private func receive() async {
        do {
            for try await event in client.events {
                await callbacks.run { await self.deliver(event) }
            }
        } catch is CancellationError {
            return  // stop() or abort() ended the driver
        } catch SchedulerError.frameworkRemoved {
            // The ERROR event was already delivered to `error(_:message:)`.
        } catch {
            logger.error("Scheduler driver aborting: \(error)")
            await callbacks.run { await self.scheduler.error(self, message: "\(error)") }
        }
        // The event sequence ended by itself: an ERROR event or a permanent failure.
        if state.withLock({ $0.status == .running }) { _ = abort() }
    }

    private func deliver(_ event: SchedulerEvent) async {
        switch event {
        case .subscribed(let frameworkID, let master, let reregistered):
            if reregistered {
                await scheduler.reregistered(self, masterInfo: master)
            } else {
                await scheduler.registered(self, frameworkID: frameworkID, masterInfo: master)
            }
        case .disconnected:
            await scheduler.disconnected(self)
        case .offers(let offers):
            await scheduler.resourceOffers(self, offers: offers)
        case .offerRescinded(let offerID):
            await scheduler.offerRescinded(self, offerID: offerID)
        case .statusUpdate(let status):
            if implicitAcknowledgements {
                let acknowledgement = client.machine.withLock { $0.acknowledgement(for: status) }
                state.withLock { $0.acknowledgementDue = acknowledgement }
            }
            await scheduler.statusUpdate(self, status: status)
            state.withLock { state in
                guard let acknowledgement = state.acknowledgementDue else { return }
                state.acknowledgementDue = nil
                if state.status == .running { state.calls?.yield(acknowledgement) }
            }
        case .frameworkMessage(let executorID, let agentID, let data):
            await scheduler.frameworkMessage(self, executorID: executorID, agentID: agentID, data: data)
        case .agentLost(let agentID):
            await scheduler.agentLost(self, agentID: agentID)
        case .executorLost(let executorID, let agentID, let status):
            await scheduler.executorLost(self, executorID: executorID, agentID: agentID, status: status)
        case .error(let message):
            await scheduler.error(self, message: message)
        case .inverseOffers, .inverseOfferRescinded, .operationStatusUpdate:
            break  // no classic callback; use SchedulerClient for these
        }
    }

    /// Like Mesos's driver: every task of a launch that could not be sent gets a TASK_LOST update
    /// (TASK_DROPPED for PARTITION_AWARE frameworks) from source MASTER, reason MASTER_DISCONNECTED.
    private func answerLaunchesNotSent(_ call: Call) {
        let tasks = call.accept?.operations.flatMap { $0.launch?.taskInfos ?? [] } ?? []
        guard !tasks.isEmpty else { return }
        let state: TaskState = client.configuration.frameworkInfo.hasCapability(.partitionAware) ? .dropped : .lost
        let updates = tasks.map {
            TaskStatus(taskID: $0.taskID, state: state, message: "Master disconnected", source: .master,
                       reason: .masterDisconnected, agentID: $0.agentID)
        }
        self.state.withLock { state in
            let room = max(0, Self.maximumUndeliverable - state.undeliverable.count)
            state.undeliverable.append(contentsOf: updates.prefix(room))
        }
        Task { await callbacks.run { await self.deliverUndeliverable() } }
    }

    private func deliverUndeliverable() async {
        while true {
            let next: TaskStatus? = state.withLock { state in
                state.undeliverable.isEmpty ? nil : state.undeliverable.removeFirst()
            }
            guard let next else { return }
            await scheduler.statusUpdate(self, status: next)
        }
    }

    // MARK: Calls

    private func enqueue(_ call: Call) -> DriverStatus {
        state.withLock { state in
            guard state.status == .running, let calls = state.calls else { return state.status }
            calls.yield(call)
            return .running
        }
    }

    @discardableResult
    public func launchTasks(offerIDs: [OfferID], tasks: [TaskInfo], filters: Filters? = nil) -> DriverStatus {
        acceptOffers(offerIDs: offerIDs, operations: [.launch(tasks)], filters: filters)
    }

    @discardableResult
    public func acceptOffers(offerIDs: [OfferID], operations: [Offer.Operation], filters: Filters? = nil) -> DriverStatus {
        let tasks = operations.flatMap { $0.launch?.taskInfos ?? [] }
        client.machine.withLock { $0.launched(tasks) }
        let call = Call(type: .accept, accept: Call.Accept(offerIDs: offerIDs, operations: operations, filters: filters))
        guard client.isSubscribed || status != .running else {
            logger.warning("Dropping ACCEPT: the driver is not subscribed to a master")
            answerLaunchesNotSent(call)
            return .running
        }
        return enqueue(call)
    }

    @discardableResult
    public func declineOffer(_ offerID: OfferID, filters: Filters? = nil) -> DriverStatus {
        enqueue(Call(type: .decline, decline: Call.Decline(offerIDs: [offerID], filters: filters ?? SchedulerDefaults.declineFilters)))
    }

    @discardableResult
    public func reviveOffers(roles: [String] = []) -> DriverStatus {
        enqueue(Call(type: .revive, revive: Call.Roles(roles: roles)))
    }

    @discardableResult
    public func suppressOffers(roles: [String] = []) -> DriverStatus {
        enqueue(Call(type: .suppress, suppress: Call.Roles(roles: roles)))
    }

    @discardableResult
    public func killTask(_ taskID: TaskID, agentID: AgentID? = nil) -> DriverStatus {
        enqueue(Call(type: .kill, kill: Call.Kill(taskID: taskID, agentID: agentID)))
    }

    @discardableResult
    public func acknowledgeStatusUpdate(_ status: TaskStatus) -> DriverStatus {
        guard let call = client.machine.withLock({ $0.acknowledgement(for: status) }) else {
            return self.status
        }
        return enqueue(call)
    }

    @discardableResult
    public func reconcileTasks(_ statuses: [TaskStatus] = []) -> DriverStatus {
        let tasks = statuses.map { Call.Reconcile.Task(taskID: $0.taskID, agentID: $0.agentID) }
        return enqueue(Call(type: .reconcile, reconcile: Call.Reconcile(tasks: tasks)))
    }

    @discardableResult
    public func sendFrameworkMessage(executorID: ExecutorID, agentID: AgentID, data: Data) -> DriverStatus {
        enqueue(Call(type: .message, message: Call.Message(agentID: agentID, executorID: executorID, data: data)))
    }

    @discardableResult
    public func requestResources(_ requests: [MesosModel.Request]) -> DriverStatus {
        enqueue(Call(type: .request, request: Call.Request(requests: requests)))
    }
}
