import Foundation

/// The status of a task, as reported by an executor, agent or master (`TaskStatus`).
///
/// Updates carrying a `uuid` must be acknowledged (scheduler `ACKNOWLEDGE`, using
/// `agentID` and `uuid` from this status); updates without one must not be.
public struct TaskStatus: Codable, Sendable, Hashable {
    /// Which component generated the update.
    public enum Source: String, ProtoEnum {
        /// The master (reconciliation, invalid launches, lost agents).
        case master = "SOURCE_MASTER"
        /// The agent.
        case agent = "SOURCE_AGENT"
        /// The executor.
        case executor = "SOURCE_EXECUTOR"
    }

    /// Why the update happened (see Mesos docs/task-state-reasons.md).
    public enum Reason: String, ProtoEnum {
        /// `REASON_COMMAND_EXECUTOR_FAILED`.
        case commandExecutorFailed = "REASON_COMMAND_EXECUTOR_FAILED"
        /// `REASON_CONTAINER_LAUNCH_FAILED`.
        case containerLaunchFailed = "REASON_CONTAINER_LAUNCH_FAILED"
        /// `REASON_CONTAINER_LIMITATION`.
        case containerLimitation = "REASON_CONTAINER_LIMITATION"
        /// `REASON_CONTAINER_LIMITATION_DISK`.
        case containerLimitationDisk = "REASON_CONTAINER_LIMITATION_DISK"
        /// `REASON_CONTAINER_LIMITATION_MEMORY`.
        case containerLimitationMemory = "REASON_CONTAINER_LIMITATION_MEMORY"
        /// `REASON_CONTAINER_PREEMPTED`.
        case containerPreempted = "REASON_CONTAINER_PREEMPTED"
        /// `REASON_CONTAINER_UPDATE_FAILED`.
        case containerUpdateFailed = "REASON_CONTAINER_UPDATE_FAILED"
        /// `REASON_MAX_COMPLETION_TIME_REACHED`.
        case maxCompletionTimeReached = "REASON_MAX_COMPLETION_TIME_REACHED"
        /// `REASON_EXECUTOR_REGISTRATION_TIMEOUT`.
        case executorRegistrationTimeout = "REASON_EXECUTOR_REGISTRATION_TIMEOUT"
        /// `REASON_EXECUTOR_REREGISTRATION_TIMEOUT`.
        case executorReregistrationTimeout = "REASON_EXECUTOR_REREGISTRATION_TIMEOUT"
        /// `REASON_EXECUTOR_TERMINATED`.
        case executorTerminated = "REASON_EXECUTOR_TERMINATED"
        /// `REASON_EXECUTOR_UNREGISTERED`.
        case executorUnregistered = "REASON_EXECUTOR_UNREGISTERED"
        /// `REASON_FRAMEWORK_REMOVED`.
        case frameworkRemoved = "REASON_FRAMEWORK_REMOVED"
        /// `REASON_GC_ERROR`.
        case gcError = "REASON_GC_ERROR"
        /// `REASON_INVALID_FRAMEWORKID`.
        case invalidFrameworkID = "REASON_INVALID_FRAMEWORKID"
        /// `REASON_INVALID_OFFERS`.
        case invalidOffers = "REASON_INVALID_OFFERS"
        /// `REASON_IO_SWITCHBOARD_EXITED`.
        case ioSwitchboardExited = "REASON_IO_SWITCHBOARD_EXITED"
        /// `REASON_MASTER_DISCONNECTED`.
        case masterDisconnected = "REASON_MASTER_DISCONNECTED"
        /// `REASON_RECONCILIATION`.
        case reconciliation = "REASON_RECONCILIATION"
        /// `REASON_RESOURCES_UNKNOWN`.
        case resourcesUnknown = "REASON_RESOURCES_UNKNOWN"
        /// `REASON_AGENT_DISCONNECTED`.
        case agentDisconnected = "REASON_AGENT_DISCONNECTED"
        /// `REASON_AGENT_DRAINING`.
        case agentDraining = "REASON_AGENT_DRAINING"
        /// `REASON_AGENT_REMOVED`.
        case agentRemoved = "REASON_AGENT_REMOVED"
        /// `REASON_AGENT_REMOVED_BY_OPERATOR`.
        case agentRemovedByOperator = "REASON_AGENT_REMOVED_BY_OPERATOR"
        /// `REASON_AGENT_REREGISTERED`.
        case agentReregistered = "REASON_AGENT_REREGISTERED"
        /// `REASON_AGENT_RESTARTED`.
        case agentRestarted = "REASON_AGENT_RESTARTED"
        /// `REASON_AGENT_UNKNOWN`.
        case agentUnknown = "REASON_AGENT_UNKNOWN"
        /// `REASON_TASK_KILLED_DURING_LAUNCH`.
        case taskKilledDuringLaunch = "REASON_TASK_KILLED_DURING_LAUNCH"
        /// `REASON_TASK_CHECK_STATUS_UPDATED`.
        case taskCheckStatusUpdated = "REASON_TASK_CHECK_STATUS_UPDATED"
        /// `REASON_TASK_HEALTH_CHECK_STATUS_UPDATED`.
        case taskHealthCheckStatusUpdated = "REASON_TASK_HEALTH_CHECK_STATUS_UPDATED"
        /// `REASON_TASK_GROUP_INVALID`.
        case taskGroupInvalid = "REASON_TASK_GROUP_INVALID"
        /// `REASON_TASK_GROUP_UNAUTHORIZED`.
        case taskGroupUnauthorized = "REASON_TASK_GROUP_UNAUTHORIZED"
        /// `REASON_TASK_INVALID`.
        case taskInvalid = "REASON_TASK_INVALID"
        /// `REASON_TASK_UNAUTHORIZED`.
        case taskUnauthorized = "REASON_TASK_UNAUTHORIZED"
        /// `REASON_TASK_UNKNOWN`.
        case taskUnknown = "REASON_TASK_UNKNOWN"
    }

