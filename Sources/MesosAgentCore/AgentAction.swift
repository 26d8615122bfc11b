import Foundation
import MesosModel

/// What the agent's state machine asks the shell to do, in order.
public enum AgentAction: Sendable, Hashable {
    /// Start the task's container.
    case launch(AgentTask, LaunchPlan)
    /// Stop the task's container: SIGTERM (or `docker stop`), then SIGKILL after `gracePeriod` seconds.
    case kill(AgentTask, gracePeriod: Double)
    /// Write the task's record to the work dir (fsync'd) before anything that depends on it.
    case checkpoint(AgentTask)
    /// The task is terminal and every update acknowledged: delete its checkpoint and container.
    case remove(AgentTask)
    /// Send a status update to the master (`UPDATE` with `latest_state`).
    case sendUpdate(TaskStatus, frameworkID: FrameworkID, latestState: TaskState)
    /// Write a custom executor's record to the work dir (to re-adopt it after a restart).
    case checkpointExecutor(AgentExecutor)
    /// The custom executor is gone: delete its record.
    case removeExecutor(AgentExecutor)
    /// Start a custom executor's process (with the executor API's environment).
    case launchExecutor(AgentExecutor, ProcessLaunchPlan)
    /// Stop a custom executor's process: SIGTERM, then SIGKILL after `gracePeriod` seconds.
    case killExecutor(AgentExecutor, gracePeriod: Double)
    /// Answer the executor's SUBSCRIBE with `SUBSCRIBED` (the shell knows the agent's info).
    case acceptExecutor(AgentExecutor)
    /// Send an event on the executor's subscription stream.
    case sendToExecutor(ExecutorKey, Executor.Event)
    /// Forward an executor's message to its framework (agent `MESSAGE` call).
    case forwardMessage(ExecutorKey, data: Data)
    /// Tell the master an executor ended (agent `EXECUTOR_EXITED` call).
    case reportExecutorExited(ExecutorKey, status: Int32?)
}

/// How to start a task's container.
public enum LaunchPlan: Sendable, Hashable {
    /// `docker run` through the docker CLI.
    case docker(DockerRunPlan)
    /// A host process.
    case process(ProcessLaunchPlan)
}
