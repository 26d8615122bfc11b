import MesosModel

/// A task in `/master/state`.
public struct TaskView: Sendable, Decodable, Equatable {
    /// The task id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its framework's id.
    public var frameworkID: String
    /// The agent it runs on.
    public var agentID: String
    /// Its state, e.g. `TASK_RUNNING`.
    public var state: String
    /// Its resources.
    public var resources: ResourceSummary
    /// When its status updates happened (seconds since the epoch), oldest first.
    public var statusTimes: [Double]

    /// Whether the state is terminal (the task will not run again).
    public var isTerminal: Bool { TaskState(rawValue: state)?.isTerminal ?? false }

    /// `TASK_RUNNING` → `RUNNING`.
    public var shortState: String { state.hasPrefix("TASK_") ? String(state.dropFirst(5)) : state }

    /// When the task was first reported (its first status update), if known.
    public var startTime: Double? { statusTimes.first(where: { $0 > 0 }) }

    /// A task with these values.
    public init(
        id: String, name: String = "", frameworkID: String, agentID: String, state: String,
        resources: ResourceSummary = ResourceSummary(), statusTimes: [Double] = []
    ) {
        self.id = id
        self.name = name
        self.frameworkID = frameworkID
        self.agentID = agentID
        self.state = state
        self.resources = resources
        self.statusTimes = statusTimes
    }

    private struct Status: Decodable {
        var timestamp: Double?
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, state, resources, statuses
        case frameworkID = "framework_id"
        case agentID = "slave_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let statuses = (try? container.decodeIfPresent([Status].self, forKey: .statuses)) ?? []
        self.init(
            id: try container.decode(String.self, forKey: .id),
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
            frameworkID: try container.decodeIfPresent(String.self, forKey: .frameworkID) ?? "",
            agentID: try container.decodeIfPresent(String.self, forKey: .agentID) ?? "",
            state: try container.decodeIfPresent(String.self, forKey: .state) ?? "",
            resources: try container.decodeIfPresent(ResourceSummary.self, forKey: .resources) ?? ResourceSummary(),
            statusTimes: statuses.compactMap(\.timestamp).sorted())
    }
}
