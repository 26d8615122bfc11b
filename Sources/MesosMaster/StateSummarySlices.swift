import MesosModel

/// `/master/state-summary` written in slices on the master's actor: the frameworks (and each
/// agent's counts of their tasks) in one job, then the agents, `agentsPerSlice` to a job. No slice
/// holds the actor for long (at 50,000 agents and 100,000 tasks a slice of 5,000 agents takes tens
/// of milliseconds, as a large DECLINE does; the whole summary over half a second), and nothing
/// copies the state: a copy taken out of the actor shares its tables, and the actor's next change
/// to each of them then copies the whole table (copy-on-write), so a summary of a copy cost the
/// actor about as much again, and memory.
///
/// Each slice waits for the actor's job under way (reads go ahead of queued calls), so fewer and
/// larger slices answer sooner on a busy master. The slices are read a few milliseconds apart, not at one instant: an agent that registers
/// meanwhile may be left out, one removed meanwhile is skipped, and a task's counts are those of
/// the moment its framework was read.
struct StateSummarySlices {
    let endpoints: OperatorEndpoints
    var agentsPerSlice = 5000

    func write() async -> [UInt8] {
        let options = endpoints.options
        let leader = endpoints.leader
        let (frameworks, agentIDs) = await endpoints.read { state in
            (StateJSON(state: state, options: options, leader: leader).summaryFrameworks(), Array(state.agents.keys))
        }
        let sorted = agentIDs.sorted()
        var slices: [[UInt8]] = []
        for start in stride(from: 0, to: sorted.count, by: agentsPerSlice) {
            let ids = Array(sorted[start..<min(start + agentsPerSlice, sorted.count)])
            slices.append(await endpoints.read { state in
                StateJSON(state: state, options: options, leader: leader).summaryAgents(ids)
            })
        }
        var json = JSONWriter(capacity: slices.reduce(frameworks.count + 256) { $0 + $1.count })
        StateJSON.writeSummary(
            hostname: options.hostname, cluster: options.cluster, frameworks: frameworks, agents: slices, into: &json)
        return json.bytes
    }
}
