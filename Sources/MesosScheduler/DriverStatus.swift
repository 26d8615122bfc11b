/// The state of a ``SchedulerDriver`` (Mesos's `Status`), returned by every driver method.
public enum DriverStatus: Hashable, Sendable {
    /// ``SchedulerDriver/start()`` was not called yet.
    case notStarted
    /// Running: calls are accepted.
    case running
    /// Aborted (``SchedulerDriver/abort()``, an ERROR from the master, or a permanent failure).
    case aborted
    /// Stopped with ``SchedulerDriver/stop(failover:)``.
    case stopped
}
