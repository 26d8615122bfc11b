/// The `swift-mesos frameworks` table: ID, NAME, ROLE, STATUS, TASKS, CPUS, MEM, AGE.
public enum FrameworkTable {
    /// The table of `state`'s registered frameworks (and completed ones with `includeCompleted`)
    /// at `now` (seconds since the epoch).
    public static func table(_ state: ClusterState, includeCompleted: Bool, now: Double) -> TextTable {
        let registered = state.frameworks.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { ($0, $0.active ? "active" : "inactive") }
        let completed = includeCompleted ? state.completedFrameworks.map { ($0, "completed") } : []
        return TextTable(
            columns: [.init("ID"), .init("NAME"), .init("ROLE"), .init("STATUS"), .init("TASKS", .right),
                      .init("CPUS", .right), .init("MEM", .right), .init("AGE", .right)],
            rows: (registered + completed).map { framework, status in
                [
                    framework.id, framework.name.isEmpty ? "-" : framework.name, framework.role, status,
                    "\(framework.tasks.filter { !$0.isTerminal }.count)",
                    CellText.quantity(framework.usedResources.cpus), CellText.quantity(framework.usedResources.mem),
                    CellText.elapsed(framework.registeredTime.map { now - $0 }),
                ]
            })
    }
}
