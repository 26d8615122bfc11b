import ArgumentParser
import Foundation
import MesosFlags

/// `swift-mesos-agent`: the agent daemon's flags (Mesos names; `--work_dir` or `--work-dir`;
/// also `MESOS_*` environment variables).
public struct AgentCommand: MesosCommand {
    /// The command's help.
    public static let configuration = CommandConfiguration(
        commandName: "swift-mesos-agent",
        abstract: "Offers this machine's resources to a swift-mesos master and runs its tasks.")

    @Option(help: "The master: host:port, a comma list of them, or zk://host:port,.../path.")
    public var master: String

    @Option(help: "The IP address to listen on.")
    public var ip: String = "0.0.0.0"

    @Option(help: "The port to listen on.")
    public var port: Int = 5051

    @Option(help: "The hostname the agent reports (default: the machine's hostname).")
    public var hostname: String?

    @Option(help: "The IP address the agent advertises to the master and executors.")
    public var advertiseIP: String?

    @Option(help: "Where the agent keeps its checkpoints and the tasks' sandboxes (required).")
    public var workDir: String

    @Option(help: "The resources to offer, e.g. 'cpus:4;mem:8192;ports:[31000-32000]' (default: detected).")
    public var resources: String?

    @Option(help: "The agent's attributes, e.g. 'rack:a;zone:1'.")
    public var attributes: String?

    @Option(help: "The containerizers to use, a comma list of 'docker' and 'mesos'.")
    public var containerizers: String = "docker,mesos"

    @Option(help: "The docker CLI to run.")
    public var docker: String = "docker"

    @Option(help: "How long `docker stop` waits before killing a task without a kill policy.")
    public var dockerStopTimeout: MesosDuration = .seconds(3)

    @Option(help: "How long a custom executor has to subscribe.")
    public var executorRegistrationTimeout: MesosDuration = .minutes(1)

    @Option(help: "How long pulling a docker image may take before the task fails.")
    public var imagePullTimeout: MesosDuration = .minutes(5)

    @Option(help: "What to do with what an earlier run left: 'reconnect' (re-adopt) or 'cleanup' (stop it all).")
    public var recover: String = "reconnect"

    @Flag(help: "Allow docker tasks to run privileged containers.")
    public var allowPrivileged: Bool = false

    @Flag(help: "Hard-limit docker tasks' CPU to their cpus resource (CFS bandwidth, docker --cpus) besides their CPU shares; off by default, as in Mesos.")
    public var cgroupsEnableCfs: Bool = false

    @Option(help: "The size at which a sandbox's stdout/stderr are rotated.")
    public var sandboxLogMaxSize: Bytes = Bytes(10 * 1024 * 1024)

    @Option(help: "Log level: INFO, WARNING or ERROR.")
    public var loggingLevel: LoggingLevel = .info

    /// Creates the command with defaults (ArgumentParser fills the flags).
    public init() {}

    /// Runs the agent until SIGTERM/SIGINT (tasks keep running) or SIGUSR1 (tasks are killed).
    public func run() async throws {
        let daemon = try AgentDaemon(flags: self)
        try await daemon.run()
    }
}

extension AgentCommand {
    /// The executable's entry point: parses the process's flags with Mesos semantics and runs
    /// the agent (exit code 1 with a message on a bad flag).
    public static func runAsDaemon() async {
        let main: () async -> Void = { await mesosMain() }
        await main()
    }
}
