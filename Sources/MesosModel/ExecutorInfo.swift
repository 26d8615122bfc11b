import Foundation

/// Describes an executor (`ExecutorInfo`).
public struct ExecutorInfo: Codable, Sendable, Hashable {
    /// The kind of executor.
    public enum ExecutorType: String, ProtoEnum {
        /// Not set: Mesos infers `CUSTOM` when `command` is set, else `DEFAULT`.
        case unknown = "UNKNOWN"
        /// The built-in default executor (task groups); `command` must not be set.
        case `default` = "DEFAULT"
        /// A framework-provided executor started with `command`.
        case custom = "CUSTOM"
    }

    /// The kind of executor; required for `LAUNCH_GROUP`.
    public var type: ExecutorType?
    /// The executor's ID, unique within the framework.
    public var executorID: ExecutorID
    /// The owning framework.
    public var frameworkID: FrameworkID?
    /// The command that starts a custom executor.
    public var command: CommandInfo?
    /// The executor's container.
    public var container: ContainerInfo?
    /// Resources for the executor itself.
    public var resources: [Resource]
    /// A display name.
    public var name: String?
    /// Deprecated free-form source identifier.
    public var source: String?
    /// Opaque bytes for the executor.
    public var data: Data?
    /// Service discovery information.
    public var discovery: DiscoveryInfo?
    /// How long the agent waits after SHUTDOWN before destroying the container.
    public var shutdownGracePeriod: DurationInfo?
    /// Labels.
    public var labels: Labels?

    /// Creates an executor description.
    public init(
        type: ExecutorType? = nil,
        executorID: ExecutorID,
        frameworkID: FrameworkID? = nil,
        command: CommandInfo? = nil,
        container: ContainerInfo? = nil,
        resources: [Resource] = [],
        name: String? = nil,
        source: String? = nil,
        data: Data? = nil,
        discovery: DiscoveryInfo? = nil,
        shutdownGracePeriod: DurationInfo? = nil,
        labels: Labels? = nil
    ) {
        self.type = type
        self.executorID = executorID
        self.frameworkID = frameworkID
        self.command = command
        self.container = container
        self.resources = resources
        self.name = name
        self.source = source
        self.data = data
        self.discovery = discovery
        self.shutdownGracePeriod = shutdownGracePeriod
        self.labels = labels
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case executorID = "executor_id"
        case frameworkID = "framework_id"
        case command
        case container
        case resources
        case name
        case source
        case data
        case discovery
        case shutdownGracePeriod = "shutdown_grace_period"
        case labels
    }
}
