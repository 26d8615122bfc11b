import Foundation

/// The result of a Throttler run: tasks, queries, failures, wall time, throughput and latency
/// percentiles (of each task's time for its batch, and of single queries when tasks reported them).
public struct ThrottlerReport: Hashable, Sendable {
    /// Tasks that finished their batch.
    public var finishedTasks: Int
    /// Tasks launched.
    public var launchedTasks: Int
    /// Queries run by finished tasks.
    public var executedQueries: Int
    /// Queries asked for.
    public var totalQueries: Int
    /// Failed tasks.
    public var failures: Int
    /// Errors tolerated.
    public var maxErrors: Int
    /// From the first offer to the last terminal status, in seconds.
    public var wallSeconds: Double
    /// The most tasks in flight at once.
    public var peakInFlight: Int
    /// The parallelism asked for.
    public var parallelism: Int
    /// Percentiles of each finished task's time for its batch.
    public var taskLatency: Percentiles?
    /// Percentiles of single queries' latencies.
    public var queryLatency: Percentiles?
    /// Whether the run was aborted (errors passed `maxErrors`, or a signal).
    public var aborted: Bool

    /// The report of `ledger` after `wallSeconds`.
    public init(ledger: ThrottlerLedger, wallSeconds: Double) {
        finishedTasks = ledger.finished.count
        launchedTasks = ledger.launchedTasks
        executedQueries = ledger.executedQueries
        totalQueries = ledger.totalQueries
        failures = ledger.failures.count
        maxErrors = ledger.maxErrors
        self.wallSeconds = wallSeconds
        peakInFlight = ledger.peakInFlight
        parallelism = ledger.parallelism
        taskLatency = Percentiles(of: ledger.taskSeconds)
        queryLatency = Percentiles(of: ledger.finished.values.flatMap(\.latencies))
        aborted = ledger.isAborted
    }

    /// Queries per second of wall time.
    public var queriesPerSecond: Double { wallSeconds > 0 ? Double(executedQueries) / wallSeconds : 0 }

    /// Whether the run failed: more errors than tolerated (the exit code is then 1).
    public var failed: Bool { failures > maxErrors }

    /// Whether the run did everything asked: every query executed by a finished task, errors
    /// within `maxErrors` (the exit code is then 0).
    public var succeeded: Bool { !failed && !aborted && executedQueries == totalQueries }

    /// The report as text, one fact per line.
    public func render() -> String {
        var lines = [
            "Throttler report",
            "  tasks          \(finishedTasks) finished of \(launchedTasks) launched (at most \(peakInFlight) at once, parallelism \(parallelism))",
            "  queries        \(executedQueries) of \(totalQueries) executed",
            "  failures       \(failures) (max errors \(maxErrors))",
            "  wall time      \(Self.format(wallSeconds)) s",
            "  throughput     \(Self.format(queriesPerSecond)) queries/s",
        ]
        if let taskLatency { lines.append("  task time      " + Self.render(taskLatency)) }
        if let queryLatency { lines.append("  query latency  " + Self.render(queryLatency)) }
        lines.append("  result         " + (failed ? "FAILED: more than \(maxErrors) errors" : aborted ? "ABORTED" : "OK"))
        return lines.joined(separator: "\n")
    }

    static func render(_ percentiles: Percentiles) -> String {
        "p50 \(milliseconds(percentiles.p50))  p90 \(milliseconds(percentiles.p90))  "
            + "p99 \(milliseconds(percentiles.p99))  max \(milliseconds(percentiles.max))"
    }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
