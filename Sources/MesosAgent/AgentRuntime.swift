import Foundation
import Logging
import MesosAgentCore
import MesosModel

/// The agent's imperative shell around ``AgentState``: feeds it events (from the master, the
/// containerizers and a timer) and carries out its actions (checkpoints, containers, updates).
public actor AgentRuntime {
    /// How to treat what an earlier run of the agent left behind.
    public enum RecoveryMode: String, Sendable, CaseIterable {
        /// Re-adopt running containers and processes, report what ended meanwhile.
        case reconnect
        /// Stop every container and process of ours, forget the checkpoints and the agent id.
        case cleanup
    }

    /// What recovery found.
    public struct RecoveryReport: Sendable, Hashable {
        /// Tasks whose container still runs and was adopted.
        public var adopted: [TaskKey] = []
        /// Tasks whose container ended while the agent was down.
        public var ended: [TaskKey] = []
        /// Names of containers labelled as ours but unknown to the checkpoints, now stopped.
        public var orphans: [String] = []
        /// Checkpoint files that could not be read.
        public var problems: [String] = []
    }

    private var state: AgentState
    private let store: CheckpointStore
    private let docker: DockerContainerizer?
    private let processes: ProcessContainerizer
    private let logger: Logger
    private let sandboxLogMaximumSize: Int64
    private var channel: (any MasterChannel)?
    private var random = SystemRandomNumberGenerator()
    private var agentInfo: AgentInfo?
    private var executorStreams: [ExecutorKey: (id: UUID, continuation: AsyncStream<Executor.Event>.Continuation)] = [:]
    private var lastRotation = 0.0

    /// Creates the runtime. `docker` is nil when the docker containerizer is disabled.
    public init(configuration: AgentConfiguration, store: CheckpointStore, docker: DockerContainerizer?,
                processes: ProcessContainerizer, sandboxLogMaximumSize: Int64, logger: Logger) {
        var configuration = configuration
        configuration.agentID = configuration.agentID ?? store.agentID()
        self.state = AgentState(configuration: configuration)
        self.store = store
        self.docker = docker
        self.processes = processes
        self.sandboxLogMaximumSize = sandboxLogMaximumSize
        self.logger = logger
    }

    /// Connects the runtime to where updates go; `agentInfo` is what executors are told about the agent.
    public func attach(_ channel: any MasterChannel, agentInfo: AgentInfo? = nil) {
        self.channel = channel
        self.agentInfo = agentInfo
    }

    /// The custom executors.
    public var executors: [AgentExecutor] { Array(state.executors.values) }

    /// Whether the agent runs the executor `key`.
    public func knowsExecutor(_ key: ExecutorKey) -> Bool { state.executors[key] != nil }

    /// Opens a custom executor's subscription: the events to stream to it, or nil when the agent
    /// did not start that executor. A new subscription replaces an older one.
    public func subscribeExecutor(_ key: ExecutorKey) async -> AsyncStream<Executor.Event>? {
        guard let executor = state.executors[key], !executor.isShuttingDown else { return nil }
        let (events, continuation) = AsyncStream<Executor.Event>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let id = UUID()
        executorStreams[key]?.continuation.finish()
        executorStreams[key] = (id, continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.executorStreamEnded(key, id: id) }
        }
        await handle(.executorSubscribed(key))
        return events
    }

    private func executorStreamEnded(_ key: ExecutorKey, id: UUID) async {
        guard executorStreams[key]?.id == id else { return }
        executorStreams[key] = nil
        await handle(.executorDisconnected(key))
    }

    /// The agent's id, if it has one.
    public var agentID: AgentID? { state.configuration.agentID }

    /// The current tasks.
    public var tasks: [AgentTask] { state.tasks.values.sorted { $0.launchedAt < $1.launchedAt } }

    /// Recently completed tasks.
    public var completedTasks: [AgentTask] { state.completedTasks }

    /// The frameworks with tasks here.
    public var frameworks: [FrameworkInfo] { Array(state.frameworks.values) }

    /// The agent's configuration.
    public var configuration: AgentConfiguration { state.configuration }

    /// Records the id the master assigned (kept in the work dir for ever), or forgets it.
    public func setAgentID(_ id: AgentID?) throws {
        try store.saveAgentID(id)
        state.configuration.agentID = id
    }

    /// Applies an event and carries out the resulting actions.
    public func handle(_ event: AgentEvent) async {
        let actions = state.handle(event, now: Date().timeIntervalSince1970, random: &random)
        for action in actions { await perform(action) }
    }

    /// Once per `interval`: retries due updates and rotates sandbox logs. Runs until cancelled.
    public func runTimer(interval: Duration = .milliseconds(500)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            await handle(.tick)
            let now = Date().timeIntervalSince1970
            if now - lastRotation >= 2 {
                lastRotation = now
                for task in state.tasks.values where !task.state.isTerminal {
                    SandboxLogRotation.rotate(sandbox: task.sandbox, maximumSize: sandboxLogMaximumSize)
                }
            }
        }
    }

    /// Loads the checkpoints and reconciles them with what runs (see ``RecoveryMode``).
    public func recover(mode: RecoveryMode) async -> RecoveryReport {
        let loaded = store.loadTasks()
        var report = RecoveryReport(problems: loaded.problems)
        let agentID = state.configuration.agentID
        var listed: [DockerContainerizer.ListedContainer] = []
        if let docker, let agentID {
            do {
                listed = try await docker.containers(agentID: agentID)
            } catch {
                logger.warning("could not list docker containers for recovery: \(error)")
            }
        }
        if mode == .cleanup {
            for container in listed {
                await docker?.removeOrphan(name: container.name)
                report.orphans.append(container.name)
            }
            for task in loaded.tasks where task.kind == .process {
                if let pid = task.pid, ProcessContainerizer.isOurs(pid_t(pid), sandbox: task.sandbox) {
                    kill(-pid_t(pid), SIGKILL)
                }
            }
            store.removeAllTasks()
            try? setAgentID(nil)
            return report
        }

        let loadedExecutors = store.loadExecutors()
        report.problems += loadedExecutors.problems
        var liveExecutors: [AgentExecutor] = []
        for executor in loadedExecutors.executors {
            if let pid = executor.pid, ProcessContainerizer.isOurs(pid_t(pid), sandbox: executor.sandbox) {
                liveExecutors.append(executor)
            } else {
                store.remove(executor)
            }
        }
        state = AgentState(configuration: state.configuration, recovered: loaded.tasks, executors: liveExecutors)
        let sink = eventSink
        for executor in liveExecutors {
            if let pid = executor.pid { await processes.adoptExecutor(executor, pid: pid_t(pid), sink: sink) }
        }
        let adoptedExecutors = Set(liveExecutors.map(\.key))
        let known = Set(loaded.tasks.map(\.containerID.value))
        for container in listed where !known.contains(container.containerID) {
            await docker?.removeOrphan(name: container.name)
            report.orphans.append(container.name)
        }
        for task in loaded.tasks where !task.state.isTerminal {
            if let executor = task.task.executor,
               adoptedExecutors.contains(ExecutorKey(frameworkID: task.frameworkID, executorID: executor.executorID)) {
                report.adopted.append(task.key)  // its executor was re-adopted and answers for it
                continue
            }
            switch task.kind {
            case .docker:
                let name = agentID.map { DockerRunPlan.containerName(agentID: $0, containerID: task.containerID) } ?? ""
                if let docker, let container = listed.first(where: { $0.name == name }) {
                    if container.isRunning {
                        report.adopted.append(task.key)
                        await handle(.containerRunning(task.key, pid: nil))
                    } else {
                        report.ended.append(task.key)
                    }
                    // Running or not: adopting checks the state once, an exited container is reported at once.
                    await docker.adopt(task, name: container.name, sink: sink)
                } else {
                    report.ended.append(task.key)
                    await handle(.containerExited(task.key, .unknown(
                        message: "The container of task \(task.task.taskID.value) was gone when the agent restarted")))
                }
            case .process:
                if let pid = task.pid, ProcessContainerizer.isOurs(pid_t(pid), sandbox: task.sandbox) {
                    await processes.adopt(task, pid: pid_t(pid), sink: sink)
                    report.adopted.append(task.key)
                } else {
                    report.ended.append(task.key)
                    await handle(.containerExited(task.key, .unknown(
                        message: "The process of task \(task.task.taskID.value) ended while the agent was down")))
                }
            }
        }
        return report
    }

    private nonisolated var eventSink: ContainerEventSink {
        { [weak self] event in await self?.handle(event) }
    }

    private func perform(_ action: AgentAction) async {
        switch action {
        case .checkpoint(let task):
            do {
                try store.save(task)
            } catch {
                logger.error("\(error)")
            }
        case .launch(let task, let plan):
            do {
                try FileManager.default.createDirectory(atPath: task.sandbox, withIntermediateDirectories: true)
            } catch {
                await handle(.containerLaunchFailed(task.key, .launchFailed("could not create the sandbox \(task.sandbox): \(error)")))
                return
            }
            let sink = eventSink
            switch plan {
            case .docker(let dockerPlan):
                guard let docker else {
                    await handle(.containerLaunchFailed(task.key, .launchFailed("the docker containerizer is not enabled")))
                    return
                }
                Task { await docker.launch(task, plan: dockerPlan, sink: sink) }
            case .process(let processPlan):
                let processes = self.processes
                Task { await processes.launch(task, plan: processPlan, sink: sink) }
            }
        case .kill(let task, let gracePeriod):
            switch task.kind {
            case .docker:
                guard let docker, let agentID = state.configuration.agentID else { return }
                Task { await docker.kill(task, agentID: agentID, gracePeriod: gracePeriod) }
            case .process:
                await processes.kill(task, gracePeriod: gracePeriod)
            }
        case .remove(let task):
            store.remove(task)
            if task.kind == .docker, let docker, let agentID = state.configuration.agentID {
                Task { await docker.remove(task, agentID: agentID) }
            }
        case .checkpointExecutor(let executor):
            do {
                try store.save(executor)
            } catch {
                logger.error("\(error)")
            }
        case .removeExecutor(let executor):
            store.remove(executor)
        case .launchExecutor(let executor, let plan):
            do {
                try FileManager.default.createDirectory(atPath: executor.sandbox, withIntermediateDirectories: true)
            } catch {
                await handle(.executorLaunchFailed(executor.key, message: "could not create the sandbox \(executor.sandbox): \(error)"))
                return
            }
            let sink = eventSink
            let processes = self.processes
            Task { await processes.launchExecutor(executor, plan: plan, sink: sink) }
        case .killExecutor(let executor, let gracePeriod):
            await processes.killExecutor(executor, gracePeriod: gracePeriod)
        case .acceptExecutor(let executor):
            let info = agentInfo ?? AgentInfo(hostname: ProcessInfo.processInfo.hostName)
            var agent = info
            agent.id = state.configuration.agentID
            var framework = executor.frameworkInfo
            framework.id = executor.key.frameworkID
            var executorInfo = executor.info
            executorInfo.frameworkID = executor.key.frameworkID
            executorStreams[executor.key]?.continuation.yield(.subscribed(
                executorInfo: executorInfo, frameworkInfo: framework, agentInfo: agent, containerID: executor.containerID))
        case .sendToExecutor(let key, let event):
            executorStreams[key]?.continuation.yield(event)
            if event.type == .shutdown { executorStreams[key]?.continuation.finish() }
        case .forwardMessage(let key, let data):
            guard let channel else { return }
            Task { await channel.send(message: data, frameworkID: key.frameworkID, executorID: key.executorID) }
        case .reportExecutorExited(let key, let status):
            executorStreams[key]?.continuation.finish()
            guard let channel else { return }
            Task { await channel.send(executorExited: key.executorID, frameworkID: key.frameworkID, status: status) }
        case .sendUpdate(let status, let frameworkID, let latestState):
            guard let channel else { return }
            Task { await channel.send(update: status, frameworkID: frameworkID, latestState: latestState) }
        }
    }
}
