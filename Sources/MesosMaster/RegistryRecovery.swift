import Logging
import MesosMasterCore
import ServiceLifecycle

/// Recovers the registry (after `delay`), then lets requests in.
struct RegistryRecovery: Service {
    /// Where the registry to recover comes from.
    enum Source: Sendable {
        /// Read at startup (the work dir's registry).
        case loaded(MasterRegistry?)
        /// Read from `storage` once this master leads (the registry in ZooKeeper), then written
        /// back at once, so that a deposed predecessor's later writes fail.
        case onLeadership(any RegistryStorage)
    }

    let runtime: MasterRuntime
    let source: Source
    let leadership: any Leadership
    let configuration: MasterConfiguration
    let delay: Duration
    let logger: Logger

    func run() async throws {
        if delay > .zero { try? await Task.sleep(for: delay) }
        let registry: MasterRegistry?
        switch source {
        case .loaded(let loaded):
            registry = loaded
        case .onLeadership(let storage):
            while leadership.state != .leading {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                try? await Task.sleep(for: .milliseconds(25))
            }
            registry = try await storage.load()
            try await storage.save(registry ?? MasterRegistry())
            logger.info("Elected: read the registry from \(storage.location)")
        }
        await runtime.recover(registry: registry, configuration: configuration)
        if let registry {
            logger.info("Recovered the registry: \(registry.agents.count) agents, \(registry.frameworks.count) frameworks")
        }
        try? await gracefulShutdown()
    }
}