    /// The task the update is about.
    public var taskID: TaskID
    /// The task's new state.
    public var state: TaskState
    /// A human-readable explanation.
    public var message: String?
    /// Which component generated the update.
    public var source: Source?
    /// Why the update happened.
    public var reason: Reason?
    /// Opaque bytes from the executor.
    public var data: Data?
    /// The agent running the task.
    public var agentID: AgentID?
    /// The executor running the task.
    public var executorID: ExecutorID?
    /// When the update was generated, in seconds since the epoch.
    public var timestamp: Double?
    /// The update's UUID (16 bytes); present only on updates to acknowledge.
    public var uuid: Data?
    /// The result of the task's health check, if it has one.
    public var healthy: Bool?
    /// The latest result of the task's check, if it has one.
    public var checkStatus: CheckStatusInfo?
    /// Labels.
    public var labels: Labels?
    /// Container details such as assigned IP addresses.
    public var containerStatus: ContainerStatus?
    /// When the task's agent became unreachable (for `TASK_UNREACHABLE`).
    public var unreachableTime: TimeInfo?
    /// The resource limit the task exceeded, for container limitation reasons.
    public var limitation: TaskResourceLimitation?

    /// Creates a task status.
    public init(
        taskID: TaskID,
        state: TaskState,
        message: String? = nil,
        source: Source? = nil,
        reason: Reason? = nil,
        data: Data? = nil,
        agentID: AgentID? = nil,
        executorID: ExecutorID? = nil,
        timestamp: Double? = nil,
        uuid: Data? = nil,
        healthy: Bool? = nil,
        checkStatus: CheckStatusInfo? = nil,
        labels: Labels? = nil,
        containerStatus: ContainerStatus? = nil,
        unreachableTime: TimeInfo? = nil,
        limitation: TaskResourceLimitation? = nil
    ) {
        self.taskID = taskID
        self.state = state
        self.message = message
        self.source = source
        self.reason = reason
        self.data = data
        self.agentID = agentID
        self.executorID = executorID
        self.timestamp = timestamp
        self.uuid = uuid
        self.healthy = healthy
        self.checkStatus = checkStatus
        self.labels = labels
        self.containerStatus = containerStatus
        self.unreachableTime = unreachableTime
        self.limitation = limitation
    }

    private enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case state
        case message
        case source
        case reason
        case data
        case agentID = "agent_id"
        case executorID = "executor_id"
        case timestamp
        case uuid
        case healthy
        case checkStatus = "check_status"
        case labels
        case containerStatus = "container_status"
        case unreachableTime = "unreachable_time"
        case limitation
    }
}

/// The resources whose limit a task exceeded (`TaskResourceLimitation`).
public struct TaskResourceLimitation: Codable, Sendable, Hashable {
    /// The resources whose limits were violated.
    public var resources: [Resource]

    /// Creates a limitation.
    public init(resources: [Resource] = []) {
        self.resources = resources
    }

    private enum CodingKeys: String, CodingKey {
        case resources
    }
}
