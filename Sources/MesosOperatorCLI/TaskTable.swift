/// The `swift-mesos ps` table: one row per task (ID, NAME, FRAMEWORK, STATE, AGENT, CPUS, MEM, AGE).
public enum TaskTable {
    /// The tasks `ps` shows: live ones (or all with `includeCompleted`), of the frameworks whose
    /// name or id is `framework` (or whose id starts with it) when given; by framework, then age.
    public static func selectTasks(in state: ClusterState, includeCompleted: Bool, framework: String?) -> [TaskEntry] {
        state.tasks
            .filter { includeCompleted || !$0.task.isTerminal }
            .filter { entry in
                guard let framework else { return true }
                return entry.framework.name == framework || entry.framework.id.hasPrefix(framework)
            }
            .sorted { a, b in
                (a.framework.name, a.framework.id, a.task.startTime ?? 0, a.task.id)
                    < (b.framework.name, b.framework.id, b.task.startTime ?? 0, b.task.id)
            }
    }

    /// The table of `entries` at `now` (seconds since the epoch).
    public static func table(_ entries: [TaskEntry], in state: ClusterState, now: Double) -> TextTable {
        TextTable(
            columns: [.init("ID"), .init("NAME"), .init("FRAMEWORK"), .init("STATE"), .init("AGENT"),
                      .init("CPUS", .right), .init("MEM", .right), .init("AGE", .right)],
            rows: entries.map { entry in
                let task = entry.task
                return [
                    task.id, task.name.isEmpty ? "-" : task.name, entry.framework.name.isEmpty ? entry.framework.id : entry.framework.name,
                    task.shortState, state.agent(task.agentID)?.hostname ?? task.agentID,
                    CellText.quantity(task.resources.cpus), CellText.quantity(task.resources.mem),
                    CellText.elapsed(task.startTime.map { now - $0 }),
                ]
            })
    }
}
