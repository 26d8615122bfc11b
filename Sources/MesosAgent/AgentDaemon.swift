import Foundation
import Hummingbird
import Logging
import MesosAgentCore
import MesosHTTPClient
import MesosModel
import MesosResources
import ServiceLifecycle
import UnixSignals

/// The running agent: HTTP server, master connection, update timer and containerizers,
/// as a service group that stops on SIGTERM/SIGINT (tasks keep running) and unsubscribes,
/// kills every task and stops on SIGUSR1.
public struct AgentDaemon {
    private let flags: AgentCommand
    private let logger: Logger

    /// Validates the flags.
    public init(flags: AgentCommand) throws {
        guard (1...65535).contains(flags.port) else {
            throw AgentStartupError("--port=\(flags.port) is not a port (1-65535)")
        }
        guard AgentRuntime.RecoveryMode(rawValue: flags.recover) != nil else {
            throw AgentStartupError("--recover=\(flags.recover) is not 'reconnect' or 'cleanup'")
        }
        _ = try Self.containerizers(flags.containerizers)
        guard PackedIPv4.pack(flags.ip) != nil else { throw AgentStartupError("--ip=\(flags.ip.prefix(64)) is not an IPv4 address") }
        if let advertised = flags.advertiseIP, PackedIPv4.pack(advertised) == nil {
            throw AgentStartupError("--advertise_ip=\(advertised.prefix(64)) is not an IPv4 address")
        }
        guard flags.imagePullTimeout.nanoseconds > 0 else { throw AgentStartupError("--image_pull_timeout must be positive") }
        guard flags.executorRegistrationTimeout.nanoseconds > 0 else {
            throw AgentStartupError("--executor_registration_timeout must be positive")
        }
        guard flags.sandboxLogMaxSize.count >= 1024 else { throw AgentStartupError("--sandbox_log_max_size must be at least 1KB") }
        do {
            _ = try MasterAddress(parsing: flags.master)
        } catch {
            throw AgentStartupError(error.description)
        }
        self.flags = flags
        var logger = Logger(label: "swift-mesos-agent")
        switch flags.loggingLevel {
        case .info: logger.logLevel = .info
        case .warning: logger.logLevel = .warning
        case .error: logger.logLevel = .error
        }
        self.logger = logger
    }

