/// Container details resolved at launch, reported in `TaskStatus` (`ContainerStatus`).
public struct ContainerStatus: Codable, Sendable, Hashable {
    /// The container's ID.
    public var containerID: ContainerID?
    /// The networks the container joined, with their assigned addresses.
    public var networkInfos: [NetworkInfo]
    /// The executor's process ID.
    public var executorPID: UInt32?

    /// Creates a container status.
    public init(containerID: ContainerID? = nil, networkInfos: [NetworkInfo] = [], executorPID: UInt32? = nil) {
        self.containerID = containerID
        self.networkInfos = networkInfos
        self.executorPID = executorPID
    }

    private enum CodingKeys: String, CodingKey {
        case containerID = "container_id"
        case networkInfos = "network_infos"
        case executorPID = "executor_pid"
    }
}
