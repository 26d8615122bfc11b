import Foundation
import MesosModel

/// What a scheduler hears from the master, one case per classic `Scheduler` callback.
public enum SchedulerEvent: Sendable, Hashable {
    /// Subscribed to `master`; `reregistered` is true when this client had been subscribed before
    /// (after a reconnection; the client then reconciles the framework's tasks by itself).
    case subscribed(frameworkID: FrameworkID, master: MasterInfo?, reregistered: Bool)
    /// The subscription was lost; the client reconnects by itself and reports `.subscribed` again.
    case disconnected(reason: String)
    /// New offers. Accept, decline (``SchedulerDefaults/declineFilters``), or suppress.
    case offers([Offer])
    /// Inverse offers (maintenance).
    case inverseOffers([InverseOffer])
    /// An offer is no longer valid.
    case offerRescinded(OfferID)
    /// An inverse offer is no longer valid.
    case inverseOfferRescinded(OfferID)
    /// A task status update. With implicit acknowledgements (the default) it is acknowledged when
    /// the consumer asks for the next event, i.e. after it handled this one.
    case statusUpdate(TaskStatus)
    /// An operation status update.
    case operationStatusUpdate(OperationStatus)
    /// Bytes sent by an executor.
    case frameworkMessage(executorID: ExecutorID, agentID: AgentID, data: Data)
    /// An agent was removed.
    case agentLost(AgentID)
    /// An executor terminated; `status` is its wait status when known.
    case executorLost(executorID: ExecutorID, agentID: AgentID, status: Int32?)
    /// The master sent an unrecoverable error (e.g. the framework was removed); the event sequence
    /// then throws ``SchedulerError/frameworkRemoved(message:)``.
    case error(message: String)
}
