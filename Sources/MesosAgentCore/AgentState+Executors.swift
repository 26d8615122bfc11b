import Foundation
import MesosModel

extension AgentState {
    /// The grace period for shutting down executors without a `shutdown_grace_period`, in seconds.
    public static let defaultExecutorShutdownGracePeriod = 5.0

    /// The executor running `key`'s task, for tasks with a custom executor.
    func executorKey(of key: TaskKey) -> ExecutorKey? {
        guard let task = tasks[key], let executor = task.task.executor else { return nil }
        return ExecutorKey(frameworkID: key.frameworkID, executorID: executor.executorID)
    }

    /// The environment of a custom executor (Mesos's executor variables plus its CommandInfo's).
    static func executorEnvironment(
        _ executor: AgentExecutor, agentID: AgentID, agentEndpoint: String, shutdownGracePeriod: Double
    ) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = [
            ("MESOS_FRAMEWORK_ID", executor.key.frameworkID.value),
            ("MESOS_EXECUTOR_ID", executor.key.executorID.value),
            ("MESOS_AGENT_ID", agentID.value),
            ("MESOS_SLAVE_ID", agentID.value),
            ("MESOS_AGENT_ENDPOINT", agentEndpoint),
            ("MESOS_SANDBOX", executor.sandbox),
            ("MESOS_DIRECTORY", executor.sandbox),
            ("MESOS_CONTAINER_ID", executor.containerID.value),
            ("MESOS_CHECKPOINT", "1"),
            ("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "\(shutdownGracePeriod)secs"),
        ]
        for variable in executor.info.command?.environment?.variables ?? [] {
            guard let value = variable.value else { continue }
            result.removeAll { $0.name == variable.name }
            result.append((variable.name, value))
        }
        return result
    }

    mutating func runExecutorTask<R: RandomNumberGenerator>(
        framework: FrameworkInfo, task info: TaskInfo, frameworkID: FrameworkID, agentID: AgentID,
        now: Double, random: inout R
    ) -> [AgentAction] {
        guard let executorInfo = info.executor else { return [] }
        let key = TaskKey(frameworkID: frameworkID, taskID: info.taskID)
        let executorKey = ExecutorKey(frameworkID: frameworkID, executorID: executorInfo.executorID)
        func reject(_ error: TaskLaunchError, containerID: ContainerID, sandbox: String) -> [AgentAction] {
            tasks[key] = AgentTask(frameworkInfo: framework, task: info, frameworkID: frameworkID, containerID: containerID,
                                   executorID: executorInfo.executorID, kind: .process, sandbox: sandbox, launchedAt: now)
            return transition(key, to: error.state, reason: error.reason, message: error.message, now: now, random: &random)
        }
        if let problem = IdentifierValidation.problem(with: info.taskID.value, kind: "task id")
            ?? IdentifierValidation.problem(with: frameworkID.value, kind: "framework id")
            ?? IdentifierValidation.problem(with: executorInfo.executorID.value, kind: "executor id") {
            return reject(.invalid(problem), containerID: ContainerID(value: Self.uuidString(Self.randomUUID(&random))), sandbox: "")
        }
        var actions: [AgentAction] = []
        let executor: AgentExecutor
        if let existing = executors[executorKey] {
            guard !existing.isShuttingDown else {
                return reject(.launchFailed("executor \(executorKey.executorID.value) is shutting down"),
                              containerID: existing.containerID, sandbox: existing.sandbox)
            }
            executor = existing
        } else {
            let containerID = ContainerID(value: Self.uuidString(Self.randomUUID(&random)))
            let sandbox = SandboxLayout(workDirectory: configuration.workDirectory).sandbox(
                agentID: agentID, frameworkID: frameworkID, executorID: executorInfo.executorID, containerID: containerID)
            if let container = executorInfo.container, container.type == .docker || container.mesos?.image != nil {
                return reject(.launchFailed("custom executors run as host processes on this agent; remove the executor's container image"),
                              containerID: containerID, sandbox: sandbox)
            }
            guard configuration.containerizers.contains(.process) else {
                return reject(.launchFailed("custom executors need the mesos containerizer (see --containerizers)"),
                              containerID: containerID, sandbox: sandbox)
            }
            let created = AgentExecutor(frameworkInfo: framework, info: executorInfo, key: executorKey,
                                        containerID: containerID, sandbox: sandbox, launchedAt: now)
            let grace = executorInfo.shutdownGracePeriod?.seconds ?? Self.defaultExecutorShutdownGracePeriod
            let environment = Self.executorEnvironment(created, agentID: agentID, agentEndpoint: configuration.agentEndpoint,
                                                       shutdownGracePeriod: grace)
            let plan: ProcessLaunchPlan
            do {
                plan = try ProcessLaunchPlan.make(command: executorInfo.command, taskID: info.taskID,
                                                  environment: environment, sandbox: sandbox)
                    .limited(by: executorInfo.resources + info.resources)
            } catch {
                return reject(.invalid("executor \(executorInfo.executorID.value): \(error.message)"),
                              containerID: containerID, sandbox: sandbox)
            }
            executors[executorKey] = created
            executor = created
            actions.append(.launchExecutor(created, plan))
        }
        let record = AgentTask(frameworkInfo: framework, task: info, frameworkID: frameworkID,
                               containerID: executor.containerID, executorID: executorInfo.executorID, kind: .process,
                               sandbox: executor.sandbox, launchedAt: now)
        tasks[key] = record
        actions.insert(.checkpoint(record), at: 0)
        if executor.isSubscribed {
            actions.append(.sendToExecutor(executorKey, .launch(info)))
        } else {
            executors[executorKey]?.queuedTasks.append(info)
        }
        return actions
    }

