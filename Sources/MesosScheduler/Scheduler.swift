import Foundation
import MesosModel

/// The classic Mesos scheduler callbacks, called one at a time, in event order, by
/// ``MesosSchedulerDriver``. Conform an `actor` (or any `Sendable` type) to it.
///
/// Only ``resourceOffers(_:offers:)`` and ``statusUpdate(_:status:)`` are required; the other
/// callbacks do nothing by default. With implicit acknowledgements (the default) a status update is
/// acknowledged when ``statusUpdate(_:status:)`` returns.
public protocol Scheduler: Sendable {
    /// Subscribed for the first time with this driver; `frameworkID` is the framework's id.
    func registered(_ driver: any SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async
    /// Subscribed again after a disconnection (possibly to a new leader); tasks are being reconciled.
    func reregistered(_ driver: any SchedulerDriver, masterInfo: MasterInfo?) async
    /// The connection to the master was lost; the driver reconnects by itself.
    func disconnected(_ driver: any SchedulerDriver) async
    /// New offers: launch on them, decline them, or suppress offers when there is nothing to launch.
    func resourceOffers(_ driver: any SchedulerDriver, offers: [Offer]) async
    /// An offer is no longer valid.
    func offerRescinded(_ driver: any SchedulerDriver, offerID: OfferID) async
    /// A task's status changed.
    func statusUpdate(_ driver: any SchedulerDriver, status: TaskStatus) async
    /// An executor sent bytes.
    func frameworkMessage(_ driver: any SchedulerDriver, executorID: ExecutorID, agentID: AgentID, data: Data) async
    /// An agent was removed.
    func agentLost(_ driver: any SchedulerDriver, agentID: AgentID) async
    /// An executor terminated.
    func executorLost(_ driver: any SchedulerDriver, executorID: ExecutorID, agentID: AgentID, status: Int32?) async
    /// An unrecoverable error (e.g. the framework was removed); the driver aborts after this returns.
    func error(_ driver: any SchedulerDriver, message: String) async
}

extension Scheduler {
    public func registered(_ driver: any SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {}
    public func reregistered(_ driver: any SchedulerDriver, masterInfo: MasterInfo?) async {}
    public func disconnected(_ driver: any SchedulerDriver) async {}
    public func offerRescinded(_ driver: any SchedulerDriver, offerID: OfferID) async {}
    public func frameworkMessage(_ driver: any SchedulerDriver, executorID: ExecutorID, agentID: AgentID, data: Data) async {}
    public func agentLost(_ driver: any SchedulerDriver, agentID: AgentID) async {}
    public func executorLost(_ driver: any SchedulerDriver, executorID: ExecutorID, agentID: AgentID, status: Int32?) async {}
    public func error(_ driver: any SchedulerDriver, message: String) async {}
}
