import Foundation
import Logging
import MesosAgentCore
import MesosModel
import Subprocess

/// Runs tasks as host processes (the "mesos" containerizer): each in a session and process group
/// of its own, with the sandbox as working directory and `stdout`/`stderr` appended to sandbox
/// files; killed with SIGTERM to the group, then SIGKILL after the grace period.
public actor ProcessContainerizer {
    private let logger: Logger
    private var killedBeforeStart: Set<ContainerID> = []
    private var running: [ContainerID: pid_t] = [:]

    /// Creates a containerizer.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Starts the task's process and reports its start and its end through `sink`.
    public func launch(_ task: AgentTask, plan: ProcessLaunchPlan, sink: @escaping ContainerEventSink) async {
        let key = task.key
        await start(containerID: task.containerID, sandbox: task.sandbox, plan: plan,
                    started: { await sink(.containerRunning(key, pid: $0)) },
                    exited: { await sink(.containerExited(key, $0)) },
                    failed: { await sink(.containerLaunchFailed(key, .launchFailed($0))) })
    }

    /// Starts a custom executor's process and reports its start and its end through `sink`.
    public func launchExecutor(_ executor: AgentExecutor, plan: ProcessLaunchPlan, sink: @escaping ContainerEventSink) async {
        let key = executor.key
        await start(containerID: executor.containerID, sandbox: executor.sandbox, plan: plan,
                    started: { await sink(.executorStarted(key, pid: $0)) },
                    exited: { await sink(.executorExited(key, $0)) },
                    failed: { await sink(.executorLaunchFailed(key, message: $0)) })
    }

    private func start(
        containerID: ContainerID, sandbox: String, plan: ProcessLaunchPlan,
        started: @escaping @Sendable (Int32) async -> Void,
        exited: @escaping @Sendable (ContainerTermination) async -> Void,
        failed: @escaping @Sendable (String) async -> Void
    ) async {
        if killedBeforeStart.remove(containerID) != nil {
            await failed("killed before the process started")
            return
        }
        var variables: [Subprocess.Environment.Key: String] = [:]
        let inherited = ProcessInfo.processInfo.environment
        for name in ["PATH", "HOME", "LANG", "TZ"] {
            if let value = inherited[name] { variables[Subprocess.Environment.Key(stringLiteral: name)] = value }
        }
        if variables["PATH"] == nil { variables["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        for (name, value) in plan.environment { variables[Subprocess.Environment.Key(stringLiteral: name)] = value }
        let process: (pid: pid_t, termination: Task<TerminationStatus, any Error>)
        do {
            process = try await DetachedProcess.start(
                executable: plan.executable, arguments: plan.arguments, environment: .custom(variables),
                workingDirectory: plan.workingDirectory,
                standardOutput: sandbox + "/stdout", standardError: sandbox + "/stderr")
        } catch {
            await failed("Failed to launch \(plan.executable): \(error)")
            return
        }
        let cgroup = ProcessCgroup(containerID: containerID.value)
        let limited = cgroup.create(memoryLimitBytes: plan.memoryLimitBytes, cpuShares: plan.cpuShares)
        if limited { cgroup.add(process.pid) }
        running[containerID] = process.pid
        if killedBeforeStart.remove(containerID) != nil {
            // A kill arrived while the process was being started (the actor was suspended above).
            Self.signalGroup(process.pid, SIGKILL)
        }
        await started(process.pid)
        Task {
            var termination: ContainerTermination
            do {
                switch try await process.termination.value {
                case .exited(let code): termination = .exited(code: code)
                case .signaled(let signal): termination = .signaled(signal: signal)
                }
            } catch {
                termination = .unknown(message: "lost track of the process: \(error)")
            }
            if limited {
                // The OOM killer may have picked any process of the task (a pipeline's last command, say).
                if cgroup.wasOOMKilled() {
                    switch termination {
                    case .exited(let code): termination = .outOfMemory(exitCode: code)
                    case .signaled(let signal): termination = .outOfMemory(exitCode: 128 + signal)
                    case .outOfMemory, .unknown: break
                    }
                }
            }
            await Self.destroy(group: process.pid, cgroup: cgroup)
            self.forget(containerID)
            await exited(termination)
        }
    }

    /// Destroys what is left of a container whose main process ended, as Mesos's launchers do:
    /// SIGKILL to its process group (children it left running in the background) and to every
    /// process still in its cgroups (those that left the group with `setsid`), then removes the
    /// cgroups.
    static func destroy(group pid: pid_t, cgroup: ProcessCgroup) async {
        _ = Glibc.kill(-pid, SIGKILL)
        for _ in 0..<40 {
            let left = cgroup.processes()
            for member in left { _ = Glibc.kill(member, SIGKILL) }
            if cgroup.remove() { return }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Re-adopts a process recorded before an agent restart: polls until it is gone.
    /// Its exit status cannot be known (it is no longer the agent's child).
    public func adopt(_ task: AgentTask, pid: pid_t, sink: @escaping ContainerEventSink) {
        running[task.containerID] = pid
        let key = task.key
        let containerID = task.containerID
        Task {
            while Self.isAlive(pid) {
                try? await Task.sleep(for: .milliseconds(250))
            }
            await Self.destroy(group: pid, cgroup: ProcessCgroup(containerID: containerID.value))
            self.forget(containerID)
            await sink(.containerExited(key, .unknown(
                message: "The process \(pid) ended while the agent was restarting; its exit status is unknown")))
        }
    }

    /// Re-adopts a custom executor recorded before an agent restart: polls until it is gone.
    public func adoptExecutor(_ executor: AgentExecutor, pid: pid_t, sink: @escaping ContainerEventSink) {
        running[executor.containerID] = pid
        let key = executor.key
        let containerID = executor.containerID
        Task {
            while Self.isAlive(pid) {
                try? await Task.sleep(for: .milliseconds(250))
            }
            await Self.destroy(group: pid, cgroup: ProcessCgroup(containerID: containerID.value))
            self.forget(containerID)
            await sink(.executorExited(key, .unknown(
                message: "The executor process \(pid) ended while the agent was restarting; its exit status is unknown")))
        }
    }

    /// SIGTERM to the task's process group, SIGKILL after `gracePeriod` seconds.
    public func kill(_ task: AgentTask, gracePeriod: Double) async {
        kill(containerID: task.containerID, recordedPID: task.pid, gracePeriod: gracePeriod)
    }

    /// SIGTERM to a custom executor's process group, SIGKILL after `gracePeriod` seconds.
    public func killExecutor(_ executor: AgentExecutor, gracePeriod: Double) async {
        kill(containerID: executor.containerID, recordedPID: executor.pid, gracePeriod: gracePeriod)
    }

    private func kill(containerID: ContainerID, recordedPID: Int32?, gracePeriod: Double) {
        guard let pid = running[containerID] ?? recordedPID.map({ pid_t($0) }) else {
            killedBeforeStart.insert(containerID)
            return
        }
        Self.signalGroup(pid, SIGTERM)
        Task {
            let deadline = ContinuousClock.now + .milliseconds(Int(gracePeriod * 1000))
            while ContinuousClock.now < deadline, self.isRunning(containerID) {
                try? await Task.sleep(for: .milliseconds(50))
            }
            // The whole group: children that ignored SIGTERM die with it even if the main process is gone.
            if self.isRunning(containerID) {
                Self.signalGroup(pid, SIGKILL)
            } else {
                _ = Glibc.kill(-pid, SIGKILL)
            }
        }
    }

    /// Whether `pid` is alive and is the process the agent started for `sandbox`: its initial
    /// environment names that sandbox (`MESOS_SANDBOX`), so a pid reused after a reboot or a long
    /// downtime is never adopted or signalled.
    public static func isOurs(_ pid: pid_t, sandbox: String) -> Bool {
        guard isAlive(pid), let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else {
            return false
        }
        let expected = Array("MESOS_SANDBOX=\(sandbox)".utf8)
        return environment.split(separator: 0).contains { Array($0) == expected }
    }

    /// Whether a process with `pid` exists (and is not a zombie).
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0 else { return false }
        if Glibc.kill(pid, 0) != 0, errno != EPERM { return false }
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let rest = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("Z") || rest.hasPrefix("X") { return false }
        }
        return true
    }

    private static func signalGroup(_ pid: pid_t, _ signal: Int32) {
        if Glibc.kill(-pid, signal) != 0 { _ = Glibc.kill(pid, signal) }
    }

    private func isRunning(_ containerID: ContainerID) -> Bool { running[containerID] != nil }

    private func forget(_ containerID: ContainerID) { running[containerID] = nil }
}
