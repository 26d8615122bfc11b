import Logging
import ServiceLifecycle

/// The master connection and the update timer, stopped on graceful shutdown.
struct AgentBackground: Service {
    let runtime: AgentRuntime
    let connection: MasterConnection
    let logger: Logger

    func run() async throws {
        let runtime = self.runtime
        let connection = self.connection
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await connection.run() }
                group.addTask { await runtime.runTimer() }
                await group.waitForAll()
            }
        }
    }
}
