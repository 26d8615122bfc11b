import Foundation
import MesosAgentCore
import MesosModel
import MesosResources
import Testing

final class AgentStateExecutorTests {
    var state = AgentState(configuration: AgentConfiguration(
        agentID: AgentID("agent-S1"), workDirectory: "/w", agentEndpoint: "10.0.0.2:5051", executorRegistrationTimeout: 10))
    var random = TestRandom()
    var now = 1000.0
    let framework = FrameworkInfo(user: "root", name: "f", id: FrameworkID("fw"))
    let executorKey = ExecutorKey(frameworkID: FrameworkID("fw"), executorID: ExecutorID("ex"))

    func handle(_ event: AgentEvent, after seconds: Double = 1) -> [AgentAction] {
        now += seconds
        return state.handle(event, now: now, random: &random)
    }

    func task(_ id: String) -> TaskInfo {
        TaskInfo(name: id, taskID: TaskID(id), agentID: AgentID("agent-S1"),
                 executor: ExecutorInfo(executorID: ExecutorID("ex"), command: .shell("./my-executor")))
    }

    @Test func tasksWaitForTheExecutorToSubscribeAndItsUpdatesAreCheckpointedThenAcknowledged() {
        _ = handle(.masterConnected)
        let launch = handle(.runTask(framework: framework, task: task("t1")))
        guard case .launchExecutor(let executor, let plan) = launch.first(where: { if case .launchExecutor = $0 { true } else { false } }) else {
            Issue.record("expected the executor to be launched: \(launch)")
            return
        }
        #expect(plan.environment["MESOS_EXECUTOR_ID"] == "ex")
        #expect(plan.environment["MESOS_AGENT_ENDPOINT"] == "10.0.0.2:5051")
        #expect(plan.workingDirectory == executor.sandbox)
        // A second task reuses the executor.
        let second = handle(.runTask(framework: framework, task: task("t2")))
        #expect(!second.contains { if case .launchExecutor = $0 { true } else { false } })
        let subscribed = handle(.executorSubscribed(executorKey))
        #expect(subscribed.count == 4)
        guard case .checkpointExecutor(let checkpointed) = subscribed.first else {
            Issue.record("the subscription must be checkpointed first: \(subscribed)")
            return
        }
        #expect(checkpointed.hasSubscribed)
        let launched = subscribed.compactMap { action -> String? in
            if case .sendToExecutor(_, let event) = action { event.launch?.task.taskID.value } else { nil }
        }
        #expect(launched == ["t1", "t2"])
        let uuid = Data(repeating: 7, count: 16)
        let update = handle(.executorUpdate(executorKey, TaskStatus(taskID: TaskID("t1"), state: .running, uuid: uuid)))
        guard update.count == 3, case .checkpoint = update[0], case .sendUpdate(let status, _, _) = update[1],
              case .sendToExecutor(_, let acknowledged) = update[2] else {
            Issue.record("expected checkpoint, update, ACKNOWLEDGED: \(update)")
            return
        }
        #expect(status.uuid == uuid && status.source == .executor && status.executorID?.value == "ex")
        #expect(acknowledged.type == .acknowledged && acknowledged.acknowledged?.uuid == uuid)
        // A resend is only acknowledged again.
        let resend = handle(.executorUpdate(executorKey, TaskStatus(taskID: TaskID("t1"), state: .running, uuid: uuid)))
        #expect(resend.count == 1)
        // The executor dies: its unfinished tasks fail and the master is told.
        let exited = handle(.executorExited(executorKey, .exited(code: 1)))
        let failed = exited.compactMap { if case .checkpoint(let task) = $0 { task } else { nil } }
        #expect(failed.map(\.state) == [.failed, .failed])
        #expect(exited.contains { if case .reportExecutorExited(_, let status) = $0 { status == 256 } else { false } })
        #expect(state.executors.isEmpty)
    }

    @Test func anExecutorThatDoesNotSubscribeInTimeIsKilledAndItsTasksFail() {
        _ = handle(.masterConnected)
        _ = handle(.runTask(framework: framework, task: task("t1")))
        #expect(handle(.tick, after: 5).allSatisfy { if case .killExecutor = $0 { false } else { true } })
        let timedOut = handle(.tick, after: 6)
        #expect(timedOut.contains { if case .killExecutor = $0 { true } else { false } })
        #expect(state.tasks[TaskKey(frameworkID: FrameworkID("fw"), taskID: TaskID("t1"))]?.state == .failed)
        let update = timedOut.compactMap { if case .sendUpdate(let status, _, _) = $0 { status } else { nil } }.first
        #expect(update?.reason == .executorRegistrationTimeout)
    }

    @Test func killingATaskOfASubscribedExecutorAsksTheExecutor() {
        _ = handle(.runTask(framework: framework, task: task("t1")))
        _ = handle(.executorSubscribed(executorKey))
        let kill = handle(.killTask(frameworkID: FrameworkID("fw"), taskID: TaskID("t1"), killPolicy: nil))
        #expect(kill.contains { if case .sendToExecutor(_, let event) = $0 { event.type == .kill } else { false } })
    }

    @Test func taskGroupsFailAtOnce() {
        _ = handle(.masterConnected)
        let actions = handle(.runTaskGroup(framework: framework, executor: ExecutorInfo(executorID: ExecutorID("ex")),
                                           tasks: [task("g1"), task("g2")]))
        let updates = actions.compactMap { if case .sendUpdate(let status, _, _) = $0 { status } else { nil } }
        #expect(updates.map(\.state) == [.failed, .failed])
    }
}
