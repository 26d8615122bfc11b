import Foundation
import MesosModel

/// The agent's state machine: tasks, their containers and their status update streams.
///
/// A plain value: ``handle(_:now:random:)`` takes an event, the current time and a random
/// source (for update uuids and container ids) and returns what the shell must do. It never
/// performs IO, so every decision is testable without processes, docker or a master.
public struct AgentState: Sendable {
    /// Reasons for updates the agent itself generates (Mesos's `SOURCE_AGENT`); the others stand
    /// for the task's executor (the command executor for command tasks).
    public static let agentSourcedReasons: Set<TaskStatus.Reason> = [
        .taskInvalid, .containerLaunchFailed, .executorTerminated, .executorRegistrationTimeout, .taskKilledDuringLaunch,
    ]

    /// How many finished tasks `/state` remembers.
    public static let maximumCompletedTasks = 200

    /// The agent's setup.
    public var configuration: AgentConfiguration
    /// The live tasks (and terminal ones whose updates are not all acknowledged).
    public internal(set) var tasks: [TaskKey: AgentTask] = [:]
    /// Recently removed tasks, newest last.
    public private(set) var completedTasks: [AgentTask] = []
    /// The custom executors.
    public internal(set) var executors: [ExecutorKey: AgentExecutor] = [:]
    /// Whether a master subscription is up.
    public private(set) var isConnected = false
    /// Frameworks the master shut down: it forgot them, so nobody acknowledges their updates.
    public private(set) var shutDownFrameworks: Set<FrameworkID> = []

    /// Creates the state, with the tasks and custom executors recovered from checkpoints
    /// (recovered executors must subscribe again).
    public init(configuration: AgentConfiguration, recovered: [AgentTask] = [], executors: [AgentExecutor] = []) {
        self.configuration = configuration
        for task in recovered { tasks[task.key] = task }
        for var executor in executors {
            executor.isSubscribed = false
            self.executors[executor.key] = executor
        }
    }

    /// The frameworks of the current tasks, by id.
    public var frameworks: [FrameworkID: FrameworkInfo] {
        var result: [FrameworkID: FrameworkInfo] = [:]
        for task in tasks.values { result[task.frameworkID] = task.frameworkInfo }
        return result
    }

