import Foundation
import Logging
import MesosAgent
import MesosAgentCore
import MesosModel
import MesosResources

/// A runtime over a fresh work dir with a unique agent id, connected to an ``UpdateRecorder``.
struct AgentHarness {
    static let image = "swift-mesos-test/busybox:latest"

    let workDirectory: String
    let agentID: AgentID
    let runtime: AgentRuntime
    let recorder: UpdateRecorder
    let docker = DockerCLI()
    let containerizer: DockerContainerizer
    let timer: Task<Void, Never>

    static func start(workDirectory: String? = nil, agentID: AgentID? = nil, pullTimeout: Double = 20,
                      allowPrivileged: Bool = false, logMaximumSize: Int64 = 10 << 20,
                      recover: AgentRuntime.RecoveryMode? = nil,
                      executorRegistrationTimeout: Double = 60) async throws -> AgentHarness {
        let directory = workDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("agent-test-\(UUID().uuidString)").path
        let id = agentID ?? AgentID("test-\(UUID().uuidString.prefix(8).lowercased())-S0")
        let store = try CheckpointStore(workDirectory: directory)
        try store.saveAgentID(id)
        var logger = Logger(label: "agent-test")
        logger.logLevel = .warning
        let docker = DockerContainerizer(docker: DockerCLI(), pullTimeout: pullTimeout, stopTimeout: 2, logger: logger)
        let runtime = AgentRuntime(
            configuration: AgentConfiguration(workDirectory: directory, allowPrivileged: allowPrivileged,
                                              defaultKillGracePeriod: 2,
                                              executorRegistrationTimeout: executorRegistrationTimeout),
            store: store, docker: docker, processes: ProcessContainerizer(logger: logger),
            sandboxLogMaximumSize: logMaximumSize, logger: logger)
        let recorder = UpdateRecorder()
        recorder.onAcknowledge { [weak runtime] status in
            guard let runtime, let uuid = status.uuid else { return }
            let frameworkID = await runtime.tasks.first { $0.task.taskID == status.taskID }?.frameworkID
                ?? FrameworkID("framework-1")
            await runtime.handle(.acknowledge(frameworkID: frameworkID, taskID: status.taskID, uuid: uuid))
        }
        await runtime.attach(recorder)
        if let recover { _ = await runtime.recover(mode: recover) }
        await runtime.handle(.masterConnected)
        let timer = Task { await runtime.runTimer(interval: .milliseconds(200)) }
        return AgentHarness(workDirectory: directory, agentID: id, runtime: runtime, recorder: recorder,
                            containerizer: docker, timer: timer)
    }

    static func framework(killing: Bool = true) -> FrameworkInfo {
        FrameworkInfo(user: "root", name: "test", id: FrameworkID("framework-1"),
                      capabilities: killing ? [.init(type: .taskKillingState)] : [])
    }

    func task(_ id: String, command: CommandInfo, container: ContainerInfo? = nil,
              resources: String = "cpus:0.1;mem:64", killPolicy: KillPolicy? = nil) throws -> TaskInfo {
        TaskInfo(name: id, taskID: TaskID(id), agentID: agentID,
                 resources: Array(try Resources.parse(resources)), command: command, container: container,
                 killPolicy: killPolicy)
    }

    func run(_ task: TaskInfo, framework: FrameworkInfo = AgentHarness.framework()) async {
        await runtime.handle(.runTask(framework: framework, task: task))
    }

    func kill(_ taskID: String, grace: Double? = nil) async {
        await runtime.handle(.killTask(frameworkID: FrameworkID("framework-1"), taskID: TaskID(taskID),
                                       killPolicy: grace.map { KillPolicy(gracePeriod: DurationInfo(seconds: $0)) }))
    }

    func sandbox(of taskID: String) async -> String? {
        let all = await runtime.tasks + runtime.completedTasks
        return all.last { $0.task.taskID.value == taskID }?.sandbox
    }

    func containerName(of taskID: String) async -> String? {
        let all = await runtime.tasks + runtime.completedTasks
        guard let task = all.last(where: { $0.task.taskID.value == taskID }) else { return nil }
        return DockerRunPlan.containerName(agentID: agentID, containerID: task.containerID)
    }

    /// Stops the timer and the exit watcher, removes every container labelled with this agent's id and the work dir.
    func cleanUp(keepWorkDirectory: Bool = false) async {
        timer.cancel()
        await containerizer.shutdown()
        if let listed = try? await docker.run(
            ["ps", "-aq", "--filter", "label=\(DockerRunPlan.Label.agentID)=\(agentID.value)"], timeout: 30) {
            let ids = listed.standardOutput.split(whereSeparator: \.isNewline).map(String.init)
            if !ids.isEmpty { _ = try? await docker.run(["rm", "-f"] + ids, timeout: 60) }
        }
        for task in await runtime.tasks where task.kind == .process {
            if let pid = task.pid { Glibc.kill(-pid_t(pid), SIGKILL) }
        }
        if !keepWorkDirectory { try? FileManager.default.removeItem(atPath: workDirectory) }
    }
}

func readFile(_ path: String) -> String {
    (FileManager.default.contents(atPath: path)).flatMap { String(data: $0, encoding: .utf8) } ?? ""
}

/// Runs `body` with a fresh agent harness and always cleans it up (containers, processes, work dir).
func withAgent(pullTimeout: Double = 20, allowPrivileged: Bool = false, logMaximumSize: Int64 = 10 << 20,
               executorRegistrationTimeout: Double = 60, _ body: (AgentHarness) async throws -> Void) async throws {
    let agent = try await AgentHarness.start(pullTimeout: pullTimeout, allowPrivileged: allowPrivileged,
                                             logMaximumSize: logMaximumSize,
                                             executorRegistrationTimeout: executorRegistrationTimeout)
    do {
        try await body(agent)
    } catch {
        await agent.cleanUp()
        throw error
    }
    await agent.cleanUp()
}
