import Foundation
import MesosModel

/// Something that happened to the agent, fed to ``AgentState/handle(_:now:random:)``.
public enum AgentEvent: Sendable, Hashable {
    /// The master asked to launch `task` for the framework.
    case runTask(framework: FrameworkInfo, task: TaskInfo)
    /// The master asked to launch a task group under one executor (not supported yet: its tasks fail).
    case runTaskGroup(framework: FrameworkInfo, executor: ExecutorInfo, tasks: [TaskInfo])
    /// The master asked to kill a task.
    case killTask(frameworkID: FrameworkID, taskID: TaskID, killPolicy: KillPolicy?)
    /// The master forwarded the framework's acknowledgement of an update.
    case acknowledge(frameworkID: FrameworkID, taskID: TaskID, uuid: Data)
    /// The framework is gone: kill all its tasks.
    case shutdownFramework(FrameworkID)
    /// The master removed this agent, or the operator asked for cleanup: kill every task.
    case shutdownAll(message: String)
    /// The container is being prepared (for example its image is being pulled).
    case containerStarting(TaskKey, message: String?)
    /// The container runs (with the process id for the process containerizer).
    case containerRunning(TaskKey, pid: Int32?)
    /// The container ended.
    case containerExited(TaskKey, ContainerTermination)
    /// The container could not be started.
    case containerLaunchFailed(TaskKey, TaskLaunchError)
    /// A subscription to a master was accepted.
    case masterConnected
    /// The subscription ended.
    case masterDisconnected
    /// Time passed: retry what is due (and time out executors that did not subscribe).
    case tick
    /// A custom executor's process started.
    case executorStarted(ExecutorKey, pid: Int32?)
    /// A custom executor could not be started.
    case executorLaunchFailed(ExecutorKey, message: String)
    /// A custom executor's process ended.
    case executorExited(ExecutorKey, ContainerTermination)
    /// A custom executor subscribed over the executor API.
    case executorSubscribed(ExecutorKey)
    /// A custom executor's subscription stream closed.
    case executorDisconnected(ExecutorKey)
    /// A custom executor sent a status update for one of its tasks.
    case executorUpdate(ExecutorKey, TaskStatus)
    /// A custom executor sent a message for its framework.
    case executorMessage(ExecutorKey, data: Data)
    /// The framework sent a message for an executor.
    case frameworkMessage(ExecutorKey, data: Data)
    /// The master asked to shut an executor down.
    case shutdownExecutor(ExecutorKey)
}
