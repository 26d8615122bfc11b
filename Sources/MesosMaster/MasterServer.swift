import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MesosMasterCore
import MesosModel
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The `swift-mesos-master` daemon: the HTTP server, the timers and the registry,
/// around a ``MasterState``.
public struct MasterServer: Sendable {
    /// The settings.
    public let options: MasterOptions
    /// Who leads (standalone: always this master).
    public let leadership: any Leadership
    /// The logger.
    public let logger: Logger
    /// Testing aid: how long recovery takes (requests get 503 meanwhile).
    public var recoveryDelay: Duration = .zero
    /// Where the registry lives when not in the work dir (the ZooKeeper registry with `--zk`).
    let registryStorage: (any RegistryStorage)?

    /// Creates a server.
    public init(options: MasterOptions, leadership: any Leadership = StandaloneLeadership(), logger: Logger) {
        self.init(options: options, leadership: leadership, registryStorage: nil, logger: logger)
    }

    /// Creates a server whose registry is in `registryStorage` (read once this master leads).
    init(options: MasterOptions, leadership: any Leadership, registryStorage: (any RegistryStorage)?, logger: Logger) {
        self.options = options
        self.leadership = leadership
        self.registryStorage = registryStorage
        self.logger = logger
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    /// Runs until cancelled or, with `signals`, until one of them arrives; either way
    /// the shutdown is graceful (subscriptions are closed, the registry is flushed).
    public func run(signals: [UnixSignal] = []) async throws {
        let store: (any RegistryStorage)?
        let source: RegistryRecovery.Source
        if let registryStorage {
            store = registryStorage
            source = .onLeadership(registryStorage)
        } else {
            let workDirStore = options.workDir.map { WorkDirRegistryStore(directory: URL(fileURLWithPath: $0)) }
            let registry = try await workDirStore?.load()
            if let workDirStore { try await workDirStore.save(registry ?? MasterRegistry()) }  // Fail early on an unwritable work dir.
            store = workDirStore
            source = .loaded(registry)
        }
        let runtime = MasterRuntime(
            state: MasterState(configuration: options.core, now: MasterRuntime.now()), store: store, logger: logger,
            queueCapacity: options.subscriberQueueCapacity)
        let maximum: Int
        if let configured = options.maxConnections {
            maximum = configured
        } else if let limit = ConnectionLimit.raiseOpenFileLimit() {
            maximum = ConnectionLimit.default(openFiles: limit.now)
            let raised = limit.now > limit.before ? " (raised from \(limit.before))" : ""
            logger.info("Open-file limit \(limit.now)\(raised): at most \(maximum) connections at once")
        } else {
            maximum = ConnectionLimit.default(openFiles: 1024)
        }
        let limiter = ConnectionLimiter(maximum: maximum, logger: logger)
        let handler = MasterHTTPHandler(
            runtime: runtime, leadership: leadership, options: options, connections: limiter, logger: logger)
        let idleTimeout = TimeAmount.nanoseconds(Self.nanoseconds(options.idleConnectionTimeout))
        let app = Application(
            responder: CallbackResponder { (request: Request, context: BasicRequestContext) in
                try await handler.respond(to: request, context: context)
            },
            server: HTTPServerBuilder { responder in
                HTTP1OrHTTP2Channel(
                    responder: responder, streamResponder: { request, _ in await handler.reply(to: request) },
                    maxBodyBytes: options.maxRequestBodyBytes, idleTimeout: idleTimeout)
            },
            configuration: ApplicationConfiguration(
                address: .hostname(options.ip, port: options.port), serverName: "swift-mesos-master", backlog: 4096),
            onServerRunning: { channel in
                do {
                    try await channel.pipeline.addHandler(limiter, position: .first).get()
                } catch {
                    logger.error("Cannot limit connections: \(error)")
                }
            },
            logger: logger)
        let recovery = RegistryRecovery(runtime: runtime, source: source, leadership: leadership, configuration: options.core, delay: recoveryDelay, logger: logger)
        let timers = MasterTimers(runtime: runtime, configuration: options.core, expiryInterval: .milliseconds(100))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: app), .init(service: recovery), .init(service: timers),
        ]
        if let election = leadership as? any Service {
            // Losing leadership ends the daemon (see ZooKeeperLeadership).
            services.append(.init(service: election, successTerminationBehavior: .gracefullyShutdownGroup,
                                  failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: signals, cancellationSignals: [], logger: logger))
        logger.info("swift-mesos-master \(MasterVersion.version) listening on \(options.ip):\(options.port), id \(options.core.masterInfo.id)")
        // Cancelling the task that runs the server shuts it down gracefully too.
        let running = Task { try await group.run() }  // Not cancelled with the caller: shut down gracefully instead.
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }
}