    /// Applies `event` at `now` (seconds since the epoch) and returns the actions to perform.
    public mutating func handle<R: RandomNumberGenerator>(
        _ event: AgentEvent, now: Double, random: inout R
    ) -> [AgentAction] {
        switch event {
        case .runTask(let framework, let task):
            return runTask(framework: framework, task: task, now: now, random: &random)
        case .runTaskGroup(let framework, let executor, let group):
            return rejectTaskGroup(framework: framework, executor: executor, tasks: group, now: now, random: &random)
        case .killTask(let frameworkID, let taskID, let killPolicy):
            return killTask(TaskKey(frameworkID: frameworkID, taskID: taskID), policy: killPolicy,
                            now: now, random: &random)
        case .acknowledge(let frameworkID, let taskID, let uuid):
            return acknowledge(TaskKey(frameworkID: frameworkID, taskID: taskID), uuid: uuid, now: now)
        case .shutdownFramework(let frameworkID):
            shutDownFrameworks.insert(frameworkID)
            let executorActions = executors.keys.filter { $0.frameworkID == frameworkID }
                .sorted { $0.executorID.value < $1.executorID.value }
                .flatMap { shutdownExecutor($0, now: now, random: &random) }
            let killActions = tasks.keys.filter { $0.frameworkID == frameworkID }.sorted(by: Self.order)
                .flatMap { killTask($0, policy: nil, now: now, random: &random) }
            // Tasks already terminal wait only for acknowledgements that will never come.
            let forgotten = tasks.values.filter { $0.frameworkID == frameworkID && $0.state.isTerminal }
                .map(\.key).sorted(by: Self.order).compactMap { complete($0) }
            return executorActions + killActions + forgotten
        case .shutdownAll:
            let executorActions = executors.keys.sorted { $0.description < $1.description }
                .flatMap { shutdownExecutor($0, now: now, random: &random) }
            return executorActions + tasks.keys.sorted(by: Self.order)
                .flatMap { killTask($0, policy: nil, now: now, random: &random) }
        case .containerStarting(let key, let message):
            guard let task = tasks[key], task.state == .staging else { return [] }
            return transition(key, to: .starting, reason: nil, message: message, now: now, random: &random)
        case .containerRunning(let key, let pid):
            guard var task = tasks[key], !task.state.isTerminal else { return [] }
            task.pid = pid ?? task.pid
            tasks[key] = task
            guard task.state == .staging || task.state == .starting else { return [.checkpoint(task)] }
            return transition(key, to: .running, reason: nil, message: nil, now: now, random: &random)
        case .containerExited(let key, let termination):
            guard let task = tasks[key], !task.state.isTerminal else { return [] }
            let outcome = Self.outcome(of: termination, task: task)
            return transition(key, to: outcome.state, reason: outcome.reason, message: outcome.message,
                              now: now, random: &random)
        case .containerLaunchFailed(let key, let error):
            guard let task = tasks[key], !task.state.isTerminal else { return [] }
            if task.killRequested {
                return transition(key, to: .killed, reason: .taskKilledDuringLaunch,
                                  message: "Task killed before its container started", now: now, random: &random)
            }
            return transition(key, to: error.state, reason: error.reason, message: error.message,
                              now: now, random: &random)
        case .masterConnected:
            isConnected = true
            for key in tasks.keys { tasks[key]?.updates.resendNow() }
            return dueUpdates(now: now)
        case .masterDisconnected:
            isConnected = false
            return []
        case .tick:
            return executorTimeouts(now: now, random: &random) + dueUpdates(now: now)
        case .executorStarted, .executorLaunchFailed, .executorExited, .executorSubscribed, .executorDisconnected,
             .executorUpdate, .executorMessage, .frameworkMessage, .shutdownExecutor:
            return handleExecutorEvent(event, now: now, random: &random)
        }
    }

    // MARK: - Launch

    private mutating func runTask<R: RandomNumberGenerator>(
        framework: FrameworkInfo, task info: TaskInfo, now: Double, random: inout R
    ) -> [AgentAction] {
        guard let agentID = configuration.agentID, let frameworkID = framework.id else { return [] }
        let key = TaskKey(frameworkID: frameworkID, taskID: info.taskID)
        guard tasks[key] == nil else { return [] }  // a duplicate RUN_TASK: the task is already here
        if info.executor != nil {
            return runExecutorTask(framework: framework, task: info, frameworkID: frameworkID, agentID: agentID,
                                   now: now, random: &random)
        }
        let containerID = ContainerID(value: Self.uuidString(Self.randomUUID(&random)))
        let kind: ContainerKind = info.container?.type == .docker ? .docker : .process
        let executorID = info.executor?.executorID ?? ExecutorID(info.taskID.value)
        let layout = SandboxLayout(workDirectory: configuration.workDirectory)
        let sandbox = layout.sandbox(agentID: agentID, frameworkID: frameworkID,
                                     executorID: executorID, containerID: containerID)
        tasks[key] = AgentTask(frameworkInfo: framework, task: info, frameworkID: frameworkID,
                               containerID: containerID, executorID: executorID, kind: kind,
                               sandbox: sandbox, launchedAt: now)
        do {
            let plan = try launchPlan(info: info, frameworkID: frameworkID, agentID: agentID,
                                      containerID: containerID, executorID: executorID, kind: kind, sandbox: sandbox)
            guard let task = tasks[key] else { return [] }
            return [.checkpoint(task), .launch(task, plan)]
        } catch {
            return transition(key, to: error.state, reason: error.reason, message: error.message,
                              now: now, random: &random)
        }
    }

