import ArgumentParser
import Foundation
import Logging
import MesosExampleFrameworks
import MesosHTTPClient

/// `swift-mesos-throttler run-queries`: the worker of a Throttler task. Runs `--queries` sequential
/// GETs of `--target`; with `--executor` it is a Mesos custom executor reporting through its agent,
/// else it prints "Executed N queries in X sec" and exits 0 (1 after a failed query).
struct RunQueriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-queries", abstract: "Runs a batch of sequential GETs (the Throttler's worker).",
        shouldDisplay: false)

    @Option(help: "The URL to GET.") var target: String
    @Option(help: "How many GETs.") var queries: Int
    @Flag(help: "Run as a Mesos custom executor (MESOS_AGENT_ENDPOINT, MESOS_FRAMEWORK_ID, MESOS_EXECUTOR_ID).")
    var executor = false

    func validate() throws {
        if let problem = TargetURL.problem(with: target) { throw ValidationError("--target: \(problem)") }
        guard queries >= 1 else { throw ValidationError("--queries must be at least 1, not \(queries)") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardOutput(label: $0) }
        var logger = Logger(label: "throttler-worker")
        logger.logLevel = .info
        if executor {
            let worker = try ThrottlerExecutor(
                environment: ProcessInfo.processInfo.environment, target: target, queries: queries, logger: logger)
            guard try await worker.run() else { throw ExitCode(1) }
            return
        }
        let client = try HTTPClient(logger: logger)
        let outcome = await QueryRunner(client: client, target: target).run(queries: queries)
        await client.shutdown()
        if let failure = outcome.failure {
            say("\(failure) (executed \(outcome.result.queries) queries in \(String(format: "%.3f", outcome.result.seconds)) sec)")
            throw ExitCode(1)
        }
        say(outcome.result.message)
    }
}
