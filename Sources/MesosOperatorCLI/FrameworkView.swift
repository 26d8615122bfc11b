/// A framework in `/master/state`.
public struct FrameworkView: Sendable, Decodable {
    /// The framework id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its role (its first, for multi-role frameworks).
    public var role: String
    /// Whether it is connected.
    public var active: Bool
    /// When it registered (seconds since the epoch), if known.
    public var registeredTime: Double?
    /// Resources its live tasks use.
    public var usedResources: ResourceSummary
    /// Its live tasks.
    public var tasks: [TaskView]
    /// Its tasks on unreachable agents.
    public var unreachableTasks: [TaskView]
    /// Its finished tasks (the most recent ones).
    public var completedTasks: [TaskView]

    /// A framework with these values.
    public init(
        id: String, name: String, role: String = "*", active: Bool = true, registeredTime: Double? = nil,
        usedResources: ResourceSummary = ResourceSummary(), tasks: [TaskView] = [], unreachableTasks: [TaskView] = [],
        completedTasks: [TaskView] = []
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.active = active
        self.registeredTime = registeredTime
        self.usedResources = usedResources
        self.tasks = tasks
        self.unreachableTasks = unreachableTasks
        self.completedTasks = completedTasks
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, role, roles, active, tasks
        case registeredTime = "registered_time"
        case usedResources = "used_resources"
        case unreachableTasks = "unreachable_tasks"
        case completedTasks = "completed_tasks"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let roles = (try? container.decodeIfPresent([String].self, forKey: .roles)) ?? []
        self.init(
            id: try container.decode(String.self, forKey: .id),
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
            role: (try? container.decodeIfPresent(String.self, forKey: .role)) ?? roles.first ?? "*",
            active: (try? container.decodeIfPresent(Bool.self, forKey: .active)) ?? false,
            registeredTime: try? container.decodeIfPresent(Double.self, forKey: .registeredTime),
            usedResources: try container.decodeIfPresent(ResourceSummary.self, forKey: .usedResources) ?? ResourceSummary(),
            tasks: try container.decodeIfPresent([TaskView].self, forKey: .tasks) ?? [],
            unreachableTasks: try container.decodeIfPresent([TaskView].self, forKey: .unreachableTasks) ?? [],
            completedTasks: try container.decodeIfPresent([TaskView].self, forKey: .completedTasks) ?? [])
    }
}
