import Foundation
import Logging
import MesosAgentCore
import Subprocess

/// The `docker logs --follow` children that copy containers' output into their sandboxes'
/// `stdout`/`stderr`, started once no `docker run` of the agent is under way (at most
/// `delayLimit` later): each is a docker CLI process whose start would compete for the CPU with
/// the runs of a burst. A follower copies from the container's start, so a late one loses nothing.
///
/// When a container has ended, ``finishCopying(_:)`` makes its output complete in the sandbox
/// before the agent reports the end (a framework may read it as soon as the terminal update
/// arrives, as Mesos's sandboxes allow).
actor DockerLogFollowers {
    /// A started `docker logs` child.
    typealias Follower = (pid: pid_t, termination: Task<TerminationStatus, any Error>)

    private let docker: DockerCLI
    private let delayLimit: Double
    private let logger: Logger
    /// `docker run`s under way.
    private var runsInFlight = 0
    /// Containers whose follower waits for the runs under way, by name.
    private var waiting: [String: AgentTask] = [:]
    /// Followers started (at once or after waiting), by name, until ``finishCopying(_:)``.
    private var started: [String: Task<Follower?, Never>] = [:]

    /// Creates the followers of `docker`'s containers; a follower waits at most `delayLimit` seconds.
    init(docker: DockerCLI, delayLimit: Double = 10, logger: Logger) {
        self.docker = docker
        self.delayLimit = delayLimit
        self.logger = logger
    }

    /// Runs `body` (a `docker run`) counted as a run under way.
    func countingRun<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        runsInFlight += 1
        defer {
            runsInFlight -= 1
            if runsInFlight == 0, !waiting.isEmpty { Task { await self.startWaiting() } }
        }
        return try await body()
    }

    /// Starts `name`'s follower now, or once no run is under way (at most `delayLimit` later).
    func follow(_ task: AgentTask, name: String) async {
        guard runsInFlight > 0 else {
            await startTracked(task, name: name)
            return
        }
        waiting[name] = task
        let limit = delayLimit
        Task {
            try? await Task.sleep(for: .milliseconds(Int(limit * 1000)))
            await self.startWaiting(name)
        }
    }

    /// Starts a follower for an adopted container unless one ever started (followers create the
    /// sandbox's `stdout`/`stderr`; none means the agent stopped while it waited).
    func followUnlessStarted(_ task: AgentTask, name: String) async {
        let files = SandboxLogRotation.fileNames.map { task.sandbox + "/" + $0 }
        guard !files.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { return }
        await startTracked(task, name: name)
    }

    /// Once `name` has ended (and before it is removed): copies its output if its follower never
    /// started (`docker logs` without `--follow`), or waits until its follower has copied
    /// everything (a follower ends with its container; each is stopped after 30 s at most).
    /// Returns at once for a container without a follower of this agent process.
    func finishCopying(_ name: String) async {
        if let task = waiting.removeValue(forKey: name) {
            await Self.waitForEnd(await start(task, name: name, follow: false))
        } else if let follower = started.removeValue(forKey: name) {
            await Self.waitForEnd(await follower.value)
        }
    }

    private func startWaiting(_ name: String) async {
        guard let task = waiting.removeValue(forKey: name) else { return }
        await startTracked(task, name: name)
    }

    /// Starts `name`'s follower, known to ``finishCopying(_:)`` from before its process starts.
    private func startTracked(_ task: AgentTask, name: String) async {
        let follower = Task { await self.start(task, name: name) }
        started[name] = follower
        _ = await follower.value
    }

    /// Starts the waiting followers one after the other while no run is under way.
    private func startWaiting() async {
        while runsInFlight == 0, let name = waiting.keys.first {
            await startWaiting(name)
        }
    }

    /// Starts `docker logs [--follow] <name>` appending to the sandbox's `stdout`/`stderr`.
    @discardableResult
    private func start(_ task: AgentTask, name: String, follow: Bool = true) async -> Follower? {
        do {
            return try await DetachedProcess.start(
                executable: ExecutableLookup.path(for: docker.path), arguments: follow ? ["logs", "--follow", name] : ["logs", name],
                environment: .inherit, workingDirectory: nil,
                standardOutput: task.sandbox + "/stdout", standardError: task.sandbox + "/stderr")
        } catch {
            logger.warning("could not follow the logs of \(name): \(error)")
            return nil
        }
    }

    private static func waitForEnd(_ follower: Follower?) async {
        guard let follower else { return }
        let stopper = Task {
            try await Task.sleep(for: .seconds(30))
            Glibc.kill(follower.pid, SIGTERM)
        }
        _ = try? await follower.termination.value
        stopper.cancel()
    }
}
