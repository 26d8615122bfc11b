/// Which containerizer runs a task.
public enum ContainerKind: String, Codable, Sendable, Hashable {
    /// A docker container started through the docker CLI.
    case docker
    /// A host process in its own process group (the "mesos" containerizer).
    case process
}
