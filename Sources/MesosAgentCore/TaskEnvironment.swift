import MesosModel

/// The environment a task sees: Mesos's task variables plus the task's CommandInfo variables.
public enum TaskEnvironment {
    /// Where the sandbox is mounted inside docker containers.
    public static let dockerSandbox = "/mnt/mesos/sandbox"

    /// The variables for `task`, with `sandbox` as the path the task sees its sandbox at.
    /// CommandInfo variables win over Mesos's variables of the same name.
    public static func variables(
        task: TaskInfo, frameworkID: FrameworkID, agentID: AgentID, executorID: ExecutorID,
        containerName: String, sandbox: String, hostSandbox: String, agentEndpoint: String
    ) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = [
            ("MESOS_TASK_ID", task.taskID.value),
            ("MESOS_FRAMEWORK_ID", frameworkID.value),
            ("MESOS_AGENT_ID", agentID.value),
            ("MESOS_SLAVE_ID", agentID.value),
            ("MESOS_EXECUTOR_ID", executorID.value),
            ("MESOS_CONTAINER_NAME", containerName),
            ("MESOS_SANDBOX", sandbox),
            ("MESOS_DIRECTORY", hostSandbox),
            ("MESOS_AGENT_ENDPOINT", agentEndpoint),
        ]
        let command = task.command ?? task.executor?.command
        for variable in command?.environment?.variables ?? [] {
            guard let value = variable.value else { continue }  // secrets are not supported
            result.removeAll { $0.name == variable.name }
            result.append((variable.name, value))
        }
        return result
    }
}
