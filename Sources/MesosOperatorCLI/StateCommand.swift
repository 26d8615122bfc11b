import ArgumentParser
import Foundation

/// `swift-mesos state`: the master's `/master/state`, pretty-printed.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Print the leading master's /master/state as indented JSON.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let body = try await connection.connect().using { connection throws(OperatorCLIError) in try await connection.get("/master/state") }
        guard let pretty = PrettyJSON.render(data: body) else {
            throw OperatorCLIError("the master's /master/state is not JSON")
        }
        Console.out(pretty + "\n")
    }
}
