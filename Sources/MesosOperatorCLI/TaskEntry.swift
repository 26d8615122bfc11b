/// A task with the framework it belongs to.
public struct TaskEntry: Sendable {
    /// The task.
    public var task: TaskView
    /// Its framework.
    public var framework: FrameworkView
}
