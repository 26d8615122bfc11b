import ArgumentParser
import Foundation
import MesosMaster
import MesosMasterCore
import MesosModel

/// `swift-mesos-bench scale-core`: the master's core (``MasterState``: registry of agents,
/// frameworks, tasks, offers, and the DRF allocator) with 50,000 agents and 100,000 running tasks
/// in this process, without sockets — the size this sandbox cannot reach over HTTP (one
/// connection per agent, and at most 20,000 open files per process). Measures the memory the
/// state takes and the allocation rounds over every agent.
struct ScaleCoreBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale-core",
        abstract: "The master's state machine with 50,000 agents and 100,000 tasks: memory and allocation rounds.")

    @Option(help: "Agents.") var agents = 50_000
    @Option(help: "Frameworks.") var frameworks = 10
    @Option(help: "Running tasks.") var tasks = 100_000
    @Option(help: "Allocation rounds to time (every agent offered each round).") var rounds = 10
    @Option(help: "The timed rounds' DECLINE filter, in seconds (0: every agent is offered every round).")
    var refuseSeconds = 0.0
    @Option(help: "Seconds between the timed rounds (the master's allocation interval).") var roundInterval = 2.0
    @Option(help: "Write the results as JSON to this file.") var output: String?

    func validate() throws {
        guard agents >= 1, agents <= 1_000_000 else { throw ValidationError("--agents must be between 1 and 1000000") }
        guard frameworks >= 1, frameworks <= 10_000 else { throw ValidationError("--frameworks must be between 1 and 10000") }
        guard tasks >= 0, tasks <= 10_000_000 else { throw ValidationError("--tasks must be between 0 and 10000000") }
        guard rounds >= 1, rounds <= 10_000 else { throw ValidationError("--rounds must be between 1 and 10000") }
        guard refuseSeconds >= 0, refuseSeconds <= 3600 else { throw ValidationError("--refuse-seconds must be between 0 and 3600") }
        guard roundInterval > 0, roundInterval <= 3600 else { throw ValidationError("--round-interval must be between 0 and 3600 (exclusive)") }
    }

    struct Report: Codable {
        var benchmark = "scale-core"
        var machine: MachineInfo
        var configuration: Configuration
        var results: Results
        var goals: [BenchmarkGoal]

        struct Configuration: Codable {
            var agents, frameworks, tasks, rounds: Int
            var refuseSeconds, roundInterval: Double?
        }

        struct Results: Codable {
            var buildSeconds: Double
            var peakRSSMiB: Double
            var allocationRound: Timings
            var offersPerRound: Int
            /// The DECLINE calls of every framework after a timed round, together.
            var declines: Timings?
            var tasksRunning: Int
            /// `/master/state-summary`'s body rendered in process (no sockets, no actor).
            var stateSummary: Timings?
            /// Offers outstanding while the read endpoints were rendered (one round's, not declined).
            var offersOutstanding: Int?
            var stateSummaryMiB: Double?
            /// A `/master/tasks` page of 100 tasks at a random offset, rendered in process.
            var tasksPage: Timings?
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var now = MasterTime(instant: .now, wallSeconds: Date().timeIntervalSince1970)
        // Ids as a live master has them: its id a UUID (agents', frameworks' and offers' ids begin
        // with it), subscription streams named by UUIDs. Ids of up to 15 bytes are stored inline in
        // a `String`; these are not, and reading them costs what it costs a live master.
        let masterID = UUID().uuidString.lowercased()
        var configuration = MasterConfiguration(masterInfo: MasterInfo(id: masterID, ip: 16_777_343, port: 5050, hostname: "bench"))
        configuration.offerTimeout = nil
        var master = MasterState(configuration: configuration, registry: nil, now: now)
        var agentStreams: [AgentID: StreamID] = [:]
        for index in 0..<agents {
            let stream = StreamID(UUID().uuidString.lowercased())
            _ = master.agentSubscribe(.init(agentInfo: AgentInfo(
                hostname: "sim-\(index)", resources: [.scalar(name: "cpus", value: 64), .scalar(name: "mem", value: 65536)])),
                streamID: stream, now: now)
        }
        for (id, agent) in master.agents { agentStreams[id] = agent.streamID }
        var frameworkStreams: [FrameworkID: StreamID] = [:]
        for index in 0..<frameworks {
            let stream = StreamID(UUID().uuidString.lowercased())
            _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "bench", name: "f\(index)")), streamID: stream, now: now)
        }
        for (id, framework) in master.frameworks { frameworkStreams[id] = framework.streamID }

        // Launch the tasks from the offers of successive rounds, spread over the agents.
        let perOffer = max(1, (tasks + agents - 1) / agents)
        var launched = 0
        var running = 0
        while launched < tasks {
            now = MasterTime(instant: now.instant.advanced(by: .seconds(2)), wallSeconds: now.wallSeconds + 2)
            let offers = offersByFramework(master.allocate(now: now))
            guard !offers.isEmpty else { throw ValidationError("no offers while launching: the cluster is too small for --tasks") }
            for (frameworkID, list) in offers {
                guard let stream = frameworkStreams[frameworkID] else { continue }
                for offer in list {
                    let count = min(perOffer, tasks - launched)
                    guard count > 0 else {
                        _ = master.handle(.decline(frameworkID: frameworkID, offerIDs: [offer.id], filters: Filters(refuseSeconds: 0)), streamID: stream, now: now)
                        continue
                    }
                    let infos = (0..<count).map { n in
                        TaskInfo(name: "t", taskID: TaskID("scale-\(launched + n)"), agentID: offer.agentID,
                                 resources: [.scalar(name: "cpus", value: 0.01), .scalar(name: "mem", value: 1)],
                                 command: CommandInfo(value: "sleep 3600"))
                    }
                    launched += count
                    _ = master.handle(.accept(frameworkID: frameworkID, offerIDs: [offer.id], operations: [.launch(infos)],
                                              filters: Filters(refuseSeconds: 0)), streamID: stream, now: now)
                    for info in infos {
                        guard let agentStream = agentStreams[offer.agentID] else { continue }
                        let status = TaskStatus(taskID: info.taskID, state: .running, source: .executor, agentID: offer.agentID,
                                                timestamp: now.wallSeconds, uuid: Data(repeating: 1, count: 16))
                        if case .success = master.handleAgentCall(.update(agentID: offer.agentID, frameworkID: frameworkID, status: status),
                                                                  streamID: agentStream, now: now) {
                            running += 1
                        }
                    }
                }
            }
        }
        let buildSeconds = (clock.now - start).milliseconds / 1000
        print(String(format: "scale-core: %d agents, %d frameworks, %d tasks running, built in %.1f s", agents, frameworks, running, buildSeconds))

        // Rounds over every agent: frameworks decline everything (with no filter by default).
        var samples: [Double] = []
        var declineSamples: [Double] = []
        var offersPerRound = 0
        for _ in 0..<rounds {
            now = MasterTime(instant: now.instant.advanced(by: .seconds(roundInterval)), wallSeconds: now.wallSeconds + roundInterval)
            let (actions, ms) = measure { master.allocate(now: now) }
            samples.append(ms)
            let offers = offersByFramework(actions)
            offersPerRound = max(offersPerRound, offers.values.reduce(0) { $0 + $1.count })
            let calls = offers.compactMap { frameworkID, list in
                frameworkStreams[frameworkID].map { stream in
                    (stream, Scheduler.Call.decline(frameworkID: frameworkID, offerIDs: list.map(\.id), filters: Filters(refuseSeconds: refuseSeconds)))
                }
            }
            declineSamples.append(measure {
                for (stream, call) in calls { _ = master.handle(call, streamID: stream, now: now) }
            }.ms)
        }
        // The read endpoints, rendered as the master's actor renders them (the summary's slices
        // together), with a round's offers outstanding: on a live master the frameworks hold a
        // round's offers for a while before they decline them. One more round, not declined.
        now = MasterTime(instant: now.instant.advanced(by: .seconds(roundInterval)), wallSeconds: now.wallSeconds + roundInterval)
        _ = master.allocate(now: now)
        let outstanding = master.offers.count
        let options = MasterOptions(hostname: "bench", core: configuration)
        var summaries: [Double] = []
        var summaryBytes = 0
        for _ in 0..<5 {
            let (body, ms) = measure { StateRendering.stateSummary(master, options: options) }
            summaries.append(ms)
            summaryBytes = body.count
        }
        var pages: [Double] = []
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let offset = Int.random(in: 0..<max(1, running), using: &random)
            pages.append(measure { StateRendering.tasksPage(master, limit: 100, offset: offset) }.1)
        }
        let results = Report.Results(
            buildSeconds: buildSeconds, peakRSSMiB: peakResidentMiB() ?? 0, allocationRound: Timings(samples),
            offersPerRound: offersPerRound, declines: Timings(declineSamples), tasksRunning: running, stateSummary: Timings(summaries),
            offersOutstanding: outstanding, stateSummaryMiB: Double(summaryBytes) / 1_048_576, tasksPage: Timings(pages))
        let goals: [BenchmarkGoal] = [
            .atMost("master state peak RSS (\(agents) agents, \(running) tasks)", value: results.peakRSSMiB, limit: 2048, unit: "MiB"),
            .atMost("allocation round (median, every agent offered)", value: results.allocationRound.medianMs, limit: 250, unit: "ms"),
            .atMost("state-summary rendered (median)", value: Timings(summaries).medianMs, limit: 1000, unit: "ms"),
            .atMost("tasks page rendered (median)", value: Timings(pages).medianMs, limit: 50, unit: "ms"),
        ]
        let report = Report(
            machine: .current(), configuration: .init(
                agents: agents, frameworks: frameworks, tasks: tasks, rounds: rounds, refuseSeconds: refuseSeconds,
                roundInterval: roundInterval),
            results: results, goals: goals)
        print("""

        Master core at scale: \(agents) agents, \(frameworks) frameworks, \(running) running tasks (in process, no sockets)
          peak RSS                      \(String(format: "%.0f", results.peakRSSMiB)) MiB
          allocation round              median \(String(format: "%.1f", results.allocationRound.medianMs)) ms   max \(String(format: "%.1f", results.allocationRound.maxMs)) ms   (\(offersPerRound) offers per round)
          declining a round's offers    median \(String(format: "%.1f", Timings(declineSamples).medianMs)) ms   max \(String(format: "%.1f", Timings(declineSamples).maxMs)) ms
          state-summary rendered        median \(String(format: "%.1f", Timings(summaries).medianMs)) ms   max \(String(format: "%.1f", Timings(summaries).maxMs)) ms   (\(String(format: "%.1f", Double(summaryBytes) / 1_048_576)) MiB, \(outstanding) offers outstanding)
          tasks page rendered           median \(String(format: "%.2f", Timings(pages).medianMs)) ms   max \(String(format: "%.2f", Timings(pages).maxMs)) ms
        """ + "\n" + goals.map(\.line).joined(separator: "\n"))
        if let output { try writeJSON(report, to: output) }
    }

    /// The offers in a round's actions, by framework.
    private func offersByFramework(_ actions: [MasterAction]) -> [FrameworkID: [Offer]] {
        var result: [FrameworkID: [Offer]] = [:]
        for action in actions {
            guard case .sendToFramework(_, let event) = action, let offers = event.offers?.offers else { continue }
            for offer in offers { result[offer.frameworkID, default: []].append(offer) }
        }
        return result
    }
}
