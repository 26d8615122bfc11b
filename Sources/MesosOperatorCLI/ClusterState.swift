import Foundation

/// The parts of a master's `/master/state` the CLI shows: frameworks with their tasks, and agents.
public struct ClusterState: Sendable, Decodable {
    /// Registered frameworks.
    public var frameworks: [FrameworkView]
    /// Frameworks that were torn down or failed over for good.
    public var completedFrameworks: [FrameworkView]
    /// Agents (Mesos's `slaves`).
    public var agents: [AgentView]

    /// A state with these parts.
    public init(frameworks: [FrameworkView], completedFrameworks: [FrameworkView] = [], agents: [AgentView]) {
        self.frameworks = frameworks
        self.completedFrameworks = completedFrameworks
        self.agents = agents
    }

    /// Decodes `/master/state` JSON.
    public init(json: Data) throws(OperatorCLIError) {
        do {
            self = try JSONDecoder().decode(ClusterState.self, from: json)
        } catch {
            throw OperatorCLIError("the master's /master/state is not what swift-mesos expects: \(error)")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case frameworks
        case completedFrameworks = "completed_frameworks"
        case agents = "slaves"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        frameworks = try container.decodeIfPresent([FrameworkView].self, forKey: .frameworks) ?? []
        completedFrameworks = try container.decodeIfPresent([FrameworkView].self, forKey: .completedFrameworks) ?? []
        agents = try container.decodeIfPresent([AgentView].self, forKey: .agents) ?? []
    }

    /// Every task the master knows (live, unreachable and completed, of registered and completed
    /// frameworks), each with its framework; a task listed twice appears once, in its latest state.
    public var tasks: [TaskEntry] {
        var entries: [TaskEntry] = []
        var seen: Set<String> = []
        for framework in frameworks + completedFrameworks {
            for task in framework.tasks + framework.unreachableTasks + framework.completedTasks {
                guard seen.insert(task.frameworkID + "\u{0}" + task.id).inserted else { continue }
                entries.append(TaskEntry(task: task, framework: framework))
            }
        }
        return entries
    }

    /// The agent with `id`.
    public func agent(_ id: String) -> AgentView? {
        agents.first { $0.id == id }
    }
}
