import Foundation
import MesosAgentCore
import MesosModel
import MesosResources
import Testing

final class AgentStateTests {
    static let framework = FrameworkInfo(user: "root", name: "f", id: FrameworkID("fw"),
                                         capabilities: [.init(type: .taskKillingState)])
    static let agentID = AgentID("agent-S1")

    var state = AgentState(configuration: AgentConfiguration(agentID: AgentStateTests.agentID, workDirectory: "/var/agent"))
    var random = TestRandom()
    var now = 1000.0

    func handle(_ event: AgentEvent) -> [AgentAction] {
        now += 1
        return state.handle(event, now: now, random: &random)
    }

    static func task(_ id: String, docker: Bool = false, command: CommandInfo = .shell("sleep 10")) -> TaskInfo {
        TaskInfo(name: id, taskID: TaskID(id), agentID: agentID,
                 resources: Array((try? Resources.parse("cpus:1;mem:128;ports:[31000-31010]")) ?? Resources()),
                 command: command, container: docker ? .docker("busybox") : nil)
    }

    static func key(_ id: String) -> TaskKey { TaskKey(frameworkID: FrameworkID("fw"), taskID: TaskID(id)) }

    static func updates(_ actions: [AgentAction]) -> [TaskStatus] {
        actions.compactMap { if case .sendUpdate(let status, _, _) = $0 { status } else { nil } }
    }

    @Test func runTaskCheckpointsBeforeLaunchingInTheMesosSandboxLayout() throws {
        _ = handle(.masterConnected)
        let actions = handle(.runTask(framework: Self.framework, task: Self.task("a")))
        #expect(actions.count == 2)
        guard case .checkpoint(let task) = actions.first, case .launch(let launched, .process(let plan)) = actions.last else {
            Issue.record("expected checkpoint then launch, got \(actions)")
            return
        }
        #expect(task == launched)
        #expect(task.state == .staging)
        #expect(task.sandbox == "/var/agent/slaves/agent-S1/frameworks/fw/executors/a/runs/\(task.containerID.value)")
        #expect(plan.executable == "/bin/sh")
        #expect(plan.arguments == ["-c", "sleep 10"])
        #expect(plan.workingDirectory == task.sandbox)
        #expect(plan.environment["MESOS_TASK_ID"] == "a")
        #expect(plan.environment["MESOS_SANDBOX"] == task.sandbox)
        // A duplicate RUN_TASK changes nothing.
        #expect(handle(.runTask(framework: Self.framework, task: Self.task("a"))).isEmpty)
    }

    @Test func lifecycleUpdatesAreCheckpointedSentInOrderAndRemovedWhenAcknowledged() {
        _ = handle(.masterConnected)
        _ = handle(.runTask(framework: Self.framework, task: Self.task("a")))
        let running = handle(.containerRunning(Self.key("a"), pid: 77))
        guard case .checkpoint(let checkpointed) = running.first else {
            Issue.record("the update must be checkpointed before it is sent: \(running)")
            return
        }
        #expect(checkpointed.pid == 77)
        let runningUpdate = Self.updates(running).first
        #expect(runningUpdate?.state == .running)
        #expect(runningUpdate?.uuid?.count == 16)
        #expect(runningUpdate?.agentID == Self.agentID)
        // FINISHED waits behind the unacknowledged RUNNING.
        let finished = handle(.containerExited(Self.key("a"), .exited(code: 0)))
        #expect(Self.updates(finished).isEmpty)
        #expect(state.tasks[Self.key("a")]?.state == .finished)
        let afterAck = handle(.acknowledge(frameworkID: FrameworkID("fw"), taskID: TaskID("a"), uuid: runningUpdate?.uuid ?? Data()))
        let next = Self.updates(afterAck)
        #expect(next.map(\.state) == [.finished])
        #expect(next.first?.message == "Command exited with status 0")
        guard case .sendUpdate(_, _, let latest) = afterAck.last else { return }
        #expect(latest == .finished)
        let removed = handle(.acknowledge(frameworkID: FrameworkID("fw"), taskID: TaskID("a"), uuid: next.first?.uuid ?? Data()))
        guard case .remove(let task) = removed.first else {
            Issue.record("expected remove, got \(removed)")
            return
        }
        #expect(task.task.taskID.value == "a")
        #expect(state.tasks.isEmpty)
        #expect(state.completedTasks.map(\.task.taskID.value) == ["a"])
    }

