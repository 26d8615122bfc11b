import Foundation
import Logging
import Subprocess
import Synchronization
import SystemPackage

/// A process started by a test and always stopped by it: its stdout and stderr go to a log file,
/// it runs in a process group of its own (so stopping it stops its children too), and it can be
/// signalled (SIGSTOP/SIGCONT/SIGKILL) to simulate faults.
public final class ChildProcess: Sendable {
    /// What to call the process in logs and errors.
    public let name: String
    /// The process id (also its process group id).
    public let pid: pid_t
    /// Where its stdout and stderr go.
    public let logFile: URL

    private let runner: Task<TerminationStatus, any Error>
    private let exitStatus: ExitStatus

    private final class ExitStatus: Sendable {
        let value = Mutex<TerminationStatus?>(nil)
    }

    /// Starts `executable` with `arguments` and `environment` added to the inherited one.
    public static func launch(
        name: String,
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        logFile: URL
    ) async throws -> ChildProcess {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let out = try FileDescriptor.open(FilePath(logFile.path), .writeOnly, options: [.append])
        let err = try out.duplicate()

        var options = PlatformOptions()
        options.processGroupID = 0  // a group of its own: signals reach its children too
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(5))]
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }

        let (pidStream, pidContinuation) = AsyncStream<pid_t>.makeStream()
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: .inherit.updating(updates),
            workingDirectory: workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
        let exitStatus = ExitStatus()
        let runner = Task<TerminationStatus, any Error> {
            do {
                let result = try await Subprocess.run(
                    configuration,
                    input: .none,
                    output: .fileDescriptor(out, closeAfterSpawningProcess: true),
                    error: .fileDescriptor(err, closeAfterSpawningProcess: true)
                ) { execution in
                    pidContinuation.yield(execution.processIdentifier.value)
                    pidContinuation.finish()
                }
                exitStatus.value.withLock { $0 = result.terminationStatus }
                return result.terminationStatus
            } catch {
                pidContinuation.finish()
                throw error
            }
        }
        var pid: pid_t?
        for await value in pidStream { pid = value }
        guard let pid else {
            _ = try await runner.value  // rethrows the launch error
            throw ChildProcessError(name: name, message: "\(executable) did not start")
        }
        return ChildProcess(name: name, pid: pid, logFile: logFile, runner: runner, exitStatus: exitStatus)
    }

    private init(name: String, pid: pid_t, logFile: URL, runner: Task<TerminationStatus, any Error>,
                 exitStatus: ExitStatus) {
        self.name = name
        self.pid = pid
        self.logFile = logFile
        self.runner = runner
        self.exitStatus = exitStatus
    }

    /// How the process ended, or nil while it runs.
    public var terminationStatus: TerminationStatus? { exitStatus.value.withLock { $0 } }

    /// Whether the process is still running: not reaped yet, and neither gone from /proc nor a
    /// zombie (so an exit is seen at once, even before the process monitor has reaped it).
    public var isRunning: Bool {
        guard terminationStatus == nil else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// Sends `signal` to the process group.
    public func signal(_ signal: Int32) {
        if isRunning { kill(-pid, signal) }
    }

    /// Freezes the process (SIGSTOP), as a hung machine would be.
    public func freeze() { signal(SIGSTOP) }

    /// Resumes a frozen process (SIGCONT).
    public func resume() { signal(SIGCONT) }

    /// Waits for the process to end by itself.
    @discardableResult
    public func waitForExit() async throws -> TerminationStatus {
        try await runner.value
    }

    /// Stops the process: SIGTERM, then SIGKILL after `grace`. Returns how it ended.
    @discardableResult
    public func stop(grace: Duration = .seconds(5)) async -> TerminationStatus? {
        let deadline = ContinuousClock.now + grace
        if isRunning {
            signal(SIGCONT)  // a frozen process cannot handle SIGTERM
            signal(SIGTERM)
            while isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if isRunning { signal(SIGKILL) }
        }
        let status = try? await runner.value
        // The rest of the group got the signal too, but may still be exiting: wait for it (within
        // the grace period, at least a second), then kill what is left.
        let groupDeadline = max(deadline, ContinuousClock.now + .seconds(1))
        while !Self.livingMembers(ofGroup: pid).isEmpty, ContinuousClock.now < groupDeadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if !Self.livingMembers(ofGroup: pid).isEmpty {
            kill(-pid, SIGKILL)
            for _ in 0..<50 where !Self.livingMembers(ofGroup: pid).isEmpty {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        return status
    }

    /// The pids of the processes of process group `group` that are alive (not zombies).
    public static func livingMembers(ofGroup group: pid_t) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int32(entry) != nil,
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return false }
            // Fields after "(comm)": state ppid pgrp ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && fields[2] == "\(group)"
        }
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    @discardableResult
    public func kill9() async -> TerminationStatus? {
        signal(SIGKILL)
        return try? await runner.value
    }

    /// The last `lines` lines of the process's log.
    public func logTail(lines: Int = 80) -> String {
        guard let data = FileManager.default.contents(atPath: logFile.path),
              let text = String(data: data, encoding: .utf8)
        else { return "(no log at \(logFile.path))" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

/// A child process that could not be started or did not become ready.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let name: String
    public let message: String
    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }
    public var description: String { "\(name): \(message)" }
}
