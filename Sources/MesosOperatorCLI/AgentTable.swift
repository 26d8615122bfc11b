/// The `swift-mesos agents` table: ID, ADDRESS, ACTIVE, TASKS, CPUS and MEM (used/total), AGE.
public enum AgentTable {
    /// The table of `state`'s agents at `now` (seconds since the epoch).
    public static func table(_ state: ClusterState, now: Double) -> TextTable {
        let live = state.tasks.filter { !$0.task.isTerminal }
        return TextTable(
            columns: [.init("ID"), .init("ADDRESS"), .init("ACTIVE"), .init("TASKS", .right), .init("CPUS", .right),
                      .init("MEM", .right), .init("AGE", .right)],
            rows: state.agents.sorted { $0.id < $1.id }.map { agent in
                [
                    agent.id, agent.address, agent.active ? "yes" : "no",
                    "\(live.filter { $0.task.agentID == agent.id }.count)",
                    "\(CellText.quantity(agent.usedResources.cpus))/\(CellText.quantity(agent.resources.cpus))",
                    "\(CellText.quantity(agent.usedResources.mem))/\(CellText.quantity(agent.resources.mem))",
                    CellText.elapsed(agent.registeredTime.map { now - $0 }),
                ]
            })
    }
}