    /// Task groups need Mesos's default executor, which this agent does not have: every task of
    /// the group fails at once (instead of staying in STAGING).
    mutating func rejectTaskGroup<R: RandomNumberGenerator>(
        framework: FrameworkInfo, executor: ExecutorInfo, tasks group: [TaskInfo], now: Double, random: inout R
    ) -> [AgentAction] {
        guard let frameworkID = framework.id else { return [] }
        var actions: [AgentAction] = []
        for info in group.prefix(1000) {
            let key = TaskKey(frameworkID: frameworkID, taskID: info.taskID)
            guard tasks[key] == nil else { continue }
            tasks[key] = AgentTask(frameworkInfo: framework, task: info, frameworkID: frameworkID,
                                   containerID: ContainerID(value: Self.uuidString(Self.randomUUID(&random))),
                                   executorID: executor.executorID, kind: .process, sandbox: "", launchedAt: now)
            actions += transition(key, to: .failed, reason: .containerLaunchFailed,
                                  message: "task groups (LAUNCH_GROUP) are not supported by this agent yet; launch the tasks one by one",
                                  now: now, random: &random)
        }
        return actions
    }

    mutating func killExecutorTask<R: RandomNumberGenerator>(
        _ key: TaskKey, executor executorKey: ExecutorKey, policy: KillPolicy?, now: Double, random: inout R
    ) -> [AgentAction] {
        guard var task = tasks[key], !task.state.isTerminal, let executor = executors[executorKey] else { return [] }
        task.killRequested = true
        tasks[key] = task
        if let index = executor.queuedTasks.firstIndex(where: { $0.taskID == key.taskID }) {
            executors[executorKey]?.queuedTasks.remove(at: index)
            return transition(key, to: .killed, reason: .taskKilledDuringLaunch,
                              message: "Task killed before its executor subscribed", now: now, random: &random)
        }
        guard executor.isSubscribed else { return [.checkpoint(task)] }
        return [.checkpoint(task), .sendToExecutor(executorKey, .kill(taskID: key.taskID, killPolicy: policy ?? task.task.killPolicy))]
    }

    mutating func shutdownExecutor<R: RandomNumberGenerator>(
        _ key: ExecutorKey, now: Double, random: inout R
    ) -> [AgentAction] {
        guard var executor = executors[key], !executor.isShuttingDown else { return [] }
        executor.isShuttingDown = true
        executors[key] = executor
        var actions: [AgentAction] = []
        for taskKey in tasksOf(key) {
            guard var task = tasks[taskKey], !task.state.isTerminal else { continue }
            task.killRequested = true
            tasks[taskKey] = task
            actions.append(.checkpoint(task))
        }
        if executor.isSubscribed { actions.append(.sendToExecutor(key, .shutdown)) }
        let grace = executor.info.shutdownGracePeriod?.seconds ?? Self.defaultExecutorShutdownGracePeriod
        actions.append(.killExecutor(executor, gracePeriod: grace))
        return actions
    }

    func tasksOf(_ key: ExecutorKey) -> [TaskKey] {
        tasks.values.filter { $0.frameworkID == key.frameworkID && $0.task.executor?.executorID == key.executorID }
            .map(\.key).sorted(by: Self.order)
    }

    mutating func executorTimeouts<R: RandomNumberGenerator>(now: Double, random: inout R) -> [AgentAction] {
        var actions: [AgentAction] = []
        let timeout = configuration.executorRegistrationTimeout
        for key in executors.keys.sorted(by: { $0.description < $1.description }) {
            guard var executor = executors[key], !executor.hasSubscribed, !executor.isShuttingDown,
                  now - executor.launchedAt > timeout
            else { continue }
            executor.isShuttingDown = true
            executor.queuedTasks = []
            executors[key] = executor
            for taskKey in tasksOf(key) where tasks[taskKey]?.state.isTerminal == false {
                actions += transition(taskKey, to: .failed, reason: .executorRegistrationTimeout,
                                      message: "Executor \(key.executorID.value) did not subscribe within \(timeout) seconds",
                                      now: now, random: &random)
            }
            actions.append(.killExecutor(executor, gracePeriod: 0))
        }
        return actions
    }

