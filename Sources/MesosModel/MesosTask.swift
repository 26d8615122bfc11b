import Foundation

/// A task as the master and agents track it (the proto `Task` message): what was
/// launched, where, and its latest known state.
///
/// Named `MesosTask` so it does not collide with Swift's `Task`.
public struct MesosTask: Codable, Sendable, Hashable {
    /// The task's display name.
    public var name: String
    /// The task's ID, unique within its framework.
    public var taskID: TaskID
    /// The task's framework.
    public var frameworkID: FrameworkID
    /// The task's custom executor, if any.
    public var executorID: ExecutorID?
    /// The agent running the task.
    public var agentID: AgentID
    /// The latest state (the newest state known, which may not be acknowledged yet).
    public var state: TaskState
    /// Resources the task uses.
    public var resources: [Resource]
    /// Status updates of the task, oldest first (Mesos keeps the latest few).
    public var statuses: [TaskStatus]
    /// The state of the oldest unacknowledged status update, if any.
    public var statusUpdateState: TaskState?
    /// The UUID of the oldest unacknowledged status update, if any.
    public var statusUpdateUUID: Data?
    /// Labels.
    public var labels: Labels?
    /// Service discovery information.
    public var discovery: DiscoveryInfo?
    /// The task's container.
    public var container: ContainerInfo?
    /// The task's health check.
    public var healthCheck: HealthCheck?
    /// The task's kill policy.
    public var killPolicy: KillPolicy?
    /// The user the task runs as.
    public var user: String?

    /// Creates a task.
    public init(
        name: String,
        taskID: TaskID,
        frameworkID: FrameworkID,
        executorID: ExecutorID? = nil,
        agentID: AgentID,
        state: TaskState,
        resources: [Resource] = [],
        statuses: [TaskStatus] = [],
        statusUpdateState: TaskState? = nil,
        statusUpdateUUID: Data? = nil,
        labels: Labels? = nil,
        discovery: DiscoveryInfo? = nil,
        container: ContainerInfo? = nil,
        healthCheck: HealthCheck? = nil,
        killPolicy: KillPolicy? = nil,
        user: String? = nil
    ) {
        self.name = name
        self.taskID = taskID
        self.frameworkID = frameworkID
        self.executorID = executorID
        self.agentID = agentID
        self.state = state
        self.resources = resources
        self.statuses = statuses
        self.statusUpdateState = statusUpdateState
        self.statusUpdateUUID = statusUpdateUUID
        self.labels = labels
        self.discovery = discovery
        self.container = container
        self.healthCheck = healthCheck
        self.killPolicy = killPolicy
        self.user = user
    }

    /// A task in `TASK_STAGING` made from the `TaskInfo` a framework launched.
    public init(launching info: TaskInfo, frameworkID: FrameworkID, user: String? = nil) {
        self.init(
            name: info.name,
            taskID: info.taskID,
            frameworkID: frameworkID,
            executorID: info.executor?.executorID,
            agentID: info.agentID,
            state: .staging,
            resources: info.resources,
            labels: info.labels,
            discovery: info.discovery,
            container: info.container,
            healthCheck: info.healthCheck,
            killPolicy: info.killPolicy,
            user: user
        )
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case taskID = "task_id"
        case frameworkID = "framework_id"
        case executorID = "executor_id"
        case agentID = "agent_id"
        case state
        case resources
        case statuses
        case statusUpdateState = "status_update_state"
        case statusUpdateUUID = "status_update_uuid"
        case labels
        case discovery
        case container
        case healthCheck = "health_check"
        case killPolicy = "kill_policy"
        case user
    }
}
