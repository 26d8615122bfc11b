import ArgumentParser
import Foundation

/// `swift-mesos frameworks`: the frameworks table.
struct FrameworksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks", abstract: "List the frameworks; --all adds completed (torn down) ones.")

    @OptionGroup var connection: ConnectionOptions
    @Flag(name: .shortAndLong, help: "Include completed frameworks.") var all = false

    func run() async throws {
        let state = try await connection.connect().using { connection throws(OperatorCLIError) in try await connection.clusterState() }
        Console.out(FrameworkTable.table(state, includeCompleted: all, now: Date().timeIntervalSince1970).render())
    }
}
