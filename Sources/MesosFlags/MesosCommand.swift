import ArgumentParser
import Foundation  // ProcessInfo for the environment

extension ParsableCommand {
    /// Parses this command with Mesos flag semantics (see ``MesosCommandLine``).
    ///
    /// - Parameters:
    ///   - arguments: The arguments without the program name; `nil` uses the
    ///     process's command line.
    ///   - environment: The variables to read `MESOS_*` flags from; `nil` uses
    ///     the process's environment.
    public static func parseMesosFlags(
        _ arguments: [String]? = nil,
        environment: [String: String]? = nil
    ) throws -> Self {
        try MesosCommandLine<Self>().parse(
            arguments ?? Array(CommandLine.arguments.dropFirst()),
            environment: environment ?? ProcessInfo.processInfo.environment)
    }

    /// Parses the command with Mesos flag semantics and runs it; on a bad flag
    /// prints the error to standard error and exits with code 1, on `--help`
    /// prints the help and exits with 0.
    public static func mesosMain(_ arguments: [String]? = nil, environment: [String: String]? = nil) {
        let commandLine = MesosCommandLine<Self>()
        do {
            var command = try commandLine.parseAsRoot(
                arguments ?? Array(CommandLine.arguments.dropFirst()),
                environment: environment ?? ProcessInfo.processInfo.environment)
            try command.run()
        } catch {
            exitReporting(error, with: commandLine)
        }
    }

    /// Prints the message for `error` where it belongs and exits with its code.
    static func exitReporting(_ error: any Error, with commandLine: MesosCommandLine<Self>) -> Never {
        let code = commandLine.exitCode(for: error)
        let text = commandLine.message(for: error)
        if !text.isEmpty {
            if code == 0 {
                print(text)
            } else {
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
        Self.exit(withError: ExitCode(code))
    }
}

extension AsyncParsableCommand {
    /// Parses the command with Mesos flag semantics and runs it asynchronously;
    /// on a bad flag prints the error to standard error and exits with code 1,
    /// on `--help` prints the help and exits with 0.
    public static func mesosMain(_ arguments: [String]? = nil, environment: [String: String]? = nil) async {
        let commandLine = MesosCommandLine<Self>()
        do {
            var command = try commandLine.parseAsRoot(
                arguments ?? Array(CommandLine.arguments.dropFirst()),
                environment: environment ?? ProcessInfo.processInfo.environment)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitReporting(error, with: commandLine)
        }
    }
}

/// A daemon command that takes Mesos-style flags: mark it `@main` and its
/// entry point parses with ``MesosCommandLine`` (both spellings, `MESOS_*`
/// environment variables, exit code 1 on a bad flag).
///
/// ```swift
/// @main
/// struct MasterCommand: MesosCommand {
///     @Option(help: "Port to listen on.") var port = 5050
///     @Option(help: "Where to keep the registry.") var workDir: String
///     func run() async throws { ... }
/// }
/// ```
public protocol MesosCommand: AsyncParsableCommand {}

extension MesosCommand {
    /// The program's entry point: ``AsyncParsableCommand/mesosMain(_:environment:)``.
    public static func main() async {
        await mesosMain()
    }
}
