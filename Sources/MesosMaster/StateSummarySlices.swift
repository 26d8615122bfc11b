import MesosModel

/// `/master/state-summary` written in slices on the master's actor: each framework in a job of its
/// own, then the agents, `agentsPerSlice` to a job. No slice holds the actor for long (at 50,000
/// agents a slice of 2,000 takes milliseconds, the whole summary about half a second), and nothing
/// copies the state: a copy taken out of the actor shares its tables, and the actor's next change
/// to each of them then copies the whole table (copy-on-write), so a summary of a copy cost the
/// actor about as much again, and memory.
///
/// The slices are read a few milliseconds apart, not at one instant: an agent that registers
/// meanwhile may be left out, one removed meanwhile is skipped, and a task's counts are those of
/// the moment its framework was read.
struct StateSummarySlices {
    let endpoints: OperatorEndpoints
    var agentsPerSlice = 2000

    func write() async -> [UInt8] {
        let options = endpoints.options
        let leader = endpoints.leader
        let (frameworkIDs, agentIDs) = await endpoints.read { state in
            (Array(state.frameworks.keys), Array(state.agents.keys))
        }
        var frameworks: [UInt8] = []
        var agentCounts: [AgentID: [Int]] = [:]
        for id in frameworkIDs.sorted() {
            let part = await endpoints.read { state in
                StateJSON(state: state, options: options, leader: leader).summaryFrameworks(CollectionOfOne(id))
            }
            guard !part.elements.isEmpty else { continue }
            if !frameworks.isEmpty { frameworks.append(UInt8(ascii: ",")) }
            frameworks.append(contentsOf: part.elements)
            agentCounts.merge(part.agentCounts) { zip($0, $1).map { $0 + $1 } }
        }
        let sorted = agentIDs.sorted()
        let counts = agentCounts
        var slices: [[UInt8]] = []
        for start in stride(from: 0, to: sorted.count, by: agentsPerSlice) {
            let ids = Array(sorted[start..<min(start + agentsPerSlice, sorted.count)])
            slices.append(await endpoints.read { state in
                StateJSON(state: state, options: options, leader: leader).summaryAgents(ids, counts: counts)
            })
        }
        var json = JSONWriter(capacity: slices.reduce(frameworks.count + 256) { $0 + $1.count })
        StateJSON.writeSummary(
            hostname: options.hostname, cluster: options.cluster, frameworks: frameworks, agents: slices, into: &json)
        return json.bytes
    }
}
