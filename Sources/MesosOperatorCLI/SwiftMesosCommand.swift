import ArgumentParser
import Foundation

/// `swift-mesos`: the operator CLI. Its subcommands show the cluster (`ps`, `agents`,
/// `frameworks`, `state`), read task sandboxes (`cat`, `tail`) and tear frameworks down.
public struct SwiftMesosCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "swift-mesos",
        abstract: "Operate a swift-mesos (or Mesos) cluster: tasks, sandboxes, agents, frameworks.",
        discussion: """
            The master comes from --master, else $MESOS_MASTER, else {"master": "host:port"} in \
            ~/.swift-mesos.json, else 127.0.0.1:5050. Exit codes: 0 ok, 1 error, 2 usage.
            """,
        subcommands: [
            PsCommand.self, CatCommand.self, TailCommand.self, StateCommand.self, AgentsCommand.self,
            FrameworksCommand.self, TeardownCommand.self,
        ])

    public init() {}

    /// Exit code for a failure (unknown task, unreachable master, ...).
    public static let errorExitCode: Int32 = 1
    /// Exit code for bad usage (unknown option, missing argument, invalid value).
    public static let usageExitCode: Int32 = 2

    /// Parses `arguments` (without the program name), runs the command, reports errors on
    /// standard error as one line, and returns the exit code: 0 ok, 1 error, 2 usage.
    public static func run(arguments: [String]) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return report(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
            return 0
        } catch let error as OperatorCLIError {
            Console.error("swift-mesos: \(error)")
            return errorExitCode
        } catch {
            return report(error)
        }
    }

    private static func report(_ error: any Error) -> Int32 {
        let code = exitCode(for: error)
        if code == .success {
            Console.out(fullMessage(for: error) + "\n")
            return 0
        }
        if error is ExitCode { return code.rawValue }
        let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        // ArgumentParser's full message ends with "See 'swift-mesos tail --help' for more information."
        let hint = fullMessage(for: error).split(separator: "\n")
            .first { $0.contains("See '") }
            .flatMap { line in line.split(separator: "'").dropFirst().first.map { "see '\($0)'" } } ?? "see 'swift-mesos --help'"
        Console.error("swift-mesos: \(message) (\(hint))")
        return usageExitCode
    }
}
