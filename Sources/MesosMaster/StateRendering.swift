import MesosMasterCore

/// The master's read endpoints rendered from a state outside a running master, as the endpoints
/// render them on the master's actor: for `swift-mesos-bench scale-core`, which times them in
/// process (repeatable, without the noise of sockets and of a load generator on the same cores).
public enum StateRendering {
    /// The body of `/master/state-summary`.
    public static func stateSummary(_ state: MasterState, options: MasterOptions) -> [UInt8] {
        StateJSON(state: state, options: options, leader: nil).summary
    }

    /// The body of `/master/tasks?limit=&offset=`.
    public static func tasksPage(_ state: MasterState, limit: Int, offset: Int) -> [UInt8] {
        let page = TaskPage(limit: limit, offset: offset, descending: false, frameworkID: nil, taskID: nil).tasks(in: state)
        return OperatorJSON.object(["tasks": .array(page.map { .object(StateJSON.task($0)) })]).bytes
    }
}
