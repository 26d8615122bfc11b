import Logging
import MesosModel
import MesosResources
import MesosTestKit

/// A benchmark against a real `swift-mesos-master` with simulated agents of `agentResources`.
protocol MasterBenchmark {
    associatedtype Report: Encodable
    var agentResources: String { get }
    var masterFlag: [String] { get }
    var output: String? { get }
    func measure(master: Daemon, resources: [Resource], logger: Logger) async throws -> Report
    static func table(_ report: Report) -> String
}

extension MasterBenchmark {
    /// Starts the master, measures, prints the table and writes the JSON.
    func runAgainstMaster(label: String) async throws {
        var logger = Logger(label: label)
        logger.logLevel = .error
        let resources = Array(try Resources.parse(agentResources))
        let report = try await withBenchmarkMaster(flags: masterFlag) { master in
            try await measure(master: master, resources: resources, logger: logger)
        }
        print(Self.table(report))
        if let output { try writeJSON(report, to: output) }
    }
}

/// Runs `body` against a `swift-mesos-master` (the build's own, a child process on a free loopback
/// port with its own work dir and `flags`), stopping it afterwards; on failure prints its log tail.
func withBenchmarkMaster<T>(flags: [String], _ body: (Daemon) async throws -> T) async throws -> T {
    let master = try await Daemon.start(
        "swift-mesos-master", arguments: ["--port={port}", "--ip=127.0.0.1", "--work_dir={dir}/work"] + flags,
        timeout: .seconds(60))
    do {
        let result = try await body(master)
        await master.stop()
        return result
    } catch {
        print("failed: \(error)\n---- master log ----\n\(master.logTail(lines: 40))")
        await master.stop()
        throw error
    }
}
