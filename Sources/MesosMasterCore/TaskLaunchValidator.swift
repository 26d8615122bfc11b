import MesosModel
import MesosResources

/// Why a task (or task group) of an ACCEPT is refused: the TASK_ERROR message.
public struct TaskValidationError: Error, Sendable, Hashable {
    /// Mesos's wording of the problem.
    public var message: String

    init(_ message: String) {
        self.message = message
    }
}

/// Checks the tasks of one ACCEPT in order against the offered resources (Mesos's
/// `validation::task`): ids unique in the framework, the offer's agent, exactly one
/// of command or executor, valid resources that the remaining offered resources
/// contain. Admitted tasks consume the resources they use.
struct TaskLaunchValidator {
    /// Task ids of one framework are at most this long.
    static let maximumIDLength = 1024

    let frameworkID: FrameworkID
    let agentID: AgentID
    let role: String
    let knownExecutors: [ExecutorID: ExecutorInfo]
    /// What is left of the offered resources.
    var available: Resources
    /// Executors first launched by this accept.
    var newExecutors: [ExecutorID: ExecutorInfo] = [:]
    var launchedIDs: Set<TaskID> = []

    init(
        frameworkID: FrameworkID, agentID: AgentID, role: String,
        knownExecutors: [ExecutorID: ExecutorInfo], available: Resources
    ) {
        self.frameworkID = frameworkID
        self.agentID = agentID
        self.role = role
        self.knownExecutors = knownExecutors
        self.available = available
    }

    /// Admits one LAUNCH task, returning it with `allocation_info` on its resources.
    /// `isDuplicate`: the framework already has a task with this id.
    mutating func admit(_ info: TaskInfo, isDuplicate: Bool) -> Result<TaskInfo, TaskValidationError> {
        var task = info
        if isDuplicate { return .failure(.init("Task has duplicate ID: \(task.taskID)")) }
        if let problem = commonProblem(task) { return .failure(problem) }
        if (task.command == nil) == (task.executor == nil) {
            return .failure(.init("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present"))
        }
        var needed = Resources(allocated(task.resources))
        task.resources = allocated(task.resources)
        if var executor = task.executor {
            executor.frameworkID = frameworkID
            if let problem = executorProblem(executor) { return .failure(problem) }
            executor.resources = allocated(executor.resources)
            task.executor = executor
            if knownExecutors[executor.executorID] == nil, newExecutors[executor.executorID] == nil {
                needed += Resources(executor.resources)
            }
        }
        guard available.contains(needed) else {
            return .failure(.init("Task uses more resources \(Self.text(needed)) than available \(Self.text(available))"))
        }
        available -= needed
        launchedIDs.insert(task.taskID)
        if let executor = task.executor, knownExecutors[executor.executorID] == nil {
            newExecutors[executor.executorID] = executor
        }
        return .success(task)
    }

    /// Admits a LAUNCH_GROUP: all its tasks or none. `isDuplicate`: the framework
    /// already has a task with one of the group's ids.
    mutating func admit(group: Offer.Operation.LaunchGroup, isDuplicate: Bool) -> Result<(ExecutorInfo, [TaskInfo]), TaskValidationError> {
        if isDuplicate { return .failure(.init("Task group has a task with a duplicate ID")) }
        var executor = group.executor
        executor.frameworkID = frameworkID
        if let problem = executorProblem(executor) { return .failure(problem) }
        if group.taskGroup.tasks.isEmpty { return .failure(.init("Task group must not be empty")) }
        executor.resources = allocated(executor.resources)
        var needed = Resources()
        if knownExecutors[executor.executorID] == nil, newExecutors[executor.executorID] == nil {
            needed += Resources(executor.resources)
        }
        var tasks: [TaskInfo] = []
        var ids: Set<TaskID> = []
        for info in group.taskGroup.tasks {
            var task = info
            if let problem = commonProblem(task) { return .failure(problem) }
            if !ids.insert(task.taskID).inserted { return .failure(.init("Task has duplicate ID: \(task.taskID)")) }
            if task.executor != nil { return .failure(.init("'TaskInfo.executor' must not be set in a task group")) }
            if task.command == nil { return .failure(.init("'TaskInfo.command' must be set for tasks of a task group")) }
            task.resources = allocated(task.resources)
            needed += Resources(task.resources)
            tasks.append(task)
        }
        guard available.contains(needed) else {
            return .failure(.init("Task group uses more resources \(Self.text(needed)) than available \(Self.text(available))"))
        }
        available -= needed
        launchedIDs.formUnion(ids)
        newExecutors[executor.executorID] = executor
        return .success((executor, tasks))
    }

    private func commonProblem(_ task: TaskInfo) -> TaskValidationError? {
        let id = task.taskID.value
        if id.isEmpty { return .init("ID must not be empty") }
        if id.utf8.count > Self.maximumIDLength { return .init("ID must be at most \(Self.maximumIDLength) bytes") }
        if id.contains("/") || id == "." || id == ".." { return .init("'\(id)' is not a valid ID: it contains '/' or is '.' or '..'") }
        if id.contains(where: { $0.isWhitespace || ($0.asciiValue.map { $0 < 32 } ?? false) }) {
            return .init("ID '\(id)' contains invalid characters")
        }
        if launchedIDs.contains(task.taskID) {
            return .init("Task has duplicate ID: \(task.taskID)")
        }
        if task.agentID != agentID {
            return .init("Task uses invalid agent: \(task.agentID) (the offers are for agent \(agentID))")
        }
        if task.resources.isEmpty { return .init("Task uses no resources") }
        if let error = Resources.validate(task.resources) { return .init("Task uses invalid resources: \(error.message)") }
        for resource in task.resources {
            if let role = resource.allocationInfo?.role, role != self.role {
                return .init("Task uses resources allocated to role '\(role)' but the offers are for role '\(self.role)'")
            }
        }
        return nil
    }

    private func executorProblem(_ executor: ExecutorInfo) -> TaskValidationError? {
        if executor.executorID.value.isEmpty { return .init("Executor ID must not be empty") }
        if let error = Resources.validate(executor.resources) {
            return .init("Executor uses invalid resources: \(error.message)")
        }
        if let known = knownExecutors[executor.executorID] ?? newExecutors[executor.executorID],
            known.command != executor.command || known.container != executor.container
        {
            return .init("ExecutorInfo is not compatible with the ExecutorInfo of the running executor \(executor.executorID)")
        }
        return nil
    }

    /// Resources with `allocation_info.role` set to the offers' role when missing.
    private func allocated(_ resources: [Resource]) -> [Resource] {
        resources.map { resource in
            var resource = resource
            if resource.allocationInfo == nil { resource.allocationInfo = AllocationInfo(role: role) }
            return resource
        }
    }

    static func text(_ resources: Resources) -> String {
        resources.isEmpty ? "{}" : resources.map(\.textForm).joined(separator: "; ")
    }
}
