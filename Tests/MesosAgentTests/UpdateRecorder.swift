import Foundation
import MesosAgent
import MesosModel
import Synchronization

/// A fake master channel: records every update and, like a framework would, acknowledges it.
final class UpdateRecorder: MasterChannel, Sendable {
    private let updates = Mutex<[TaskStatus]>([])
    private let acknowledger = Mutex<(@Sendable (TaskStatus) async -> Void)?>(nil)
    private let acknowledging = Mutex(true)
    private let unacknowledgedTasks = Mutex<Set<String>>([])
    private let observer = Mutex<(@Sendable (TaskStatus) async -> Void)?>(nil)

    /// What to call with each update as it arrives, before it is recorded or acknowledged (to see
    /// the agent's state at the moment it sends an update).
    func onUpdate(_ body: @escaping @Sendable (TaskStatus) async -> Void) {
        observer.withLock { $0 = body }
    }

    /// What to call to acknowledge an update.
    func onAcknowledge(_ body: @escaping @Sendable (TaskStatus) async -> Void) {
        acknowledger.withLock { $0 = body }
    }

    /// Never acknowledges the updates of `taskID`.
    func neverAcknowledge(_ taskID: String) { _ = unacknowledgedTasks.withLock { $0.insert(taskID) } }

    /// Stops (or resumes) acknowledging.
    func setAcknowledging(_ value: Bool) { acknowledging.withLock { $0 = value } }

    func send(update: TaskStatus, frameworkID: FrameworkID, latestState: TaskState) async {
        if let observe = observer.withLock({ $0 }) { await observe(update) }
        updates.withLock { $0.append(update) }
        guard acknowledging.withLock({ $0 }), update.uuid != nil,
              !unacknowledgedTasks.withLock({ $0.contains(update.taskID.value) }),
              let body = acknowledger.withLock({ $0 }) else { return }
        await body(update)
    }

    /// Every update recorded so far.
    var all: [TaskStatus] { updates.withLock { $0 } }

    /// The distinct states of a task's updates, in order (resends collapsed by uuid).
    func states(of taskID: String) -> [TaskState] {
        var seen = Set<Data>()
        var result: [TaskState] = []
        for update in all where update.taskID.value == taskID {
            if let uuid = update.uuid {
                guard seen.insert(uuid).inserted else { continue }
            }
            result.append(update.state)
        }
        return result
    }

    /// The newest update of a task.
    func latest(of taskID: String) -> TaskStatus? { all.last { $0.taskID.value == taskID } }

    /// Waits until the task has an update in `state`; returns it or nil after `timeout` seconds.
    func wait(for taskID: String, state: TaskState, timeout: Double = 60) async -> TaskStatus? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = all.last(where: { $0.taskID.value == taskID && $0.state == state }) { return found }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Waits until the task has a terminal update; returns it or nil after `timeout` seconds.
    func waitForTerminal(_ taskID: String, timeout: Double = 60) async -> TaskStatus? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = all.last(where: { $0.taskID.value == taskID && $0.state.isTerminal }) { return found }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
