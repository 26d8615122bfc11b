import ArgumentParser
import Foundation

/// `swift-mesos agents`: the agents table.
struct AgentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents", abstract: "List the agents with their tasks and resources (used/total).")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let state = try await connection.connect().using { connection throws(OperatorCLIError) in try await connection.clusterState() }
        Console.out(AgentTable.table(state, now: Date().timeIntervalSince1970).render())
    }
}