    @Test func nothingIsSentWhileDisconnectedAndEverythingPendingIsSentOnReconnect() {
        _ = handle(.runTask(framework: Self.framework, task: Self.task("a")))
        _ = handle(.runTask(framework: Self.framework, task: Self.task("b")))
        #expect(Self.updates(handle(.containerRunning(Self.key("a"), pid: 1))).isEmpty)
        #expect(Self.updates(handle(.containerRunning(Self.key("b"), pid: 2))).isEmpty)
        #expect(Self.updates(handle(.tick)).isEmpty)
        let sent = Self.updates(handle(.masterConnected))
        #expect(sent.map(\.taskID.value) == ["a", "b"])
        #expect(sent.allSatisfy { $0.state == .running })
        _ = handle(.masterDisconnected)
        #expect(Self.updates(handle(.tick)).isEmpty)
        // Reconnecting resends the same (unacknowledged) updates with the same uuids.
        let resent = Self.updates(handle(.masterConnected))
        #expect(resent.map(\.uuid) == sent.map(\.uuid))
    }

    @Test func killSendsKillingWhenTheFrameworkSupportsItThenKilledOnExit() {
        _ = handle(.masterConnected)
        _ = handle(.runTask(framework: Self.framework, task: Self.task("a")))
        let runningUUID = Self.updates(handle(.containerRunning(Self.key("a"), pid: 1))).first?.uuid ?? Data()
        _ = handle(.acknowledge(frameworkID: FrameworkID("fw"), taskID: TaskID("a"), uuid: runningUUID))
        let kill = handle(.killTask(frameworkID: FrameworkID("fw"), taskID: TaskID("a"),
                                    killPolicy: KillPolicy(gracePeriod: DurationInfo(seconds: 7))))
        #expect(Self.updates(kill).map(\.state) == [.killing])
        #expect(kill.contains { if case .kill(_, let grace) = $0 { grace == 7 } else { false } })
        // A second kill does nothing more.
        #expect(handle(.killTask(frameworkID: FrameworkID("fw"), taskID: TaskID("a"), killPolicy: nil)).isEmpty)
        _ = handle(.containerExited(Self.key("a"), .signaled(signal: 15)))
        #expect(state.tasks[Self.key("a")]?.state == .killed)
    }

    @Test func killWithoutTheKillingCapabilityGoesStraightToKilled() {
        let framework = FrameworkInfo(user: "root", name: "f", id: FrameworkID("fw"))
        _ = handle(.masterConnected)
        _ = handle(.runTask(framework: framework, task: Self.task("a")))
        _ = handle(.containerRunning(Self.key("a"), pid: 1))
        let kill = handle(.killTask(frameworkID: FrameworkID("fw"), taskID: TaskID("a"), killPolicy: nil))
        #expect(Self.updates(kill).isEmpty)
        #expect(kill.contains { if case .kill(_, let grace) = $0 { grace == 3 } else { false } })
    }

    @Test func killingAnUnknownTaskAnswersLostWithoutUUID() {
        _ = handle(.masterConnected)
        let actions = handle(.killTask(frameworkID: FrameworkID("fw"), taskID: TaskID("ghost"), killPolicy: nil))
        let update = Self.updates(actions).first
        #expect(update?.state == .lost)
        #expect(update?.source == .agent)
        #expect(update?.uuid == nil)
    }

