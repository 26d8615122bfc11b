import Foundation
import MesosTestKit
import Subprocess
import SystemPackage

/// The built `swift-mesos` executable run as a child process, as an operator runs it.
struct CLIResult: CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let standardOutput: String
    let standardError: String

    var description: String {
        "swift-mesos \(arguments.joined(separator: " ")) → exit \(status)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)"
    }
}

enum CLIProcess {
    static var executable: String { Daemon.binaryDirectory.appendingPathComponent("swift-mesos").path }

    /// Runs `swift-mesos arguments` with `environment` added to the inherited one; `HOME` is an
    /// empty temporary directory and `MESOS_MASTER` is unset unless `environment` sets them.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60)) async throws -> CLIResult {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cli-home-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        var updates: [Environment.Key: String?] = ["HOME": home.path, "MESOS_MASTER": nil]
        for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
        let configuration = Configuration(
            executable: .path(FilePath(executable)), arguments: Arguments(arguments),
            environment: .inherit.updating(updates))
        return try await withThrowingTaskGroup(of: CLIResult?.self) { group in
            group.addTask {
                let result = try await Subprocess.run(configuration, input: .none, output: .string(limit: 4 << 20), error: .string(limit: 1 << 20))
                let status: Int32 = switch result.terminationStatus {
                case .exited(let code): code
                case .signaled(let signal): 128 + signal
                }
                return CLIResult(arguments: arguments, status: status, standardOutput: result.standardOutput,
                                 standardError: result.standardError)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw CLITestError("swift-mesos \(arguments.joined(separator: " ")) did not end within \(timeout)")
            }
            return result
        }
    }

    /// Runs the command until `condition` holds for its result, failing after `limit`.
    static func poll(
        _ arguments: [String], environment: [String: String] = [:], within limit: Duration = .seconds(60),
        until condition: (CLIResult) -> Bool
    ) async throws -> CLIResult {
        let deadline = ContinuousClock.now + limit
        var last: CLIResult?
        while ContinuousClock.now < deadline {
            let result = try await run(arguments, environment: environment)
            if condition(result) { return result }
            last = result
            try await Task.sleep(for: .milliseconds(300))
        }
        throw CLITestError("the condition did not hold within \(limit); last: \(last.map { "\($0)" } ?? "none")")
    }
}

struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