    private func launchPlan(
        info: TaskInfo, frameworkID: FrameworkID, agentID: AgentID, containerID: ContainerID,
        executorID: ExecutorID, kind: ContainerKind, sandbox: String
    ) throws(TaskLaunchError) -> LaunchPlan {
        if let problem = IdentifierValidation.problem(with: info.taskID.value, kind: "task id")
            ?? IdentifierValidation.problem(with: frameworkID.value, kind: "framework id")
            ?? IdentifierValidation.problem(with: executorID.value, kind: "executor id") {
            throw .invalid(problem)
        }
        guard configuration.containerizers.contains(kind) else {
            let name = kind == .docker ? "docker" : "mesos"
            throw .launchFailed("the \(name) containerizer is not enabled on this agent (see --containerizers)")
        }
        switch kind {
        case .docker:
            return .docker(try DockerRunPlan.make(
                task: info, frameworkID: frameworkID, agentID: agentID, containerID: containerID,
                executorID: executorID, hostSandbox: sandbox, agentEndpoint: configuration.agentEndpoint,
                allowPrivileged: configuration.allowPrivileged, enableCFSQuota: configuration.enableCFSQuota))
        case .process:
            if info.container?.mesos?.image != nil {
                throw .launchFailed("MESOS containers with an image are not supported; use a DOCKER container")
            }
            let variables = TaskEnvironment.variables(
                task: info, frameworkID: frameworkID, agentID: agentID, executorID: executorID,
                containerName: containerID.value, sandbox: sandbox, hostSandbox: sandbox,
                agentEndpoint: configuration.agentEndpoint)
            return .process(try ProcessLaunchPlan.make(command: info.command, taskID: info.taskID,
                                                       environment: variables, sandbox: sandbox)
                .limited(by: info.resources))
        }
    }

    // MARK: - Kill

    mutating func killTask<R: RandomNumberGenerator>(
        _ key: TaskKey, policy: KillPolicy?, now: Double, random: inout R
    ) -> [AgentAction] {
        if let executorKey = executorKey(of: key) {
            return killExecutorTask(key, executor: executorKey, policy: policy, now: now, random: &random)
        }
        guard var task = tasks[key] else {
            // Unknown here: tell the framework the task is gone (an unreliable update, no uuid).
            let partitionAware = frameworks[key.frameworkID]?.hasCapability(.partitionAware) ?? false
            let status = TaskStatus(
                taskID: key.taskID, state: partitionAware ? .gone : .lost,
                message: "Cannot kill task \(key.taskID.value): it is unknown to this agent",
                source: .agent, reason: .reconciliation, agentID: configuration.agentID, timestamp: now)
            return [.sendUpdate(status, frameworkID: key.frameworkID, latestState: status.state)]
        }
        guard !task.state.isTerminal, !task.killRequested else { return [] }
        task.killRequested = true
        tasks[key] = task
        let grace = (policy?.gracePeriod ?? task.task.killPolicy?.gracePeriod)?.seconds
            ?? configuration.defaultKillGracePeriod
        var actions: [AgentAction] = []
        if task.frameworkInfo.hasCapability(.taskKillingState), task.state == .running || task.state == .starting {
            actions += transition(key, to: .killing, reason: nil, message: "Killing the task", now: now, random: &random)
        } else {
            actions.append(.checkpoint(task))
        }
        if let current = tasks[key] { actions.append(.kill(current, gracePeriod: max(0, grace))) }
        return actions
    }

    // MARK: - Updates

    private mutating func acknowledge(_ key: TaskKey, uuid: Data, now: Double) -> [AgentAction] {
        guard var task = tasks[key], let result = task.updates.acknowledge(uuid: uuid) else { return [] }
        if task.updates.isEmpty, task.state.isTerminal {
            tasks[key] = nil
            completedTasks.append(task)
            if completedTasks.count > Self.maximumCompletedTasks { completedTasks.removeFirst() }
            return [.remove(task)]
        }
        var actions: [AgentAction] = []
        if result.next != nil, isConnected, let next = task.updates.takeDue(now: now) {
            actions.append(.sendUpdate(next, frameworkID: key.frameworkID, latestState: task.state))
        }
        tasks[key] = task
        actions.insert(.checkpoint(task), at: 0)
        return actions
    }

