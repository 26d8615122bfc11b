import ArgumentParser

/// `swift-mesos cat TASK [FILE]`: a sandbox file (default `stdout`) through the agent's files API.
struct CatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Print a file of a task's sandbox (stdout, stderr, or any other).")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The task id, or a unique prefix of it.") var task: String
    @Argument(help: "The file in the task's sandbox.") var file = "stdout"

    func validate() throws {
        try TaskArgument.validateFileName(file)
    }

    func run() async throws {
        try await connection.connect().using { connection throws(OperatorCLIError) in
            let state = try await connection.clusterState()
            let entry = try TaskArgument.find(task, in: state)
            let sandboxFile = try await SandboxFile.locate(file, of: entry, in: state, connection: connection)
            try await sandboxFile.copy(from: 0, connection: connection) { Console.out($0) }
        }
    }
}
