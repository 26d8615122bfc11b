import MesosModel

/// `/master/state-summary` written in slices on the master's actor, and sent as they are written:
/// the frameworks (and each agent's counts of their tasks) in one job, then the agents,
/// `agentsPerSlice` to a job. Nothing copies the state: a copy taken out of the actor shares its
/// tables, and the actor's next change to each of them then copies the whole table
/// (copy-on-write), so a summary of a copy cost the actor about as much again, and memory.
///
/// The agents' ids are sorted while the actor writes the frameworks, and then the agents' slices
/// are queued on the actor all at once, at the priority of reads (ahead of queued calls): the
/// actor runs them one after the other, so calls queued meanwhile wait for the summary as they
/// wait for an allocation round, and the summary does not wait for them. Queued one by one, each
/// slice let every call queued meanwhile go first; at 50,000 agents that was an allocation round
/// and a round's DECLINEs per summary, more than the summary's own time. Other reads (a
/// `/master/tasks` page) still pass between slices: no job holds the actor for long (at 50,000
/// agents and 100,000 tasks a slice of 5,000 agents takes tens of milliseconds).
///
/// Each part is handed on as soon as it is written (``write(_:)``), so the response is on its way
/// while later slices are written, and no copy of the whole body is made (at 50,000 agents it is
/// about 40 MiB).
///
/// The slices are read a few milliseconds apart, not at one instant: an agent that registers
/// meanwhile may be left out, one removed meanwhile is skipped, and a task's counts are those of
/// the moment its framework was read.
struct StateSummarySlices: Sendable {
    let endpoints: OperatorEndpoints
    var agentsPerSlice = 5000

    /// Hands the summary's bytes to `emit` in order, part by part. If `emit` throws (the client is
    /// gone), the slices not yet written are cancelled and the error is rethrown.
    func write(_ emit: ([UInt8]) async throws -> Void) async throws {
        let options = endpoints.options
        let leader = endpoints.leader
        let runtime = endpoints.runtime
        let agentIDs = await endpoints.read { state in Array(state.agents.keys) }
        let frameworks = Task(priority: .high) {
            await runtime.read { state in StateJSON(state: state, options: options, leader: leader).summaryFrameworks() }
        }
        let sorted = agentIDs.sorted()
        let slices = stride(from: 0, to: sorted.count, by: agentsPerSlice).map { start in
            let ids = Array(sorted[start..<min(start + agentsPerSlice, sorted.count)])
            return Task(priority: .high) {
                await runtime.read { state in StateJSON(state: state, options: options, leader: leader).summaryAgents(ids) }
            }
        }
        do {
            var json = JSONWriter(capacity: 256)
            StateJSON.writeSummaryStart(
                hostname: options.hostname, cluster: options.cluster, frameworks: await frameworks.value, into: &json)
            try await emit(json.bytes)
            // Slices are comma-separated objects; an empty one (its agents all gone) adds nothing.
            var separate = false
            for slice in slices {
                let bytes = await slice.value
                guard !bytes.isEmpty else { continue }
                if separate { try await emit(Array(",".utf8)) }
                try await emit(bytes)
                separate = true
            }
            try await emit(Array(StateJSON.summaryEnd.utf8))
        } catch {
            for slice in slices { slice.cancel() }
            throw error
        }
    }

    /// The whole body.
    func write() async -> [UInt8] {
        var body: [UInt8] = []
        try? await write { body.append(contentsOf: $0) }
        return body
    }
}
