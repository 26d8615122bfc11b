import Foundation
import Logging
import MesosAgentCore
import Subprocess

/// The `docker logs --follow` children that copy containers' output into their sandboxes'
/// `stdout`/`stderr`, started once no `docker run` of the agent is under way (at most
/// `delayLimit` later): each is a docker CLI process whose start would compete for the CPU with
/// the runs of a burst. A follower copies from the container's start, so a late one loses nothing.
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
    /// Followers started after waiting, by name: ``copyBeforeRemoval(_:)`` lets them finish.
    private var late: [String: Task<Follower?, Never>] = [:]

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
            await start(task, name: name)
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
        await start(task, name: name)
    }

    /// Before an ended container is removed: copies its output if its follower never started
    /// (`docker logs` without `--follow`), or lets a late follower finish (each stopped after 30 s).
    func copyBeforeRemoval(_ name: String) async {
        if let task = waiting.removeValue(forKey: name) {
            await Self.waitForEnd(await start(task, name: name, follow: false))
        } else if let started = late.removeValue(forKey: name) {
            await Self.waitForEnd(await started.value)
        }
    }

    private func startWaiting(_ name: String) async {
        guard let task = waiting.removeValue(forKey: name) else { return }
        let started = Task { await self.start(task, name: name) }
        late[name] = started
        _ = await started.value
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
