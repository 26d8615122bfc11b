import Foundation
import Subprocess
import SystemPackage

/// The docker command-line client, run with argv (never through a shell).
public struct DockerCLI: Sendable {
    /// The most output collected from one command.
    public static let outputLimit = 1 << 20

    /// The CLI: a path or a name looked up in `PATH`.
    public var path: String

    /// Creates a client for the CLI at `path`.
    public init(path: String = "docker") {
        self.path = path
    }

    /// Runs `docker <arguments>` and collects its output; stops it after `timeout` seconds.
    public func run(_ arguments: [String], timeout: Double = 60) async throws -> CommandOutput {
        let executable = ExecutableLookup.executable(for: path)
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        let configuration = Configuration(executable: executable, arguments: Arguments(arguments),
                                          environment: .inherit, platformOptions: options)
        let label = arguments.prefix(2).joined(separator: " ")
        return try await withThrowingTaskGroup(of: CommandOutput?.self) { group in
            group.addTask {
                let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
                do {
                    result = try await Subprocess.run(
                        configuration, input: .none,
                        output: .string(limit: Self.outputLimit), error: .string(limit: Self.outputLimit))
                } catch let error as SubprocessError {
                    throw DockerCLIError.notStarted(path: path, reason: "\(error)")
                }
                let code: Int32 = switch result.terminationStatus {
                case .exited(let code): code
                case .signaled(let signal): 128 + signal
                }
                return CommandOutput(exitCode: code, standardOutput: result.standardOutput,
                                     standardError: result.standardError)
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let output = first else {
                throw DockerCLIError.timedOut(command: label, seconds: timeout)
            }
            return output
        }
    }
}