    mutating func transition<R: RandomNumberGenerator>(
        _ key: TaskKey, to state: TaskState, reason: TaskStatus.Reason?, message: String?,
        now: Double, random: inout R
    ) -> [AgentAction] {
        guard let task = tasks[key] else { return [] }
        let status = TaskStatus(
            taskID: key.taskID, state: state, message: message,
            source: reason.map(Self.agentSourcedReasons.contains) == true ? .agent : .executor, reason: reason,
            agentID: configuration.agentID, executorID: task.executorID, timestamp: now,
            uuid: Self.randomUUID(&random),
            containerStatus: ContainerStatus(containerID: task.containerID))
        return appendUpdate(status, key: key, now: now)
    }

    /// Records `status` as the task's newest state and queues it for the master.
    mutating func appendUpdate(_ status: TaskStatus, key: TaskKey, now: Double) -> [AgentAction] {
        guard var task = tasks[key] else { return [] }
        if status.state.isTerminal, shutDownFrameworks.contains(key.frameworkID) {
            // The framework is gone: send the terminal update once (the master records the task's
            // end if it can) and forget the task instead of retrying forever, like Mesos's cleanup
            // of a removed framework's status update streams.
            task.state = status.state
            tasks[key] = task
            let send: [AgentAction] = isConnected ? [.sendUpdate(status, frameworkID: key.frameworkID, latestState: status.state)] : []
            return send + (complete(key).map { [$0] } ?? [])
        }
        task.state = status.state
        let isHead = task.updates.append(status)
        if isHead, isConnected, let due = task.updates.takeDue(now: now) {
            tasks[key] = task
            return [.checkpoint(task), .sendUpdate(due, frameworkID: key.frameworkID, latestState: status.state)]
        }
        tasks[key] = task
        return [.checkpoint(task)]
    }

    /// Moves `key`'s task to the completed tasks without waiting for acknowledgements.
    private mutating func complete(_ key: TaskKey) -> AgentAction? {
        guard var task = tasks.removeValue(forKey: key) else { return nil }
        task.updates = StatusUpdateStream()
        completedTasks.append(task)
        if completedTasks.count > Self.maximumCompletedTasks { completedTasks.removeFirst() }
        return .remove(task)
    }

    mutating func dueUpdates(now: Double) -> [AgentAction] {
        guard isConnected else { return [] }
        var actions: [AgentAction] = []
        for key in tasks.keys.sorted(by: Self.order) {
            guard var task = tasks[key], let due = task.updates.takeDue(now: now) else { continue }
            tasks[key] = task
            actions.append(.sendUpdate(due, frameworkID: key.frameworkID, latestState: task.state))
        }
        return actions
    }

    // MARK: - Outcomes

    /// The terminal state, reason and message for a container that ended.
    public static func outcome(of termination: ContainerTermination, task: AgentTask)
        -> (state: TaskState, reason: TaskStatus.Reason?, message: String) {
        let subject = task.kind == .docker ? "Container" : "Command"
        if task.killRequested {
            return (.killed, nil, "\(subject) killed")
        }
        switch termination {
        case .exited(let code) where code == 0:
            return (.finished, nil, "\(subject) exited with status 0")
        case .exited(let code):
            return (.failed, nil, "\(subject) exited with status \(code)")
        case .signaled(let signal):
            return (.failed, nil, "\(subject) terminated with signal \(signal)")
        case .outOfMemory(let code):
            let limit = task.task.resources.first { $0.name == "mem" }?.scalar?.value
            let detail = limit.map { " (memory limit \(Int($0)) MB)" } ?? ""
            return (.failed, .containerLimitationMemory,
                    "\(subject) was OOM-killed\(detail); exited with status \(code)")
        case .unknown(let message):
            return (.failed, .executorTerminated, message)
        }
    }

    // MARK: - Helpers

    static func order(_ lhs: TaskKey, _ rhs: TaskKey) -> Bool {
        (lhs.frameworkID.value, lhs.taskID.value) < (rhs.frameworkID.value, rhs.taskID.value)
    }

    /// 16 random bytes shaped as a version-4 UUID.
    public static func randomUUID<R: RandomNumberGenerator>(_ random: inout R) -> Data {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return Data(bytes)
    }

    /// The canonical text form of a 16-byte UUID.
    public static func uuidString(_ data: Data) -> String {
        let hex = data.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }
        let groups = [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }
        return groups.joined(separator: "-")
    }
}
