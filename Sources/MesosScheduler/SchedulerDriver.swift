import Foundation
import MesosModel

/// The classic Mesos scheduler driver interface.
///
/// Call methods return at once: calls are sent in the order they were made. Like Mesos's driver,
/// calls are not queued while the driver is disconnected: they are dropped with a warning in the
/// log, and the tasks of a dropped launch get a TASK_LOST update (TASK_DROPPED for PARTITION_AWARE
/// frameworks; reason `REASON_MASTER_DISCONNECTED`), delivered after the callback in progress.
/// After re-registration the driver also reconciles every task it launched.
public protocol SchedulerDriver: Sendable {
    /// The driver's current state.
    var status: DriverStatus { get }
    /// Starts subscribing and delivering callbacks.
    @discardableResult func start() -> DriverStatus
    /// Stops the driver. `failover: false` tears the framework down (its tasks are killed);
    /// `failover: true` only disconnects, so another scheduler can take over with the framework id.
    @discardableResult func stop(failover: Bool) -> DriverStatus
    /// Stops delivering callbacks without tearing the framework down.
    @discardableResult func abort() -> DriverStatus
    /// Waits until the driver is stopped or aborted.
    func join() async -> DriverStatus
    /// ``start()`` then ``join()``.
    func run() async -> DriverStatus
    /// Launches `tasks` on `offerIDs` (LAUNCH operation of an ACCEPT).
    @discardableResult func launchTasks(offerIDs: [OfferID], tasks: [TaskInfo], filters: Filters?) -> DriverStatus
    /// Accepts offers with operations.
    @discardableResult func acceptOffers(offerIDs: [OfferID], operations: [Offer.Operation], filters: Filters?) -> DriverStatus
    /// Declines an offer (`nil` filters: ``SchedulerDefaults/declineFilters``).
    @discardableResult func declineOffer(_ offerID: OfferID, filters: Filters?) -> DriverStatus
    /// Clears filters and asks for offers again (empty `roles`: all roles).
    @discardableResult func reviveOffers(roles: [String]) -> DriverStatus
    /// Stops offers until revived (empty `roles`: all roles).
    @discardableResult func suppressOffers(roles: [String]) -> DriverStatus
    /// Kills a task.
    @discardableResult func killTask(_ taskID: TaskID, agentID: AgentID?) -> DriverStatus
    /// Acknowledges a status update (with ``AcknowledgementMode/explicit``); updates without a uuid are ignored.
    @discardableResult func acknowledgeStatusUpdate(_ status: TaskStatus) -> DriverStatus
    /// Reconciles the given tasks (empty: all tasks of the framework).
    @discardableResult func reconcileTasks(_ statuses: [TaskStatus]) -> DriverStatus
    /// Sends bytes to an executor.
    @discardableResult func sendFrameworkMessage(executorID: ExecutorID, agentID: AgentID, data: Data) -> DriverStatus
    /// Asks the allocator for resources.
    @discardableResult func requestResources(_ requests: [MesosModel.Request]) -> DriverStatus
}

extension SchedulerDriver {
    /// Sends SUPPRESS when there is no more work waiting for offers and REVIVE when there is again,
    /// each only when the need changed (see ``OfferDemand``).
    @discardableResult
    public func update(_ demand: inout OfferDemand, hasWork: Bool) -> DriverStatus {
        switch demand.update(hasWork: hasWork) {
        case .suppress?: suppressOffers(roles: [])
        case .revive?: reviveOffers(roles: [])
        case nil: status
        }
    }
}
