import Foundation
import Subprocess
import SystemPackage

/// A process started in a session of its own with its output appended to files, so that it
/// outlives the agent; the agent waits for it while it lives.
enum DetachedProcess {
    /// Starts `executable` and returns its pid and a task that ends with its termination.
    static func start(
        executable: String, arguments: [String], environment: Subprocess.Environment,
        workingDirectory: String?, standardOutput: String, standardError: String
    ) async throws -> (pid: pid_t, termination: Task<TerminationStatus, any Error>) {
        let out = try FileDescriptor.open(
            FilePath(standardOutput), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        let err: FileDescriptor
        do {
            err = try FileDescriptor.open(
                FilePath(standardError), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        } catch {
            try? out.close()
            throw error
        }
        var options = PlatformOptions()
        options.createSession = true  // its own session and process group: killing the agent's group spares it
        let configuration = Configuration(
            executable: executable.contains("/") ? .path(FilePath(executable)) : .name(executable),
            arguments: Arguments(arguments),
            environment: environment,
            workingDirectory: workingDirectory.map { FilePath($0) },
            platformOptions: options)
        let (pids, continuation) = AsyncStream<pid_t>.makeStream()
        let termination = Task<TerminationStatus, any Error> {
            do {
                let result = try await Subprocess.run(
                    configuration, input: .none,
                    output: .fileDescriptor(out, closeAfterSpawningProcess: true),
                    error: .fileDescriptor(err, closeAfterSpawningProcess: true)
                ) { execution in
                    continuation.yield(execution.processIdentifier.value)
                    continuation.finish()
                }
                return result.terminationStatus
            } catch {
                continuation.finish()
                throw error
            }
        }
        var pid: pid_t?
        for await value in pids { pid = value }
        guard let pid else {
            _ = try await termination.value
            throw ProcessLaunchError(executable: executable, reason: "it did not start")
        }
        return (pid, termination)
    }
}
