/// The settings of a Throttler run (the options of `swift-mesos-throttler`).
public struct ThrottlerOptions: Hashable, Sendable {
    /// The URL every query GETs.
    public var target: String
    /// Queries to run in all.
    public var totalQueries: Int
    /// Queries per task (the last task may run fewer).
    public var queriesPerTask: Int
    /// At most this many tasks launched and not yet terminal at any time.
    public var parallelism: Int
    /// The resources of each task.
    public var shape: TaskShape
    /// The run stops launching and exits 1 once more than this many tasks failed.
    public var maxErrors: Int
    /// A docker image to run each task in (a busybox `wget` loop); nil: the built-in worker as a
    /// custom executor on the agent's host.
    public var dockerImage: String?
    /// The absolute path of the `swift-mesos-throttler` executable on the agents (the worker).
    public var workerPath: String
    /// The framework's name.
    public var frameworkName: String
    /// The user tasks run as.
    public var user: String

    /// Creates options with the original Throttler's defaults where it had them.
    public init(
        target: String, totalQueries: Int, queriesPerTask: Int, parallelism: Int,
        shape: TaskShape = TaskShape(cpus: 1, memoryMB: 128), maxErrors: Int = 5, dockerImage: String? = nil,
        workerPath: String, frameworkName: String = "throttler", user: String = "root"
    ) {
        self.target = target
        self.totalQueries = totalQueries
        self.queriesPerTask = queriesPerTask
        self.parallelism = parallelism
        self.shape = shape
        self.maxErrors = maxErrors
        self.dockerImage = dockerImage
        self.workerPath = workerPath
        self.frameworkName = frameworkName
        self.user = user
    }
}
