import MesosModel

/// A custom executor the agent started for a framework's tasks (`TaskInfo.executor`).
public struct AgentExecutor: Codable, Sendable, Hashable {
    /// The framework.
    public var frameworkInfo: FrameworkInfo
    /// The executor as the framework described it.
    public var info: ExecutorInfo
    /// The executor's key.
    public var key: ExecutorKey
    /// The executor's container.
    public var containerID: ContainerID
    /// Its sandbox.
    public var sandbox: String
    /// When it was launched (seconds since the epoch); it must subscribe within the timeout.
    public var launchedAt: Double
    /// Whether it subscribed over the executor API (and is connected).
    public var isSubscribed = false
    /// Whether it subscribed at least once.
    public var hasSubscribed = false
    /// Tasks waiting for the executor to subscribe.
    public var queuedTasks: [TaskInfo] = []
    /// Its process id, once started.
    public var pid: Int32?
    /// Whether it is being shut down.
    public var isShuttingDown = false

    /// Creates a record for a launching executor.
    public init(frameworkInfo: FrameworkInfo, info: ExecutorInfo, key: ExecutorKey, containerID: ContainerID,
                sandbox: String, launchedAt: Double) {
        self.frameworkInfo = frameworkInfo
        self.info = info
        self.key = key
        self.containerID = containerID
        self.sandbox = sandbox
        self.launchedAt = launchedAt
    }

    private enum CodingKeys: String, CodingKey {
        case frameworkInfo = "framework_info"
        case info
        case key
        case containerID = "container_id"
        case sandbox
        case launchedAt = "launched_at"
        case isSubscribed = "is_subscribed"
        case hasSubscribed = "has_subscribed"
        case queuedTasks = "queued_tasks"
        case pid
        case isShuttingDown = "is_shutting_down"
    }
}
