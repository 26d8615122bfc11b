import ArgumentParser
import Foundation

/// Runs the allocator scenarios for one size in this process and prints the result as
/// JSON; the `allocator` command runs it in a fresh process per size so that each
/// peak RSS is that scenario's own.
struct AllocatorScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocator-scenario",
        abstract: "Run one allocator scenario in-process and print JSON (used by `allocator`).",
        shouldDisplay: false
    )

    @Option(help: "Cluster size as AGENTSxFRAMEWORKS.")
    var size: ClusterSize

    @Option(help: "Implementation: swift-mesos or reference.")
    var implementation = "swift-mesos"

    @Option(help: "Full allocation rounds to time.")
    var fullRounds = 5

    @Option(help: "DeclineOffers rounds to time.")
    var declineRounds = 10

    @Option(help: "Seed of the agent shuffle.")
    var seed: UInt64 = 1

    func run() throws {
        let scenario = AllocatorScenario(
            cluster: BenchmarkCluster(agents: size.agents, frameworks: size.frameworks),
            fullRounds: fullRounds, declineRounds: declineRounds, seed: seed)
        let result = implementation == "reference" ? try scenario.runReference() : try scenario.runOptimized()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}
