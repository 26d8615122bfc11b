import ArgumentParser
import Foundation
import Logging
import MesosExampleFrameworks
import MesosFlags
import MesosResources
import UnixSignals

/// `swift-mesos-demo` (`make demo`): a local master and agent, the three original DRF demo
/// frameworks, a live table of their shares, a summary and `demo-shares.svg`.
@main
struct DemoCommand: MesosCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-mesos-demo",
        abstract: "Runs a local cluster and three DRF demo frameworks, shows their shares live, plots them.")

    @Option(help: "How long to run, in seconds.") var duration: Double = 90
    @Option(help: "The master's port.") var masterPort = 5050
    @Option(help: "The agent's port.") var agentPort = 5051
    @Option(help: "The agent's resources.") var agentResources = "cpus:6;mem:8000"
    @Option(help: "The docker image of the tasks (when a docker engine answers).")
    var dockerImage = "swift-mesos-test/busybox:latest"
    @Flag(help: "Use the process containerizer even when docker is reachable.") var noDocker = false
    @Option(help: "Where to write the plot.") var svg = "demo-shares.svg"
    @Option(help: "How long each task sleeps: '30secs' or '20secs..40secs'.") var taskDuration = "20secs..40secs"
    @Flag(help: "Do not declare task shapes: Mesos's whole-agent offers, as in the original demo (the first framework offered the agent takes all it can).")
    var wholeOffers = false

    func validate() throws {
        guard duration.isFinite, duration > 0, duration <= 86_400 else {
            throw ValidationError("--duration must be more than 0 and at most 86400 seconds, not \(duration)")
        }
        guard (1...65535).contains(masterPort) else { throw ValidationError("--master_port must be a port, not \(masterPort)") }
        guard (1...65535).contains(agentPort) else { throw ValidationError("--agent_port must be a port, not \(agentPort)") }
        guard masterPort != agentPort else { throw ValidationError("--master_port and --agent_port must differ") }
        do { _ = try Resources.parse(agentResources) } catch { throw ValidationError("--agent_resources: \(error.message)") }
        do { _ = try TaskDuration(parsing: taskDuration) } catch { throw ValidationError("--task_duration: \(error)") }
        guard !dockerImage.isEmpty else { throw ValidationError("--docker_image must not be empty") }
    }

    /// The original configurations: A = 2 cpus / 1000 MB, B = 1 cpu / 2500 MB, C = 0.5 cpus / 512 MB.
    static let frameworks = [
        ("A", TaskShape(cpus: 2, memoryMB: 1000)), ("B", TaskShape(cpus: 1, memoryMB: 2500)),
        ("C", TaskShape(cpus: 0.5, memoryMB: 512)),
    ]

    func run() async throws {
        var logger = Logger(label: "demo")
        logger.logLevel = .error
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let docker = !noDocker && LocalCluster.dockerIsReachable()
        say("swift-mesos demo: master 127.0.0.1:\(masterPort), one agent \(agentResources), "
              + (docker ? "docker containerizer (\(dockerImage))" : "process containerizer (no docker engine answered)")
            + (wholeOffers ? ", whole-agent offers" : ", demand-sized offers (each framework declares its task shape)"))
        let cluster = try LocalCluster(binaries: binaries, masterPort: masterPort, usesDocker: docker)
        let reader = try MasterStateReader(master: cluster.masterAddress, logger: logger)
        var frameworks: [DRFDemoFramework] = []
        var history = ShareHistory()
        var last: ClusterSnapshot?
        do {
            try await waitForMaster(reader)
            let durationSpec = try TaskDuration(parsing: taskDuration)
            for (name, shape) in Self.frameworks {
                let framework = try DRFDemoFramework(
                    options: DRFDemoOptions(frameworkName: name, shape: shape, taskDuration: durationSpec,
                                            requestResources: !wholeOffers,
                                            dockerImage: docker ? dockerImage : nil),
                    master: cluster.masterAddress, logger: logger)
                framework.start()
                frameworks.append(framework)
            }
            // Every framework registers (and declares its task shape) before the agent's resources
            // are offered, so no framework gets a head start on the others.
            try await waitForFrameworks(reader, count: Self.frameworks.count)
            try cluster.startAgent(port: agentPort, resources: agentResources)
            try await waitForAgent(reader, cluster: cluster)
            let interrupted = await watch(reader, history: &history, last: &last)
            say(interrupted ? "\nInterrupted: stopping." : "\nTime is up: stopping.")
        } catch {
            say("The demo failed: \(error)\n--- master log ---\n\(cluster.logTail("master"))\n--- agent log ---\n\(cluster.logTail("agent"))")
        }
        for framework in frameworks { await framework.stop() }
        await reader.shutdown()
        await cluster.stop()
        printSummary(history: history, last: last)
        if !history.series.isEmpty {
            let legend = Dictionary(uniqueKeysWithValues: Self.frameworks.map { ($0.0, "\($0.0): \(Self.shapeText($0.1))") })
            try SharesSVG().render(history, legend: legend).write(toFile: svg, atomically: true, encoding: .utf8)
            say("Wrote \(svg).")
        }
    }

    private func waitForMaster(_ reader: MasterStateReader) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if (try? await reader.snapshot()) != nil { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the master did not answer within 60 s")
    }

    private func waitForFrameworks(_ reader: MasterStateReader, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let snapshot = try? await reader.snapshot(), snapshot.frameworks.count >= count {
                // Their REQUEST calls follow their subscriptions at once; give them an allocation interval.
                try await Task.sleep(for: .seconds(1))
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the frameworks did not register within 60 s")
    }

    private func waitForAgent(_ reader: MasterStateReader, cluster: LocalCluster) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let snapshot = try? await reader.snapshot(), snapshot.totals.cpus > 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the agent did not register within 60 s")
    }

    /// Refreshes the table every second until the duration is over (false) or a signal came (true).
    private func watch(_ reader: MasterStateReader, history: inout ShareHistory, last: inout ClusterSnapshot?) async -> Bool {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let interrupted = Interrupted()
        let listener = Task {
            for await _ in signals {
                interrupted.set()
                return
            }
        }
        defer { listener.cancel() }
        let start = ContinuousClock.now
        let interactive = isatty(STDOUT_FILENO) != 0
        while !interrupted.isSet {
            let elapsed = Self.seconds(ContinuousClock.now - start)
            if elapsed >= duration { return false }
            if let snapshot = try? await reader.snapshot() {
                last = snapshot
                for (name, _) in Self.frameworks {
                    history.record(name, seconds: elapsed, share: snapshot.framework(named: name)?.dominantShare ?? 0)
                }
                let header = "swift-mesos DRF demo: \(Int(elapsed)) s of \(Int(duration)) s (Ctrl-C stops)"
                if interactive {
                    say("\u{1B}[H\u{1B}[2J" + header + "\n\n" + ShareTable.render(snapshot))
                } else if Int(elapsed) % 5 == 0 {
                    say(header + "\n" + ShareTable.render(snapshot) + "\n")
                }
            }
            try? await Task.sleep(for: .seconds(1))
        }
        return true
    }

    private func printSummary(history: ShareHistory, last: ClusterSnapshot?) {
        say("\nSummary (\(Int(history.duration)) s):")
        if let last { say(ShareTable.render(last)) }
        for series in history.series where !series.points.isEmpty {
            let shares = series.points.map(\.share)
            let mean = shares.reduce(0, +) / Double(shares.count)
            say("  \(series.name): mean dominant share \(ShareTable.percent(mean)), peak \(ShareTable.percent(shares.max() ?? 0))")
        }
    }

    /// `2 cpus, 1000 MB`.
    static func shapeText(_ shape: TaskShape) -> String {
        let cpus = shape.cpus == shape.cpus.rounded() ? String(Int(shape.cpus)) : String(shape.cpus)
        return "\(cpus) cpus, \(Int(shape.memoryMB)) MB"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A flag set by the signal listener.
final class Interrupted: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Writes a line to standard output at once (print buffers when the output is a file or pipe).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
