import Foundation
import Logging
import MesosHTTPClient
import MesosModel

/// The load generator's simulated agents: `count` ``LoadAgent``s sharing a few HTTP clients
/// (curl threads), registered with bounded concurrency.
struct AgentFleet {
    let agents: [LoadAgent]
    let clients: [HTTPClient]

    init(count: Int, master: String, resources: [Resource], runTime: Duration?, clients clientCount: Int, counters: LoadCounters, logger: Logger) throws {
        // Each agent's stream holds a connection; its calls share a pool of kept-alive connections
        // (opening one per call would flood the master's accept queue).
        let agentsPerClient = (count + clientCount - 1) / clientCount
        let clients = try (0..<clientCount).map { _ in
            try HTTPClient(
                configuration: HTTPClientConfiguration(
                    defaultTimeout: .seconds(60), connectionCacheSize: agentsPerClient + 64,
                    maximumConnectionsPerHost: agentsPerClient + 64),
                logger: logger)
        }
        self.clients = clients
        agents = (0..<count).map { index in
            LoadAgent(
                master: master, client: clients[index % clients.count], hostname: "sim-\(index)",
                resources: resources, runTime: runTime, counters: counters)
        }
    }

    /// Subscribes every agent, `concurrency` at a time; returns how long it took, in seconds.
    func subscribeAll(concurrency: Int = 100) async throws -> Double {
        let start = ContinuousClock.now
        let agents = agents
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<min(concurrency, agents.count) {
                let agent = agents[next]
                next += 1
                group.addTask { try await agent.subscribe() }
            }
            while try await group.next() != nil, next < agents.count {
                let agent = agents[next]
                next += 1
                group.addTask { try await agent.subscribe() }
            }
        }
        return (ContinuousClock.now - start).milliseconds / 1000
    }

    /// Closes every subscription and the clients.
    func close() async {
        for agent in agents { await agent.close() }
        for client in clients { await client.shutdown() }
    }
}
