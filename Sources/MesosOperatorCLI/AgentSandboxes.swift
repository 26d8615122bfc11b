import Foundation

/// Where a task's sandbox is, from an agent's `/state`: each framework's executors (live and
/// completed) carry their `directory` and their tasks.
public struct AgentSandboxes: Sendable, Decodable {
    /// An executor's sandbox and the tasks it ran.
    public struct Sandbox: Sendable, Equatable {
        /// The framework id.
        public var frameworkID: String
        /// The sandbox directory on the agent (usable with `/files`).
        public var directory: String
        /// The ids of the tasks it ran.
        public var taskIDs: [String]
    }

    /// Every sandbox on the agent.
    public var sandboxes: [Sandbox]

    /// Decodes an agent's `/state` JSON.
    public init(json: Data) throws(OperatorCLIError) {
        do {
            self = try JSONDecoder().decode(AgentSandboxes.self, from: json)
        } catch {
            throw OperatorCLIError("the agent's /state is not what swift-mesos expects: \(error)")
        }
    }

    /// The sandbox directory of task `taskID` of framework `frameworkID`; the most recent when the
    /// id was used more than once.
    public func directory(frameworkID: String, taskID: String) -> String? {
        sandboxes.last { $0.frameworkID == frameworkID && $0.taskIDs.contains(taskID) }?.directory
    }

    private struct TaskIdentity: Decodable {
        var id: String?

        private struct Value: Decodable { var value: String }
        private enum CodingKeys: String, CodingKey {
            case id
            case taskID = "task_id"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let value = try? container.decodeIfPresent(Value.self, forKey: .taskID) {
                id = value.value
            } else {
                id = (try? container.decodeIfPresent(String.self, forKey: .id)) ?? nil
            }
        }
    }

    private struct Executor: Decodable {
        var directory: String?
        var tasks: [TaskIdentity]?
        var completedTasks: [TaskIdentity]?
        var queuedTasks: [TaskIdentity]?

        private enum CodingKeys: String, CodingKey {
            case directory, tasks
            case completedTasks = "completed_tasks"
            case queuedTasks = "queued_tasks"
        }
    }

    private struct Framework: Decodable {
        var id: String
        var executors: [Executor]?
        var completedExecutors: [Executor]?

        private enum CodingKeys: String, CodingKey {
            case id, executors
            case completedExecutors = "completed_executors"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case frameworks
        case completedFrameworks = "completed_frameworks"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let frameworks = (try container.decodeIfPresent([Framework].self, forKey: .frameworks) ?? [])
            + (try container.decodeIfPresent([Framework].self, forKey: .completedFrameworks) ?? [])
        var sandboxes: [Sandbox] = []
        for framework in frameworks {
            // Completed executors first: a live executor with the same task id is the newer one.
            for executor in (framework.completedExecutors ?? []) + (framework.executors ?? []) {
                guard let directory = executor.directory else { continue }
                let tasks = (executor.tasks ?? []) + (executor.completedTasks ?? []) + (executor.queuedTasks ?? [])
                sandboxes.append(Sandbox(frameworkID: framework.id, directory: directory, taskIDs: tasks.compactMap(\.id)))
            }
        }
        self.sandboxes = sandboxes
    }
}
