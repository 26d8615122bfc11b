/// The state of a task (`TaskState`).
public enum TaskState: String, ProtoEnum {
    /// Initial state, set by the master/agent; executors must not send it.
    case staging = "TASK_STAGING"
    /// The executor is launching the task.
    case starting = "TASK_STARTING"
    /// The task is running.
    case running = "TASK_RUNNING"
    /// The task is being killed (frameworks with `TASK_KILLING_STATE` only).
    case killing = "TASK_KILLING"
    /// Terminal: the task finished successfully.
    case finished = "TASK_FINISHED"
    /// Terminal: the task failed.
    case failed = "TASK_FAILED"
    /// Terminal: the task was killed.
    case killed = "TASK_KILLED"
    /// Terminal: the task description is invalid.
    case error = "TASK_ERROR"
    /// Terminal: the task was lost (frameworks without `PARTITION_AWARE`).
    case lost = "TASK_LOST"
    /// Terminal: the task failed to launch because of a transient error.
    case dropped = "TASK_DROPPED"
    /// The task's agent is unreachable; the task may still run.
    case unreachable = "TASK_UNREACHABLE"
    /// Terminal: the task is no longer running.
    case gone = "TASK_GONE"
    /// Terminal: an operator asserted that the task's agent is gone.
    case goneByOperator = "TASK_GONE_BY_OPERATOR"
    /// The master knows nothing about the task.
    case unknown = "TASK_UNKNOWN"

    /// Whether the state is terminal: the task no longer runs and its resources
    /// are released (FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE,
    /// GONE_BY_OPERATOR).
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .killed, .error, .lost, .dropped, .gone, .goneByOperator:
            true
        case .staging, .starting, .running, .killing, .unreachable, .unknown:
            false
        }
    }
}
