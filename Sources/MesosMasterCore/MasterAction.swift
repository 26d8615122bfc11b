import MesosModel

/// Identifies one subscription stream (a framework's or an agent's); the shell
/// creates it (a fresh UUID string, sent as `Mesos-Stream-Id`).
public typealias StreamID = String

/// What the core asks the shell to do after an input.
public enum MasterAction: Sendable, Hashable {
    /// Send an event on a framework's subscription stream.
    case sendToFramework(StreamID, Scheduler.Event)
    /// Close a framework's subscription stream (after the events already sent).
    case closeFrameworkStream(StreamID)
    /// Send an event on an agent's subscription stream.
    case sendToAgent(StreamID, AgentProtocol.Event)
    /// Close an agent's subscription stream (after the events already sent).
    case closeAgentStream(StreamID)
    /// The registry (``MasterState/registry``) changed and must be persisted. The
    /// shell may coalesce several changes into one write.
    case registryChanged
    /// Something operator subscribers (`SUBSCRIBE` on `/api/v1`) are told about;
    /// produced only while ``MasterState/operatorEventsEnabled`` is on.
    case operatorEvent(OperatorEvent)
}

/// The events of the v1 operator event stream.
public enum OperatorEvent: Sendable, Hashable {
    /// A task was launched.
    case taskAdded(MesosTask)
    /// A task's state changed: the framework, the update and the task's latest state.
    case taskUpdated(FrameworkID, TaskStatus, TaskState)
    /// An agent was admitted.
    case agentAdded(AgentID)
    /// An agent was removed (unreachable or gone).
    case agentRemoved(AgentID)
    /// A framework subscribed for the first time.
    case frameworkAdded(FrameworkID)
    /// A framework re-subscribed, changed or disconnected.
    case frameworkUpdated(FrameworkID)
    /// A framework was removed.
    case frameworkRemoved(FrameworkInfo)
}
