import MesosModel

/// Identifies a task on an agent: task ids are unique only within their framework.
public struct TaskKey: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The framework that launched the task.
    public var frameworkID: FrameworkID
    /// The task's id within its framework.
    public var taskID: TaskID

    /// Creates a key.
    public init(frameworkID: FrameworkID, taskID: TaskID) {
        self.frameworkID = frameworkID
        self.taskID = taskID
    }

    /// `framework/task`, for logs.
    public var description: String { "\(frameworkID.value)/\(taskID.value)" }

    private enum CodingKeys: String, CodingKey {
        case frameworkID = "framework_id"
        case taskID = "task_id"
    }
}
