import Foundation

/// What one Throttler task reports in its final status: "Executed N queries in X sec", plus (in the
/// status's `data`) each query's latency.
public struct QueryBatchResult: Hashable, Sendable, Codable {
    /// Queries that succeeded.
    public var queries: Int
    /// The task's time for its queries, in seconds.
    public var seconds: Double
    /// Each successful query's latency, in seconds (empty when the task did not report them).
    public var latencies: [Double]

    /// Creates a result.
    public init(queries: Int, seconds: Double, latencies: [Double] = []) {
        self.queries = queries
        self.seconds = seconds
        self.latencies = latencies
    }

    /// `Executed 5 queries in 0.012 sec`.
    public var message: String {
        "Executed \(queries) queries in \(String(format: "%.3f", seconds)) sec"
    }

    /// Reads the first "Executed N queries in X sec" in `text` (a status message or a task's stdout).
    public init?(message text: String) {
        guard let range = text.range(of: "Executed ") else { return nil }
        let words = text[range.upperBound...].split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
        guard words.count >= 4, words[1] == "queries", words[2] == "in",
              let queries = Int(words[0]), let seconds = Double(words[3]), queries >= 0, seconds >= 0
        else { return nil }
        self.init(queries: queries, seconds: seconds)
    }

    /// The latencies as JSON, for a status's `data`.
    public var latencyData: Data {
        (try? JSONEncoder().encode(latencies)) ?? Data()
    }

    /// Latencies from a status's `data` (empty when absent or unreadable).
    public static func latencies(from data: Data?) -> [Double] {
        guard let data, let values = try? JSONDecoder().decode([Double].self, from: data) else { return [] }
        return values
    }
}
