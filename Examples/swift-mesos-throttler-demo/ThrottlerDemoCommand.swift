import ArgumentParser
import Foundation
import Logging
import MesosExampleFrameworks
import MesosFlags
import MesosResources

/// `swift-mesos-throttler-demo` (`make demo-throttler`): a local master and agent, a local HTTP
/// target, and the Throttler load-testing it; prints the Throttler's events and report, then stops
/// everything.
@main
struct ThrottlerDemoCommand: MesosCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-mesos-throttler-demo",
        abstract: "Runs a local cluster and HTTP target, and the Throttler against it; prints its report.")

    @Option(help: "The master's port.") var masterPort = 5050
    @Option(help: "The agent's port.") var agentPort = 5051
    @Option(help: "The agent's resources.") var agentResources = "cpus:6;mem:8000"
    @Option(help: "Queries to run in all.") var totalQueries = 100
    @Option(help: "Queries per task.") var queriesPerTask = 5
    @Option(help: "At most this many tasks at once.") var parallelism = 5
    @Option(help: "The target's latency per query, in milliseconds.") var targetLatency = 10

    func validate() throws {
        guard totalQueries >= 1 else { throw ValidationError("--total_queries must be at least 1, not \(totalQueries)") }
        guard queriesPerTask >= 1 else { throw ValidationError("--queries_per_task must be at least 1, not \(queriesPerTask)") }
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1, not \(parallelism)") }
        guard (0...60_000).contains(targetLatency) else { throw ValidationError("--target_latency must be 0 to 60000 ms, not \(targetLatency)") }
        guard (1...65535).contains(masterPort) else { throw ValidationError("--master_port must be a port, not \(masterPort)") }
        guard (1...65535).contains(agentPort) else { throw ValidationError("--agent_port must be a port, not \(agentPort)") }
        guard masterPort != agentPort else { throw ValidationError("--master_port and --agent_port must differ") }
        do { _ = try Resources.parse(agentResources) } catch { throw ValidationError("--agent_resources: \(error.message)") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardOutput(label: $0) }
        var logger = Logger(label: "throttler")
        logger.logLevel = .info
        var quiet = Logger(label: "demo")
        quiet.logLevel = .error
        let binaries = URL(fileURLWithPath: Self.ownPath()).deletingLastPathComponent()
        let target = try await LocalQueryTarget.start(delay: .milliseconds(targetLatency), logger: quiet)
        say("swift-mesos Throttler demo: master 127.0.0.1:\(masterPort), one agent \(agentResources), "
            + "target \(target.url) (\(targetLatency) ms per query); \(totalQueries) queries, \(queriesPerTask) per task, at most \(parallelism) tasks at once")
        let cluster: LocalCluster
        do {
            cluster = try LocalCluster(binaries: binaries, masterPort: masterPort, usesDocker: false)
        } catch {
            await target.stop()
            throw error
        }
        var report: ThrottlerReport?
        do {
            try cluster.startAgent(port: agentPort, resources: agentResources)
            try await waitForAgent(master: cluster.masterAddress, logger: quiet)
            let options = ThrottlerOptions(
                target: target.url, totalQueries: totalQueries, queriesPerTask: queriesPerTask,
                parallelism: parallelism, workerPath: binaries.appendingPathComponent("swift-mesos-throttler").path)
            let framework = try ThrottlerFramework(options: options, master: cluster.masterAddress, logger: logger)
            report = await framework.runUntilSignalled { _ in say("Interrupted: stopping.") }
        } catch {
            say("The demo failed: \(error)\n--- master log ---\n\(cluster.logTail("master"))\n--- agent log ---\n\(cluster.logTail("agent"))")
        }
        await cluster.stop()
        await target.stop()
        if let report {
            say("\n" + report.render())
            say("The target received \(target.requestCount) requests.")
        }
        say("Stopped the master, the agent and the target.")
        if report?.succeeded != true { throw ExitCode(1) }
    }

    private func waitForAgent(master: String, logger: Logger) async throws {
        let reader = try MasterStateReader(master: master, logger: logger)
        defer { Task { await reader.shutdown() } }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let snapshot = try? await reader.snapshot(), snapshot.totals.cpus > 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the agent did not register within 60 s")
    }

    /// This executable's absolute path (`/proc/self/exe` on Linux).
    static func ownPath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }
}

/// Writes a line to standard output at once (print buffers when the output is a file or pipe).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