    @Test func killDuringLaunchIsKilledDuringLaunch() {
        _ = handle(.masterConnected)
        _ = handle(.runTask(framework: Self.framework, task: Self.task("a", docker: true)))
        _ = handle(.killTask(frameworkID: FrameworkID("fw"), taskID: TaskID("a"), killPolicy: nil))
        let actions = handle(.containerLaunchFailed(Self.key("a"), .launchFailed("killed before the container started")))
        let update = Self.updates(actions).first
        #expect(update?.state == .killed)
        #expect(update?.reason == .taskKilledDuringLaunch)
    }

    @Test func invalidTasksBecomeTaskErrorWithoutLaunching() {
        _ = handle(.masterConnected)
        var task = Self.task("a", docker: true)
        task.container?.docker?.privileged = true
        let actions = handle(.runTask(framework: Self.framework, task: task))
        #expect(!actions.contains { if case .launch = $0 { true } else { false } })
        #expect(Self.updates(actions).first?.state == .error)
        #expect(Self.updates(actions).first?.reason == .taskInvalid)
        let slash = handle(.runTask(framework: Self.framework, task: Self.task("../../etc")))
        #expect(Self.updates(slash).first?.state == .error)
    }

    @Test func shutdownFrameworkKillsOnlyItsTasks() {
        let other = FrameworkInfo(user: "root", name: "g", id: FrameworkID("other"))
        _ = handle(.runTask(framework: Self.framework, task: Self.task("a")))
        _ = handle(.runTask(framework: other, task: Self.task("b")))
        let actions = handle(.shutdownFramework(FrameworkID("fw")))
        let killed = actions.compactMap { if case .kill(let task, _) = $0 { task.task.taskID.value } else { nil } }
        #expect(killed == ["a"])
    }

    @Test func aShutDownFrameworksTerminalUpdatesAreSentOnceAndItsTasksForgotten() {
        _ = handle(.masterConnected)
        _ = handle(.runTask(framework: Self.framework, task: Self.task("a")))
        _ = handle(.runTask(framework: Self.framework, task: Self.task("b")))
        _ = handle(.containerRunning(Self.key("a"), pid: 7))
        _ = handle(.containerExited(Self.key("b"), .exited(code: 0)))  // b finished, not yet acknowledged
        let shutdown = handle(.shutdownFramework(FrameworkID("fw")))
        // b waited only for an acknowledgement nobody will send now: forgotten at once.
        #expect(shutdown.contains { if case .remove(let task) = $0 { task.key == Self.key("b") } else { false } })
        #expect(state.tasks[Self.key("b")] == nil)
        // a is killed; its terminal update goes out once and the task is forgotten.
        let exited = handle(.containerExited(Self.key("a"), .signaled(signal: 15)))
        #expect(Self.updates(exited).map(\.state) == [.killed])
        #expect(exited.contains { if case .remove(let task) = $0 { task.key == Self.key("a") } else { false } })
        #expect(state.tasks.isEmpty)
        #expect(state.completedTasks.map(\.key) == [Self.key("b"), Self.key("a")])
        now += 3600
        #expect(Self.updates(handle(.tick)).isEmpty)  // nothing is retried
    }

    @Test func outcomesFollowMesosSemantics() {
        let task = AgentTask(frameworkInfo: Self.framework, task: Self.task("a", docker: true), frameworkID: FrameworkID("fw"),
                             containerID: ContainerID(value: "c"), executorID: ExecutorID("a"), kind: .docker,
                             sandbox: "/s", launchedAt: 0)
        #expect(AgentState.outcome(of: .exited(code: 0), task: task).state == .finished)
        let failed = AgentState.outcome(of: .exited(code: 2), task: task)
        #expect(failed.state == .failed && failed.message == "Container exited with status 2")
        let oom = AgentState.outcome(of: .outOfMemory(exitCode: 137), task: task)
        #expect(oom.state == .failed && oom.reason == .containerLimitationMemory)
        #expect(oom.message.contains("memory limit 128 MB"))
        var killed = task
        killed.killRequested = true
        #expect(AgentState.outcome(of: .exited(code: 137), task: killed).state == .killed)
    }
}
