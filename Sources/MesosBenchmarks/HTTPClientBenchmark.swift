import ArgumentParser
import Foundation
import Logging
import MesosHTTPClient
import MesosTestKit

/// `swift-mesos-bench http-client`: what one request costs `MesosHTTPClient` (the agent's and the
/// SDK's client): requests per second and CPU per request of the client's process and of the
/// server (a real master answering `GET /health`), one at a time and many at once.
struct HTTPClientBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http-client",
        abstract: "Time MesosHTTPClient requests against a real master (GET /health): requests/s and CPU per request."
    )

    @Option(help: "Requests per measurement (after a tenth as warm-up).")
    var requests = 20_000

    @Option(help: "Requests in flight at once in the concurrent measurement.")
    var concurrency = 64

    @Option(help: "Write the results as JSON to this file.")
    var output: String?

    struct Row: Codable {
        var mode: String
        var requests: Int
        var requestsPerSecond: Double
        var clientCPUMicrosecondsPerRequest: Double
        var serverCPUMicrosecondsPerRequest: Double
    }

    struct Report: Codable {
        var benchmark = "http-client"
        var machine: MachineInfo
        var results: [Row]
    }

    func validate() throws {
        guard (1...10_000_000).contains(requests) else {
            throw ValidationError("--requests must be between 1 and 10000000, got \(requests)")
        }
        guard (1...1_000).contains(concurrency) else {
            throw ValidationError("--concurrency must be between 1 and 1000, got \(concurrency)")
        }
    }

    func run() async throws {
        var logger = Logger(label: "http-client-bench")
        logger.logLevel = .error
        let rows = try await withBenchmarkMaster(flags: []) { master in
            let client = try HTTPClient(logger: logger)
            defer { Task { await client.shutdown() } }
            let url = "\(master.baseURL)/health"
            var rows: [Row] = []
            for (mode, width) in [("one at a time", 1), ("\(concurrency) at once", concurrency)] {
                try await send(max(1, requests / 10), width: width, url: url, client: client)
                let clientBefore = ProcessUsage.read(pid: getpid())?.cpuSeconds ?? 0
                let serverBefore = ProcessUsage.read(pid: master.process.pid)?.cpuSeconds ?? 0
                let clock = ContinuousClock()
                let start = clock.now
                try await send(requests, width: width, url: url, client: client)
                let seconds = (clock.now - start).milliseconds / 1000
                let clientCPU = (ProcessUsage.read(pid: getpid())?.cpuSeconds ?? 0) - clientBefore
                let serverCPU = (ProcessUsage.read(pid: master.process.pid)?.cpuSeconds ?? 0) - serverBefore
                rows.append(Row(
                    mode: mode, requests: requests, requestsPerSecond: Double(requests) / seconds,
                    clientCPUMicrosecondsPerRequest: clientCPU * 1e6 / Double(requests),
                    serverCPUMicrosecondsPerRequest: serverCPU * 1e6 / Double(requests)))
            }
            return rows
        }
        print("MesosHTTPClient against a master's GET /health (\(requests) requests each)")
        print("mode                 requests/s   client CPU µs/request   server CPU µs/request")
        for row in rows {
            print(
                row.mode.padding(toLength: 18, withPad: " ", startingAt: 0)
                    + String(format: "   %10.0f   %21.1f   %21.1f", row.requestsPerSecond, row.clientCPUMicrosecondsPerRequest,
                        row.serverCPUMicrosecondsPerRequest))
        }
        if let output {
            try writeJSON(Report(machine: .current(), results: rows), to: output)
            print("\nWrote \(output)")
        }
    }

    /// Sends `count` requests, `width` at a time; every answer must be 200.
    private func send(_ count: Int, width: Int, url: String, client: HTTPClient) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let perTask = count / width
            for index in 0..<width {
                let share = perTask + (index < count % width ? 1 : 0)
                group.addTask {
                    for _ in 0..<share {
                        let response = try await client.execute(HTTPRequest(url: url))
                        guard response.status == 200 else {
                            throw BenchmarkError("GET /health answered \(response.status)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
