import ArgumentParser

/// Finds the task a `TASK` argument names (an id or a unique prefix) in the master's state.
enum TaskArgument {
    static var lookup: IdentifierLookup<TaskEntry> {
        IdentifierLookup(noun: "task", hint: "swift-mesos ps --all lists the tasks") { $0.task.id }
    }

    /// The task `query` names: among live tasks first, then among all.
    static func find(_ query: String, in state: ClusterState) throws(OperatorCLIError) -> TaskEntry {
        let all = state.tasks
        let live = all.filter { !$0.task.isTerminal }
        if let task = try? lookup.find(query, in: live) { return task }
        return try lookup.find(query, in: all)
    }

    static func validateFileName(_ file: String) throws {
        guard !file.isEmpty, !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
            throw ValidationError("<file> must be a path inside the sandbox, such as stdout or stderr")
        }
    }
}