    static func containerizers(_ text: String) throws -> Set<ContainerKind> {
        var result: Set<ContainerKind> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch name {
            case "docker": result.insert(.docker)
            case "mesos": result.insert(.process)
            default: throw AgentStartupError("--containerizers: '\(name)' is not 'docker' or 'mesos'")
            }
        }
        guard !result.isEmpty else { throw AgentStartupError("--containerizers must name at least one containerizer") }
        return result
    }

    /// Runs the agent until it is told to stop.
    public func run() async throws {
        let workDir = URL(fileURLWithPath: flags.workDir).standardizedFileURL.path
        let store: CheckpointStore
        do {
            store = try CheckpointStore(workDirectory: workDir)
        } catch {
            throw AgentStartupError("cannot use --work_dir=\(flags.workDir): \(error)")
        }
        var containerizers = try Self.containerizers(flags.containerizers)
        let dockerCLI = DockerCLI(path: flags.docker)
        if containerizers.contains(.docker) {
            let version = try? await dockerCLI.run(["version", "--format", "{{.Server.Version}}"], timeout: 20)
            if version?.succeeded != true {
                logger.warning("the docker containerizer is disabled: `\(flags.docker) version` failed (\(version?.diagnostic ?? "not found")); docker tasks will fail")
                containerizers.remove(.docker)
                if containerizers.isEmpty { containerizers.insert(.process) }
            }
        }
        let resources = try resolvedResources(workDir: workDir)
        let attributes: [Attribute]
        do {
            attributes = try flags.attributes.map { try Attribute.parseList($0) } ?? []
        } catch {
            throw AgentStartupError("--attributes: \(error)")
        }
        let hostname = flags.hostname ?? ProcessInfo.processInfo.hostName
        let advertised = flags.advertiseIP ?? (flags.ip == "0.0.0.0" ? "127.0.0.1" : flags.ip)
        let agentInfo = AgentInfo(hostname: hostname, port: Int32(flags.port), resources: Array(resources),
                                  attributes: attributes)
        let configuration = AgentConfiguration(
            workDirectory: workDir, containerizers: containerizers, allowPrivileged: flags.allowPrivileged,
            enableCFSQuota: flags.cgroupsEnableCfs, defaultKillGracePeriod: flags.dockerStopTimeout.seconds, agentEndpoint: "\(advertised):\(flags.port)",
            executorRegistrationTimeout: flags.executorRegistrationTimeout.seconds)
        let docker = containerizers.contains(.docker)
            ? DockerContainerizer(docker: dockerCLI, pullTimeout: flags.imagePullTimeout.seconds,
                                  stopTimeout: flags.dockerStopTimeout.seconds, logger: logger,
                                  stateDirectory: store.layout.metaDirectory)
            : nil
        let runtime = AgentRuntime(
            configuration: configuration, store: store, docker: docker, processes: ProcessContainerizer(logger: logger),
            sandboxLogMaximumSize: Int64(clamping: flags.sandboxLogMaxSize.count), logger: logger)
        let mode = AgentRuntime.RecoveryMode(rawValue: flags.recover) ?? .reconnect
        let report = await runtime.recover(mode: mode)
        logger.info("recovered (\(mode.rawValue)): \(report.adopted.count) adopted, \(report.ended.count) ended, \(report.orphans.count) orphans stopped")
        for problem in report.problems { logger.error("unreadable checkpoint \(problem)") }

        let http = try HTTPClient(logger: logger)
        let connection = MasterConnection(address: try MasterAddress(parsing: flags.master), http: http,
                                          runtime: runtime, agentInfo: agentInfo, logger: logger)
        await runtime.attach(connection, agentInfo: agentInfo)
        let server = AgentHTTPServer(runtime: runtime, connection: connection, agentInfo: agentInfo,
                                     sandboxesRoot: store.layout.sandboxesRoot, flags: flagValues(workDir: workDir))
        let app = Application(router: server.router(),
                              configuration: .init(address: .hostname(flags.ip, port: flags.port),
                                                   serverName: "swift-mesos-agent"),
                              logger: logger)
        let background = AgentBackground(runtime: runtime, connection: connection, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: app), .init(service: background)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let stopGrace = flags.dockerStopTimeout.seconds
        let logger = self.logger
        let stopper = Task {
            for await _ in await UnixSignalsSequence(trapping: .sigusr1) {
                logger.info("SIGUSR1: unsubscribing, killing every task and shutting down")
                await connection.unsubscribe()
                await runtime.handle(.shutdownAll(message: "the agent is shutting down"))
                let deadline = Date().addingTimeInterval(stopGrace + 10)
                while Date() < deadline, await runtime.tasks.contains(where: { !$0.state.isTerminal }) {
                    try? await Task.sleep(for: .milliseconds(100))
                }
                await group.triggerGracefulShutdown()
                return
            }
        }
        defer { stopper.cancel() }
        try await group.run()
        await docker?.shutdown()
        await http.shutdown()
    }

    private func resolvedResources(workDir: String) throws -> Resources {
        var stats = statvfs()
        let diskMB = statvfs(workDir, &stats) == 0
            ? Double(stats.f_blocks) * Double(stats.f_frsize) / 1_048_576 : 0
        let detected = DefaultResources.detected(
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            memoryMB: Double(ProcessInfo.processInfo.physicalMemory) / 1_048_576, diskMB: diskMB)
        guard let text = flags.resources else { return detected }
        do {
            return DefaultResources.merge(detected: detected, configured: try Resources.parse(text))
        } catch {
            throw AgentStartupError("--resources: \(error)")
        }
    }

    private func flagValues(workDir: String) -> [String: String] {
        [
            "master": flags.master, "ip": flags.ip, "port": String(flags.port), "work_dir": workDir,
            "containerizers": flags.containerizers, "docker": flags.docker, "recover": flags.recover,
            "allow_privileged": String(flags.allowPrivileged), "cgroups_enable_cfs": String(flags.cgroupsEnableCfs),
            "docker_stop_timeout": flags.dockerStopTimeout.description,
            "image_pull_timeout": flags.imagePullTimeout.description,
            "executor_registration_timeout": flags.executorRegistrationTimeout.description,
            "sandbox_log_max_size": flags.sandboxLogMaxSize.description, "logging_level": flags.loggingLevel.description,
        ].merging(
            [("hostname", flags.hostname), ("advertise_ip", flags.advertiseIP), ("resources", flags.resources), ("attributes", flags.attributes)]
                .compactMap { name, value in value.map { (name, $0) } }
        ) { first, _ in first }
    }
}
