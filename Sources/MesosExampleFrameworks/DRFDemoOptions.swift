/// The settings of one DRF demo framework (the options of `swift-mesos-drf-demo`).
public struct DRFDemoOptions: Hashable, Sendable {
    /// The framework's name.
    public var frameworkName: String
    /// The resources of each task.
    public var shape: TaskShape
    /// The role to register with (`*`: the default role).
    public var role: String
    /// How long each task sleeps.
    public var taskDuration: TaskDuration
    /// Tasks to launch in all before stopping (nil: runs until stopped).
    public var maxTasks: Int?
    /// At most this many tasks per offer (nil: as many as fit; 1: progressive filling).
    public var tasksPerOffer: Int?
    /// Whether to declare the task shape with a REQUEST call, so the allocator sizes offers to it.
    public var requestResources: Bool
    /// A docker image to run each task in (nil: a command task on the agent's host).
    public var dockerImage: String?
    /// The `refuse_seconds` filter for offers (or rests of offers) no task fits in. Filters only
    /// block offers that are subsets of the refused resources, so a long one never hides room
    /// that frees up later.
    public var unusableRefuseSeconds: Double
    /// The user tasks run as.
    public var user: String

    /// Creates options with the original demo's defaults.
    public init(
        frameworkName: String, shape: TaskShape, role: String = "*", taskDuration: TaskDuration = .original,
        maxTasks: Int? = nil, tasksPerOffer: Int? = nil, requestResources: Bool = false,
        dockerImage: String? = nil, unusableRefuseSeconds: Double = 3600, user: String = "root"
    ) {
        self.frameworkName = frameworkName
        self.shape = shape
        self.role = role
        self.taskDuration = taskDuration
        self.maxTasks = maxTasks
        self.tasksPerOffer = tasksPerOffer
        self.requestResources = requestResources
        self.dockerImage = dockerImage
        self.unusableRefuseSeconds = unusableRefuseSeconds
        self.user = user
    }
}
