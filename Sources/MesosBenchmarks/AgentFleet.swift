import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import MesosTestKit

/// The load generator's simulated agents: `count` ``LoadAgent``s sharing a few HTTP clients
/// (curl threads) over HTTP/1.1, or a few HTTP/2 connections, registered with bounded concurrency.
struct AgentFleet {
    /// Agents per HTTP/2 connection: each holds one stream for its subscription and opens one per
    /// call, under the master's limit of 100 streams per connection.
    static let agentsPerHTTP2Connection = 40

    let agents: [LoadAgent]
    let clients: [HTTPClient]
    let connections: [H2CConnection]

    /// `http2`: the agents speak HTTP/2 with prior knowledge over shared connections
    /// (``H2CConnection``, `agentsPerHTTP2Connection` agents each), as a process simulating more
    /// agents than it has file descriptors must; otherwise HTTP/1.1, where each agent's stream
    /// holds a connection.
    init(
        count: Int, master: String, resources: [Resource], runTime: Duration?, clients clientCount: Int, http2: Bool = false,
        counters: LoadCounters, logger: Logger
    ) async throws {
        if http2 {
            guard let url = URLComponents(string: master), let host = url.host, let port = url.port else {
                throw BenchmarkError("cannot tell host and port from \(master)")
            }
            var connections: [H2CConnection] = []
            for _ in 0..<((count + Self.agentsPerHTTP2Connection - 1) / Self.agentsPerHTTP2Connection) {
                connections.append(try await H2CConnection.connect(host: host, port: port))
            }
            self.connections = connections
            clients = []
            agents = (0..<count).map { index in
                LoadAgent(
                    master: master, transport: .http2(connections[index / Self.agentsPerHTTP2Connection]), hostname: "sim-\(index)",
                    resources: resources, runTime: runTime, counters: counters)
            }
            return
        }
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
        connections = []
        agents = (0..<count).map { index in
            LoadAgent(
                master: master, transport: .http1(clients[index % clients.count]), hostname: "sim-\(index)",
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

    /// Closes every subscription, the clients and the connections.
    func close() async {
        for agent in agents { await agent.close() }
        for client in clients { await client.shutdown() }
        for connection in connections { await connection.close() }
    }
}
