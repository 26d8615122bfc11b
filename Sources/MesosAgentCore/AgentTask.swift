import Foundation
import MesosModel

/// Everything the agent knows about one task; checkpointed in the work dir on every change.
public struct AgentTask: Codable, Sendable, Hashable {
    /// The framework that launched the task.
    public var frameworkInfo: FrameworkInfo
    /// The task as launched.
    public var task: TaskInfo
    /// The framework's id (from `frameworkInfo.id`).
    public var frameworkID: FrameworkID
    /// The container running the task.
    public var containerID: ContainerID
    /// The executor id (the task id for command tasks, as in Mesos).
    public var executorID: ExecutorID
    /// Which containerizer runs it.
    public var kind: ContainerKind
    /// The host path of the task's sandbox.
    public var sandbox: String
    /// The newest state (what `latest_state` reports).
    public var state: TaskState
    /// The updates the master has not acknowledged yet.
    public var updates: StatusUpdateStream
    /// Whether a kill was requested.
    public var killRequested: Bool
    /// The process id, for the process containerizer.
    public var pid: Int32?
    /// When the task arrived, in seconds since the epoch.
    public var launchedAt: Double

    /// The task's key.
    public var key: TaskKey { TaskKey(frameworkID: frameworkID, taskID: task.taskID) }

    /// Creates a task record in TASK_STAGING.
    public init(frameworkInfo: FrameworkInfo, task: TaskInfo, frameworkID: FrameworkID, containerID: ContainerID,
                executorID: ExecutorID, kind: ContainerKind, sandbox: String, launchedAt: Double) {
        self.frameworkInfo = frameworkInfo
        self.task = task
        self.frameworkID = frameworkID
        self.containerID = containerID
        self.executorID = executorID
        self.kind = kind
        self.sandbox = sandbox
        self.state = .staging
        self.updates = StatusUpdateStream()
        self.killRequested = false
        self.pid = nil
        self.launchedAt = launchedAt
    }

    /// The task in the `Task` shape of Mesos's re-registration and `/state`.
    public func mesosTask(agentID: AgentID) -> MesosTask {
        var result = MesosTask(launching: task, frameworkID: frameworkID, user: frameworkInfo.user)
        result.agentID = agentID
        result.executorID = task.executor?.executorID
        result.state = state
        result.statusUpdateState = updates.head?.state
        result.statusUpdateUUID = updates.head?.uuid
        result.statuses = updates.pending
        return result
    }

    private enum CodingKeys: String, CodingKey {
        case frameworkInfo = "framework_info"
        case task
        case frameworkID = "framework_id"
        case containerID = "container_id"
        case executorID = "executor_id"
        case kind
        case sandbox
        case state
        case updates
        case killRequested = "kill_requested"
        case pid
        case launchedAt = "launched_at"
    }
}
