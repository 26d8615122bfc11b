import ArgumentParser
import Foundation
import Logging
import MesosAgent
import MesosModel
import MesosResources
import MesosScheduler
import MesosTestKit

/// `swift-mesos-bench launch`: launch overhead of one real agent (docker containerizer) over a
/// bare `docker run -d` of the same image and command, one task at a time (interleaved rounds) and
/// a burst of tasks in one ACCEPT against the same number of concurrent `docker run -d`.
struct LaunchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "launch",
        abstract: "Time ACCEPT → TASK_RUNNING of docker tasks on one real agent against bare `docker run -d`."
    )

    @Option(help: "Single-task rounds (each: one task through the agent and one bare docker run, interleaved).")
    var rounds = 20

    @Option(help: "Tasks launched in one ACCEPT (and bare docker runs started concurrently) per burst round.")
    var burst = 100

    @Option(help: "Burst rounds (0 skips the burst).")
    var burstRounds = 3

    @Option(help: "The docker image (must be present locally; .ci/test-image.sh builds the default).")
    var image = "swift-mesos-test/busybox:latest"

    @Option(help: "Write the results as JSON to this file.")
    var output: String?

    func validate() throws {
        guard rounds >= 1, rounds <= 10_000 else {
            throw ValidationError("--rounds must be between 1 and 10000 (got \(rounds))")
        }
        guard burst >= 1, burst <= 1_000 else {
            throw ValidationError("--burst must be between 1 and 1000 (got \(burst))")
        }
        guard burstRounds >= 0, burstRounds <= 100 else {
            throw ValidationError("--burst-rounds must be between 0 and 100 (got \(burstRounds))")
        }
        guard !image.isEmpty, !image.hasPrefix("-") else {
            throw ValidationError("--image must name a docker image (got '\(image)')")
        }
    }

    /// What a task asks for.
    static let taskResources = "cpus:0.1;mem:16"
    /// The command of every task and bare container.
    static let command = "sleep 30"

    struct Single: Codable, Sendable {
        var rounds: Int
        /// ACCEPT sent → TASK_RUNNING received.
        var swiftMesos: LatencySummary
        /// `docker run -d` started → returned.
        var bareDocker: LatencySummary
        /// `docker image inspect` (the agent's pull-phase check), for the breakdown.
        var dockerImageInspect: LatencySummary
        /// ACCEPT → TASK_RUNNING of the same command as a host process (no docker): the control
        /// plane's share (master, agent, status update path, SDK) plus a fork/exec.
        var hostProcessTask: LatencySummary
        /// median(swiftMesos) / median(bareDocker).
        var ratio: Double
    }

    struct Burst: Codable, Sendable {
        var tasks: Int
        var rounds: Int
        /// ACCEPT sent → the last TASK_RUNNING received.
        var swiftMesos: LatencySummary
        /// `tasks` concurrent `docker run -d` started → the last returned.
        var bareDocker: LatencySummary
        var ratio: Double
        /// How many containers the agent starts at once (it starts every launch at once).
        var concurrency: Int
    }

    struct Results: Codable, Sendable {
        var image: String
        var command: String
        var agentResources: String
        var taskResources: String
        var warmupRounds: Int
        var single: Single
        var burst: Burst?
    }

    func run() async throws {
        var logger = Logger(label: "swift-mesos-bench.launch")
        logger.logLevel = .warning
        let docker = DockerCLI()
        let inspect = try await docker.run(["image", "inspect", "--format", "{{.Id}}", image], timeout: 60)
        guard inspect.succeeded else {
            throw BenchmarkError("the image \(image) is missing (\(inspect.diagnostic)); build it with .ci/test-image.sh")
        }
        let cleanup = Cleanup()
        cleanup.runOnInterrupt()
        let runLabel = "swift-mesos-bench-\(UUID().uuidString.prefix(8).lowercased())"
        cleanup.add { await DockerContainers.removeAll(label: "swift-mesos-bench", value: runLabel) }
        do {
            let results = try await measure(docker: docker, runLabel: runLabel, cleanup: cleanup, logger: logger)
            await cleanup.run()
            try report(results)
        } catch {
            await cleanup.run()
            throw error
        }
    }

    private func measure(docker: DockerCLI, runLabel: String, cleanup: Cleanup, logger: Logger) async throws -> Results {
        let agentResources = "cpus:\(max(64, burst / 10 + 4));mem:\(max(65_536, burst * 16 + 4096));disk:100000"
        print("Launch benchmark: one agent (\(agentResources), docker containerizer), image \(image), `\(Self.command)`, "
            + "tasks \(Self.taskResources); \(MachineInfo.current().summary)")
        let master = try await Daemon.start(
            "swift-mesos-master", name: "bench-master",
            arguments: [
                "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
                "--allocation_interval=100ms",
            ])
        cleanup.add { await master.stop() }
        let agent = try await Daemon.start(
            "swift-mesos-agent", name: "bench-agent",
            arguments: [
                "--master=\(master.address)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                "--work_dir={dir}/work", "--resources=\(agentResources)", "--containerizers=docker,mesos",
            ])
        let agentWorkDir = agent.directory.appendingPathComponent("work")
        cleanup.add {
            await agent.process.stop()
            await DockerContainers.removeAll(ofAgentWorkDir: agentWorkDir)
            await agent.stop()
        }
        var info = FrameworkInfo(user: "root", name: "swift-mesos-bench-launch")
        info.failoverTimeout = 0
        let client = try SchedulerClient(configuration: SchedulerConfiguration(
            master: master.address, frameworkInfo: info, logger: logger))
        let framework = LaunchFramework(client: client)
        cleanup.add { await framework.stop() }
        await framework.start()

        let taskResources = try Resources.parse(Self.taskResources)
        func task(_ id: String, on agentID: AgentID, docker: Bool) -> TaskInfo {
            TaskInfo(
                name: id, taskID: TaskID(id), agentID: agentID, resources: Array(taskResources),
                command: CommandInfo(shell: true, value: Self.command),
                container: docker ? .docker(image, network: .host) : nil,
                killPolicy: KillPolicy(gracePeriod: DurationInfo(nanoseconds: 0)))
        }
        let noFilter = Filters(refuseSeconds: 0)

        /// Launches `count` tasks in one ACCEPT; returns ms until the last is RUNNING, after killing them.
        func launchThroughAgent(_ prefix: String, count: Int, docker: Bool = true) async throws -> Double {
            var needed = Resources()
            for _ in 0..<count { needed += taskResources }
            let offers = try await framework.takeOffers(covering: needed)
            let tasks = (0..<count).map { task("\(prefix)-\($0)", on: offers[0].agentID, docker: docker) }
            let ids = tasks.map(\.taskID)
            let start = ContinuousClock.now
            try await client.launch(tasks, offerIDs: offers.map(\.id), filters: noFilter)
            let lastRunning = try await framework.lastRunning(ids)
            let elapsed = (lastRunning - start).milliseconds
            await withTaskGroup(of: Void.self) { group in
                for id in ids { group.addTask { try? await client.kill(id) } }
            }
            try await framework.waitTerminal(ids)
            return elapsed
        }

        /// Starts `count` bare containers at once; returns ms until every `docker run -d` returned.
        func launchBare(_ prefix: String, count: Int) async throws -> Double {
            let names = (0..<count).map { "\(runLabel)-\(prefix)-\($0)" }
            let start = ContinuousClock.now
            let failures = try await withThrowingTaskGroup(of: String?.self) { group in
                for name in names {
                    group.addTask {
                        let run = try await docker.run([
                            "run", "-d", "--pull=never", "--name", name, "--label", "swift-mesos-bench=\(runLabel)",
                            "--network", "host", image, "/bin/sh", "-c", Self.command,
                        ], timeout: 300)
                        return run.succeeded ? nil : run.diagnostic
                    }
                }
                var failures: [String] = []
                for try await failure in group { if let failure { failures.append(failure) } }
                return failures
            }
            let elapsed = (ContinuousClock.now - start).milliseconds
            await DockerContainers.removeAll(label: "swift-mesos-bench", value: runLabel)
            if let first = failures.first { throw BenchmarkError("bare docker run failed: \(first)") }
            return elapsed
        }

        // Single tasks, interleaved (the first round of each warms up and is not counted).
        var ours: [Double] = []
        var bare: [Double] = []
        var inspects: [Double] = []
        var processes: [Double] = []
        print("\nSingle task, \(rounds) rounds (+1 warm-up), interleaved:")
        for round in 0...rounds {
            var oursMs = 0.0
            var bareMs = 0.0
            if round % 2 == 0 {
                oursMs = try await launchThroughAgent("single-\(round)", count: 1)
                bareMs = try await launchBare("single-\(round)", count: 1)
            } else {
                bareMs = try await launchBare("single-\(round)", count: 1)
                oursMs = try await launchThroughAgent("single-\(round)", count: 1)
            }
            let processMs = try await launchThroughAgent("process-\(round)", count: 1, docker: false)
            let clock = ContinuousClock()
            let inspectStart = clock.now
            _ = try await docker.run(["image", "inspect", "--format", "{{.Id}}", image], timeout: 60)
            let inspectMs = (clock.now - inspectStart).milliseconds
            if round > 0 {
                ours.append(oursMs)
                bare.append(bareMs)
                inspects.append(inspectMs)
                processes.append(processMs)
            }
            print("  round \(round == 0 ? "warm-up" : String(round)): swift-mesos \(formatNumber(oursMs)) ms, "
                + "docker run -d \(formatNumber(bareMs)) ms, docker image inspect \(formatNumber(inspectMs)) ms, "
                + "host process task \(formatNumber(processMs)) ms")
        }
        let oursSummary = LatencySummary(ours)
        let bareSummary = LatencySummary(bare)
        let single = Single(
            rounds: rounds, swiftMesos: oursSummary, bareDocker: bareSummary,
            dockerImageInspect: LatencySummary(inspects), hostProcessTask: LatencySummary(processes),
            ratio: oursSummary.medianMs / max(bareSummary.medianMs, 1e-9))

        var burstResult: Burst?
        if burstRounds > 0 {
            print("\nBurst of \(burst) tasks in one ACCEPT against \(burst) concurrent docker run -d, \(burstRounds) rounds:")
            var oursBurst: [Double] = []
            var bareBurst: [Double] = []
            for round in 1...burstRounds {
                var oursMs = 0.0
                var bareMs = 0.0
                if round % 2 == 1 {
                    oursMs = try await launchThroughAgent("burst-\(round)", count: burst)
                    bareMs = try await launchBare("burst-\(round)", count: burst)
                } else {
                    bareMs = try await launchBare("burst-\(round)", count: burst)
                    oursMs = try await launchThroughAgent("burst-\(round)", count: burst)
                }
                oursBurst.append(oursMs)
                bareBurst.append(bareMs)
                print("  round \(round): swift-mesos \(formatNumber(oursMs)) ms, \(burst) x docker run -d \(formatNumber(bareMs)) ms")
            }
            let o = LatencySummary(oursBurst)
            let b = LatencySummary(bareBurst)
            burstResult = Burst(
                tasks: burst, rounds: burstRounds, swiftMesos: o, bareDocker: b,
                ratio: o.medianMs / max(b.medianMs, 1e-9), concurrency: burst)
        }
        return Results(
            image: image, command: Self.command, agentResources: agentResources, taskResources: Self.taskResources,
            warmupRounds: 1, single: single, burst: burstResult)
    }

    private func report(_ results: Results) throws {
        print("\n" + padded("launch (ms: median / p90 [min-max])", 40) + padded("swift-mesos", 28) + padded("bare docker run -d", 28) + "ratio")
        print(padded("single task (\(results.single.rounds) rounds)", 40) + padded(results.single.swiftMesos.cell, 28)
            + padded(results.single.bareDocker.cell, 28) + formatNumber(results.single.ratio))
        if let burst = results.burst {
            print(padded("\(burst.tasks) tasks at once (\(burst.rounds) rounds)", 40) + padded(burst.swiftMesos.cell, 28)
                + padded(burst.bareDocker.cell, 28) + formatNumber(burst.ratio))
        }
        print("host process task (no docker; control plane + fork/exec): \(results.single.hostProcessTask.cell) ms")
        print("docker image inspect (for reference; the agent checks an image once): \(results.single.dockerImageInspect.cell) ms")
        var goals = [BenchmarkGoal.atMost(
            "single task: median ACCEPT→RUNNING / median docker run -d", value: results.single.ratio, limit: 1.15, unit: "x")]
        if let burst = results.burst {
            goals.append(.atMost(
                "\(burst.tasks) tasks at once: all RUNNING / \(burst.tasks) concurrent docker run -d",
                value: burst.ratio, limit: 1.2, unit: "x"))
        }
        printGoals(goals)
        if let output {
            try BenchmarkReport(benchmark: "launch", machine: .current(), results: results, goals: goals).write(to: output)
            print("\nWrote \(output)")
        }
    }
}
