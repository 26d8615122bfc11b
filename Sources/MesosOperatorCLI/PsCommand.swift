import ArgumentParser
import Foundation

/// `swift-mesos ps`: the tasks table, like `mesos ps`.
struct PsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps", abstract: "List tasks: running ones, or all with --all.")

    @OptionGroup var connection: ConnectionOptions
    @Flag(name: .shortAndLong, help: "Include completed tasks.") var all = false
    @Option(name: .long, help: ArgumentHelp("Only this framework's tasks (its name, id or id prefix).", valueName: "framework"))
    var framework: String?

    func run() async throws {
        let state = try await connection.connect().using { connection throws(OperatorCLIError) in try await connection.clusterState() }
        let tasks = TaskTable.selectTasks(in: state, includeCompleted: all, framework: framework)
        Console.out(TaskTable.table(tasks, in: state, now: Date().timeIntervalSince1970).render())
    }
}