    mutating func handleExecutorEvent<R: RandomNumberGenerator>(
        _ event: AgentEvent, now: Double, random: inout R
    ) -> [AgentAction] {
        switch event {
        case .executorStarted(let key, let pid):
            executors[key]?.pid = pid
            let checkpoint: [AgentAction] = executors[key].map { [.checkpointExecutor($0)] } ?? []
            return checkpoint + tasksOf(key).compactMap { taskKey in
                guard var task = tasks[taskKey] else { return nil }
                task.pid = pid
                tasks[taskKey] = task
                return .checkpoint(task)
            }
        case .executorLaunchFailed(let key, let message):
            let removed: [AgentAction] = executors[key].map { [.removeExecutor($0)] } ?? []
            executors[key] = nil
            return removed + tasksOf(key).filter { tasks[$0]?.state.isTerminal == false }.flatMap {
                transition($0, to: .failed, reason: .containerLaunchFailed, message: message, now: now, random: &random)
            }
        case .executorExited(let key, let termination):
            var actions: [AgentAction] = executors[key].map { [.removeExecutor($0)] } ?? []
            executors[key] = nil
            for taskKey in tasksOf(key) {
                guard let task = tasks[taskKey], !task.state.isTerminal else { continue }
                if task.killRequested {
                    actions += transition(taskKey, to: .killed, reason: nil, message: "Executor terminated",
                                          now: now, random: &random)
                } else {
                    actions += transition(taskKey, to: .failed, reason: .executorTerminated,
                                          message: "Executor \(key.executorID.value) terminated: \(Self.describe(termination))",
                                          now: now, random: &random)
                }
            }
            actions.append(.reportExecutorExited(key, status: Self.waitStatus(termination)))
            return actions
        case .executorSubscribed(let key):
            guard var executor = executors[key], !executor.isShuttingDown else { return [] }
            executor.isSubscribed = true
            executor.hasSubscribed = true
            let queued = executor.queuedTasks
            executor.queuedTasks = []
            executors[key] = executor
            return [.checkpointExecutor(executor), .acceptExecutor(executor)] + queued.map { .sendToExecutor(key, .launch($0)) }
        case .executorDisconnected(let key):
            executors[key]?.isSubscribed = false
            return []
        case .executorUpdate(let key, let update):
            let taskKey = TaskKey(frameworkID: key.frameworkID, taskID: update.taskID)
            guard executors[key] != nil, let task = tasks[taskKey], task.task.executor?.executorID == key.executorID else {
                return []
            }
            let uuid = update.uuid ?? Self.randomUUID(&random)
            let acknowledged: AgentAction = .sendToExecutor(key, .acknowledged(taskID: update.taskID, uuid: uuid))
            if task.state.isTerminal || task.updates.pending.contains(where: { $0.uuid == uuid }) {
                return [acknowledged]  // a resend, or news about a finished task: acknowledge and drop
            }
            var status = update
            status.uuid = uuid
            status.source = .executor
            status.agentID = configuration.agentID
            status.executorID = key.executorID
            status.timestamp = status.timestamp ?? now
            if status.containerStatus == nil { status.containerStatus = ContainerStatus(containerID: task.containerID) }
            return appendUpdate(status, key: taskKey, now: now) + [acknowledged]
        case .executorMessage(let key, let data):
            guard executors[key] != nil else { return [] }
            return [.forwardMessage(key, data: data)]
        case .frameworkMessage(let key, let data):
            guard executors[key]?.isSubscribed == true else { return [] }
            return [.sendToExecutor(key, .message(data: data))]
        case .shutdownExecutor(let key):
            return shutdownExecutor(key, now: now, random: &random)
        default:
            return []
        }
    }

    static func describe(_ termination: ContainerTermination) -> String {
        switch termination {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "terminated with signal \(signal)"
        case .outOfMemory: "OOM-killed"
        case .unknown(let message): message
        }
    }

    /// The exit as a `wait(2)` status, as Mesos reports it in `EXECUTOR_EXITED`.
    static func waitStatus(_ termination: ContainerTermination) -> Int32? {
        switch termination {
        case .exited(let code): (code & 0xFF) << 8
        case .signaled(let signal): signal & 0x7F
        case .outOfMemory: 9
        case .unknown: nil
        }
    }
}
