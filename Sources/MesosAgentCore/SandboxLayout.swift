import MesosModel

/// Where things live in the agent's work directory, in Mesos's layout.
public struct SandboxLayout: Sendable, Hashable {
    /// The agent's work directory.
    public var workDirectory: String

    /// Creates a layout rooted at `workDirectory`.
    public init(workDirectory: String) {
        self.workDirectory = workDirectory.count > 1 && workDirectory.hasSuffix("/")
            ? String(workDirectory.dropLast()) : workDirectory
    }

    /// `<work_dir>/meta`: the agent's checkpoints.
    public var metaDirectory: String { workDirectory + "/meta" }
    /// `<work_dir>/meta/agent_id`: the agent's id, kept for ever.
    public var agentIDFile: String { metaDirectory + "/agent_id" }
    /// `<work_dir>/meta/tasks`: one checkpoint file per task.
    public var tasksDirectory: String { metaDirectory + "/tasks" }
    /// `<work_dir>/meta/executors`: one checkpoint file per custom executor.
    public var executorsDirectory: String { metaDirectory + "/executors" }
    /// `<work_dir>/slaves`: the root of every sandbox.
    public var sandboxesRoot: String { workDirectory + "/slaves" }

    /// The sandbox of one container run:
    /// `<work_dir>/slaves/<agent>/frameworks/<framework>/executors/<executor>/runs/<container>`.
    public func sandbox(agentID: AgentID, frameworkID: FrameworkID, executorID: ExecutorID,
                        containerID: ContainerID) -> String {
        "\(sandboxesRoot)/\(agentID.value)/frameworks/\(frameworkID.value)/executors/\(executorID.value)"
            + "/runs/\(containerID.value)"
    }
}
