import ArgumentParser
import Foundation

/// `swift-mesos teardown FRAMEWORK`: removes a framework and kills its tasks (`POST /master/teardown`).
struct TeardownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teardown", abstract: "Tear a framework down: the master kills its tasks and forgets it.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The framework id, or a unique prefix of it.") var framework: String

    static var lookup: IdentifierLookup<FrameworkView> {
        IdentifierLookup(noun: "framework", hint: "swift-mesos frameworks lists them") { $0.id }
    }

    func run() async throws {
        let torn = try await connection.connect().using { connection throws(OperatorCLIError) in
            let state = try await connection.clusterState()
            let target = try Self.lookup.find(framework, in: state.frameworks)
            let body = "frameworkId=" + (target.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? target.id)
            _ = try await connection.send(
                .post, "/master/teardown", body: Array(body.utf8),
                headers: ["Content-Type": "application/x-www-form-urlencoded"])
            return target
        }
        Console.out("Tore down framework \(torn.id)\(torn.name.isEmpty ? "" : " (\(torn.name))")\n")
    }
}
