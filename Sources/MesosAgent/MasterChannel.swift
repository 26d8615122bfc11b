import Foundation
import MesosModel

/// Where the agent sends its status updates: the master connection, or a recorder in tests.
public protocol MasterChannel: Sendable {
    /// Sends one status update (`UPDATE` with `latest_state`). Failures are retried by the
    /// agent's update streams, so implementations may drop an update they cannot send.
    func send(update: TaskStatus, frameworkID: FrameworkID, latestState: TaskState) async

    /// Forwards an executor's message to its framework (`MESSAGE`).
    func send(message data: Data, frameworkID: FrameworkID, executorID: ExecutorID) async

    /// Tells the master a custom executor ended (`EXECUTOR_EXITED`).
    func send(executorExited executorID: ExecutorID, frameworkID: FrameworkID, status: Int32?) async
}

extension MasterChannel {
    /// Drops the message (for channels that do not carry executor traffic).
    public func send(message data: Data, frameworkID: FrameworkID, executorID: ExecutorID) async {}

    /// Drops the notice (for channels that do not carry executor traffic).
    public func send(executorExited executorID: ExecutorID, frameworkID: FrameworkID, status: Int32?) async {}
}
