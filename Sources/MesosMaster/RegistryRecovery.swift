import Logging
import MesosMasterCore
import ServiceLifecycle

/// Recovers the registry (after `delay`), then lets requests in.
struct RegistryRecovery: Service {
    let runtime: MasterRuntime
    let registry: MasterRegistry?
    let configuration: MasterConfiguration
    let delay: Duration
    let logger: Logger

    func run() async throws {
        if delay > .zero { try? await Task.sleep(for: delay) }
        await runtime.recover(registry: registry, configuration: configuration)
        if let registry {
            logger.info("Recovered the registry: \(registry.agents.count) agents, \(registry.frameworks.count) frameworks")
        }
        try? await gracefulShutdown()
    }
}
