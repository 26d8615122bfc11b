import Foundation
import MesosMasterCore
import MesosRecordIO
import ServiceLifecycle

/// The master's clocks as one service: allocation rounds, framework heartbeats,
/// agent pings and timeouts (offers, failover, agent re-registration). On graceful
/// shutdown it closes every subscription so the HTTP server can drain.
struct MasterTimers: Service {
    let runtime: MasterRuntime
    let configuration: MasterConfiguration
    /// How often timeouts are checked.
    let expiryInterval: Duration

    func run() async throws {
        let runtime = runtime
        let operatorHeartbeat = (try? RecordIOEncoder.encode(Array(#"{"type":"HEARTBEAT"}"#.utf8))) ?? []
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await Self.every(configuration.allocator.allocationInterval) { await runtime.allocate() } }
            group.addTask {
                await Self.every(configuration.heartbeatInterval) {
                    await runtime.heartbeat()
                    await runtime.operatorHeartbeat(operatorHeartbeat)
                }
            }
            group.addTask {
                await Self.every(configuration.agentPingTimeout / MasterState.pingPhases) { await runtime.pingDueAgents() }
            }
            group.addTask { await Self.every(expiryInterval) { await runtime.expireTimers() } }
            try? await gracefulShutdown()
            await runtime.closeAllStreams()
            group.cancelAll()
        }
    }

    static func every(_ interval: Duration, _ action: @Sendable () async -> Void) async {
        let interval = max(interval, .milliseconds(10))
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            await action()
        }
    }
}
