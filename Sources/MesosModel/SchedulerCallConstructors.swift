import Foundation

// Constructors for the common scheduler calls.
extension Scheduler.Call {
    /// `SUBSCRIBE`; `frameworkInfo.id` (also sent as `framework_id`) re-subscribes.
    public static func subscribe(frameworkInfo: FrameworkInfo, suppressedRoles: [String] = []) -> Self {
        Self(
            frameworkID: frameworkInfo.id,
            type: .subscribe,
            subscribe: Subscribe(frameworkInfo: frameworkInfo, suppressedRoles: suppressedRoles)
        )
    }

    /// `TEARDOWN`.
    public static func teardown(frameworkID: FrameworkID) -> Self {
        Self(frameworkID: frameworkID, type: .teardown)
    }

    /// `ACCEPT` of `offerIDs` with `operations`.
    public static func accept(
        frameworkID: FrameworkID,
        offerIDs: [OfferID],
        operations: [Offer.Operation],
        filters: Filters? = nil
    ) -> Self {
        Self(
            frameworkID: frameworkID,
            type: .accept,
            accept: Accept(offerIDs: offerIDs, operations: operations, filters: filters)
        )
    }

    /// `DECLINE` of `offerIDs`.
    public static func decline(frameworkID: FrameworkID, offerIDs: [OfferID], filters: Filters? = nil) -> Self {
        Self(frameworkID: frameworkID, type: .decline, decline: Decline(offerIDs: offerIDs, filters: filters))
    }

    /// `REVIVE` of `roles` (empty: all the framework's roles).
    public static func revive(frameworkID: FrameworkID, roles: [String] = []) -> Self {
        Self(frameworkID: frameworkID, type: .revive, revive: Roles(roles: roles))
    }

    /// `SUPPRESS` of `roles` (empty: all the framework's roles).
    public static func suppress(frameworkID: FrameworkID, roles: [String] = []) -> Self {
        Self(frameworkID: frameworkID, type: .suppress, suppress: Roles(roles: roles))
    }

    /// `KILL` of a task.
    public static func kill(
        frameworkID: FrameworkID,
        taskID: TaskID,
        agentID: AgentID? = nil,
        killPolicy: KillPolicy? = nil
    ) -> Self {
        Self(
            frameworkID: frameworkID,
            type: .kill,
            kill: Kill(taskID: taskID, agentID: agentID, killPolicy: killPolicy)
        )
    }

    /// `SHUTDOWN` of an executor.
    public static func shutdown(frameworkID: FrameworkID, executorID: ExecutorID, agentID: AgentID) -> Self {
        Self(frameworkID: frameworkID, type: .shutdown, shutdown: Shutdown(executorID: executorID, agentID: agentID))
    }

    /// `ACKNOWLEDGE` of a status update.
    public static func acknowledge(frameworkID: FrameworkID, agentID: AgentID, taskID: TaskID, uuid: Data) -> Self {
        Self(
            frameworkID: frameworkID,
            type: .acknowledge,
            acknowledge: Acknowledge(agentID: agentID, taskID: taskID, uuid: uuid)
        )
    }

    /// `ACKNOWLEDGE` of `status`, or `nil` when the status carries no `uuid` or
    /// `agent_id` (such updates must not be acknowledged).
    public static func acknowledge(frameworkID: FrameworkID, status: TaskStatus) -> Self? {
        guard let uuid = status.uuid, let agentID = status.agentID else { return nil }
        return acknowledge(frameworkID: frameworkID, agentID: agentID, taskID: status.taskID, uuid: uuid)
    }

    /// `RECONCILE` of `tasks` (empty: implicit reconciliation of all tasks).
    public static func reconcile(frameworkID: FrameworkID, tasks: [Reconcile.Task] = []) -> Self {
        Self(frameworkID: frameworkID, type: .reconcile, reconcile: Reconcile(tasks: tasks))
    }

    /// `MESSAGE` to an executor.
    public static func message(frameworkID: FrameworkID, agentID: AgentID, executorID: ExecutorID, data: Data) -> Self {
        Self(
            frameworkID: frameworkID,
            type: .message,
            message: Message(agentID: agentID, executorID: executorID, data: data)
        )
    }

    /// `REQUEST` for resources.
    public static func request(frameworkID: FrameworkID, requests: [MesosModel.Request]) -> Self {
        Self(frameworkID: frameworkID, type: .request, request: Request(requests: requests))
    }

    /// `UPDATE_FRAMEWORK` with new framework info (`frameworkInfo.id` must be set).
    public static func updateFramework(frameworkInfo: FrameworkInfo, suppressedRoles: [String] = []) -> Self {
        Self(
            frameworkID: frameworkInfo.id,
            type: .updateFramework,
            updateFramework: UpdateFramework(frameworkInfo: frameworkInfo, suppressedRoles: suppressedRoles)
        )
    }
}
