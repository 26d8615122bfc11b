import Foundation

/// Describes a task to launch (`TaskInfo`).
///
/// A task has exactly one of `command` (run by the built-in command or docker
/// executor) or `executor` (run by a custom executor).
public struct TaskInfo: Codable, Sendable, Hashable {
    /// The task's display name.
    public var name: String
    /// The task's ID, unique within the framework.
    public var taskID: TaskID
    /// The agent to launch on (the offer's agent).
    public var agentID: AgentID
    /// Resources the task uses.
    public var resources: [Resource]
    /// A custom executor to run the task.
    public var executor: ExecutorInfo?
    /// The command to run, for command tasks.
    public var command: CommandInfo?
    /// The task's container.
    public var container: ContainerInfo?
    /// A health check (killing on failure).
    public var healthCheck: HealthCheck?
    /// A general, non-killing check.
    public var check: CheckInfo?
    /// How to kill the task.
    public var killPolicy: KillPolicy?
    /// Opaque bytes for the executor.
    public var data: Data?
    /// Labels.
    public var labels: Labels?
    /// Service discovery information.
    public var discovery: DiscoveryInfo?
    /// The task fails with `REASON_MAX_COMPLETION_TIME_REACHED` if still running after this.
    public var maxCompletionTime: DurationInfo?
    /// Resource limits above the task's resources, e.g. `{"cpus": {"value": 2}}`.
    public var limits: [String: Value.Scalar]

    /// Creates a task description.
    public init(
        name: String,
        taskID: TaskID,
        agentID: AgentID,
        resources: [Resource] = [],
        executor: ExecutorInfo? = nil,
        command: CommandInfo? = nil,
        container: ContainerInfo? = nil,
        healthCheck: HealthCheck? = nil,
        check: CheckInfo? = nil,
        killPolicy: KillPolicy? = nil,
        data: Data? = nil,
        labels: Labels? = nil,
        discovery: DiscoveryInfo? = nil,
        maxCompletionTime: DurationInfo? = nil,
        limits: [String: Value.Scalar] = [:]
    ) {
        self.name = name
        self.taskID = taskID
        self.agentID = agentID
        self.resources = resources
        self.executor = executor
        self.command = command
        self.container = container
        self.healthCheck = healthCheck
        self.check = check
        self.killPolicy = killPolicy
        self.data = data
        self.labels = labels
        self.discovery = discovery
        self.maxCompletionTime = maxCompletionTime
        self.limits = limits
    }

    private enum CodingKeys: String, CodingKey {
        case name
        case taskID = "task_id"
        case agentID = "agent_id"
        case resources
        case executor
        case command
        case container
        case healthCheck = "health_check"
        case check
        case killPolicy = "kill_policy"
        case data
        case labels
        case discovery
        case maxCompletionTime = "max_completion_time"
        case limits
    }
}

/// Tasks delivered to one executor atomically (`TaskGroupInfo`): `{"tasks": [...]}`.
public struct TaskGroupInfo: Codable, Sendable, Hashable {
    /// The tasks.
    public var tasks: [TaskInfo]

    /// Creates a task group.
    public init(tasks: [TaskInfo] = []) {
        self.tasks = tasks
    }

    private enum CodingKeys: String, CodingKey {
        case tasks
    }
}
