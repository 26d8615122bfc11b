import MesosModel

/// Why a task cannot be launched as described; it becomes TASK_ERROR (or TASK_FAILED).
public struct TaskLaunchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The state to report: `TASK_ERROR` for invalid descriptions.
    public var state: TaskState
    /// The reason to report.
    public var reason: TaskStatus.Reason
    /// What is wrong and how to fix it.
    public var message: String

    /// An invalid task description (TASK_ERROR, REASON_TASK_INVALID).
    public static func invalid(_ message: String) -> TaskLaunchError {
        TaskLaunchError(state: .error, reason: .taskInvalid, message: message)
    }

    /// A task the agent cannot run (TASK_FAILED, REASON_CONTAINER_LAUNCH_FAILED).
    public static func launchFailed(_ message: String) -> TaskLaunchError {
        TaskLaunchError(state: .failed, reason: .containerLaunchFailed, message: message)
    }

    /// Creates an error.
    public init(state: TaskState, reason: TaskStatus.Reason, message: String) {
        self.state = state
        self.reason = reason
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
