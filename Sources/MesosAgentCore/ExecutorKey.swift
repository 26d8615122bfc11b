import MesosModel

/// Identifies a custom executor on an agent.
public struct ExecutorKey: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The executor's framework.
    public var frameworkID: FrameworkID
    /// The executor's id within its framework.
    public var executorID: ExecutorID

    /// Creates a key.
    public init(frameworkID: FrameworkID, executorID: ExecutorID) {
        self.frameworkID = frameworkID
        self.executorID = executorID
    }

    /// `framework/executor`, for logs.
    public var description: String { "\(frameworkID.value)/\(executorID.value)" }

    private enum CodingKeys: String, CodingKey {
        case frameworkID = "framework_id"
        case executorID = "executor_id"
    }
}
