import Foundation
import Logging
import MesosAgentCore
import MesosModel

/// Runs docker tasks through the docker CLI: a pull phase with its own timeout, `docker run -d`
/// of a labelled container, a log follower writing the sandbox's `stdout`/`stderr`, and one
/// agent-wide ``DockerExitWatcher`` (a `docker events` stream) for the exits. Containers do not
/// depend on the agent.
public actor DockerContainerizer {
    /// A container of ours found by `docker ps`.
    public struct ListedContainer: Sendable, Hashable {
        /// The container's name.
        public var name: String
        /// The `mesos.container_id` label.
        public var containerID: String
        /// Whether it is running.
        public var isRunning: Bool
    }

    private let docker: DockerCLI
    private let pullTimeout: Double
    private let stopTimeout: Double
    private let logger: Logger
    /// Watches every container's exit through one `docker events` stream.
    public nonisolated let exitWatcher: DockerExitWatcher
    private var killedBeforeStart: Set<String> = []
    private var started: Set<String> = []
    /// Images a pull phase found (or pulled).
    private var presentImages: Set<String> = []
    /// The `docker logs --follow` children (started once no `docker run` is under way).
    private let logFollowers: DockerLogFollowers

    /// Creates a containerizer using `docker` with the given timeouts (seconds). With
    /// `stateDirectory` (the agent's `<work_dir>/meta`) the exit watcher keeps its child's pid in
    /// `docker-events.pid` there, so that a restarted agent stops the one a killed agent left.
    public init(docker: DockerCLI, pullTimeout: Double, stopTimeout: Double, logger: Logger, stateDirectory: String? = nil) {
        self.docker = docker
        self.pullTimeout = pullTimeout
        self.stopTimeout = stopTimeout
        self.logger = logger
        self.exitWatcher = DockerExitWatcher(docker: docker, label: DockerRunPlan.Label.agentID, logger: logger,
                                             pidFile: stateDirectory.map { $0 + "/docker-events.pid" })
        self.logFollowers = DockerLogFollowers(docker: docker, logger: logger)
    }

    /// Stops the exit watcher's `docker events` child (the containers keep running).
    public func shutdown() async {
        await exitWatcher.stop()
    }

    /// Pulls the image if needed, starts the container and watches it; reports through `sink`.
    public func launch(_ task: AgentTask, plan: DockerRunPlan, sink: @escaping ContainerEventSink) async {
        let key = task.key
        let name = plan.containerName
        // The events stream runs before the first container starts (a no-op after that).
        await exitWatcher.start()
        do {
            // Images found present before are not checked again (a `docker image inspect` per task
            // is a third of the agent's launch overhead); if one was removed since, the run fails
            // and the pull phase runs after all.
            let checked = !presentImages.contains(plan.image) || plan.forcePull
            if checked {
                guard try await pullPhase(key, plan: plan, sink: sink) else { return }
            }
            if killedBeforeStart.remove(name) != nil {
                await sink(.containerLaunchFailed(key, .launchFailed("killed before the container started")))
                return
            }
            var run = try await runContainer(plan)
            if !run.succeeded, !checked {
                presentImages.remove(plan.image)
                _ = try? await docker.run(["rm", "-f", name], timeout: 30)
                guard try await pullPhase(key, plan: plan, sink: sink) else { return }
                run = try await runContainer(plan)
            }
            guard run.succeeded else {
                _ = try? await docker.run(["rm", "-f", name], timeout: 30)
                await sink(.containerLaunchFailed(key, .launchFailed(
                    "Failed to start container \(name): \(run.diagnostic)")))
                return
            }
            started.insert(name)
        } catch {
            await sink(.containerLaunchFailed(key, .launchFailed("Failed to launch container \(name): \(error)")))
            return
        }
        await sink(.containerRunning(key, pid: nil))
        // The follower is known before the exit is watched: the end is reported once it copied all.
        await logFollowers.follow(task, name: name)
        await watch(task, name: name, checkNow: false, sink: sink)
    }

    /// `docker run -d` of `plan`, counted as a run under way by the log followers.
    private func runContainer(_ plan: DockerRunPlan) async throws -> CommandOutput {
        let docker = self.docker
        return try await logFollowers.countingRun { try await docker.run(plan.arguments, timeout: 120) }
    }

    /// The pull phase: `docker image inspect`, and `docker pull` when the image is missing (or
    /// `force_pull_image`). Returns false after reporting the failure through `sink`.
    private func pullPhase(_ key: TaskKey, plan: DockerRunPlan, sink: @escaping ContainerEventSink) async throws -> Bool {
        let present = try await docker.run(["image", "inspect", "--format", "{{.Id}}", plan.image], timeout: 30).succeeded
        if !present || plan.forcePull {
            await sink(.containerStarting(key, message: "Pulling image \(plan.image)"))
            let pull: CommandOutput
            do {
                pull = try await docker.run(["pull", "--quiet", plan.image], timeout: pullTimeout)
            } catch DockerCLIError.timedOut {
                await sink(.containerLaunchFailed(key, .launchFailed(
                    "Failed to pull image \(plan.image): no result within --image_pull_timeout (\(pullTimeout) seconds)")))
                return false
            }
            if !pull.succeeded, !(present && plan.forcePull) {
                await sink(.containerLaunchFailed(key, .launchFailed(
                    "Failed to pull image \(plan.image): \(pull.diagnostic)")))
                return false
            }
        }
        presentImages.insert(plan.image)
        return true
    }

    /// Re-adopts a container after an agent restart: watches it, and reports at once one that has
    /// already exited (or was removed).
    public func adopt(_ task: AgentTask, name: String, sink: @escaping ContainerEventSink) async {
        started.insert(name)
        // Its follower may not have started before the agent stopped (it waited for a burst of runs).
        await logFollowers.followUnlessStarted(task, name: name)
        await watch(task, name: name, checkNow: true, sink: sink)
    }

    /// Stops the container (`docker stop -t <grace>`), or keeps it from starting.
    public func kill(_ task: AgentTask, agentID: AgentID, gracePeriod: Double) async {
        let name = DockerRunPlan.containerName(agentID: agentID, containerID: task.containerID)
        guard started.contains(name) else {
            killedBeforeStart.insert(name)
            return
        }
        let seconds = max(0, Int(gracePeriod.rounded(.up)))
        do {
            let output = try await docker.run(["stop", "-t", String(seconds), name], timeout: Double(seconds) + 30)
            if !output.succeeded { logger.warning("docker stop \(name) failed: \(output.diagnostic)") }
        } catch {
            logger.warning("docker stop \(name) failed: \(error)")
        }
    }

    /// Removes a finished container.
    public func remove(_ task: AgentTask, agentID: AgentID) async {
        let name = DockerRunPlan.containerName(agentID: agentID, containerID: task.containerID)
        started.remove(name)
        await exitWatcher.forget(name)
        await logFollowers.finishCopying(name)
        _ = try? await docker.run(["rm", "-f", name], timeout: 60)
    }

    /// The containers labelled with `agentID` (running or not).
    public func containers(agentID: AgentID) async throws -> [ListedContainer] {
        let output = try await docker.run([
            "ps", "-a", "--no-trunc", "--filter", "label=\(DockerRunPlan.Label.agentID)=\(agentID.value)",
            "--format", "{{.Names}}\t{{.Label \"\(DockerRunPlan.Label.containerID)\"}}\t{{.State}}",
        ], timeout: 60)
        guard output.succeeded else {
            throw DockerCLIError.notStarted(path: docker.path, reason: "docker ps failed: \(output.diagnostic)")
        }
        return output.standardOutput.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return nil }
            return ListedContainer(name: fields[0], containerID: fields[1], isRunning: fields[2] == "running")
        }
    }

    /// Stops and removes a container that is ours but unknown to the checkpoints.
    public func removeOrphan(name: String) async {
        logger.info("stopping orphan container \(name)")
        _ = try? await docker.run(["stop", "-t", String(Int(stopTimeout)), name], timeout: stopTimeout + 30)
        _ = try? await docker.run(["rm", "-f", name], timeout: 60)
    }

    /// Reports `name`'s end through `sink` once its output is complete in the sandbox.
    private func watch(_ task: AgentTask, name: String, checkNow: Bool, sink: @escaping ContainerEventSink) async {
        let key = task.key
        let followers = logFollowers
        await exitWatcher.watch(name, checkNow: checkNow) { termination in
            await followers.finishCopying(name)
            await sink(.containerExited(key, termination))
        }
    }
}
