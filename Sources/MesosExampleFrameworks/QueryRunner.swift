import Foundation
import Logging
import MesosHTTPClient

/// Runs a batch of sequential HTTP GETs against a target: the work of one Throttler task.
public struct QueryRunner: Sendable {
    /// What a batch did: the queries that succeeded and, if one failed, why.
    public struct Outcome: Hashable, Sendable {
        /// The successful queries, the batch's time and each query's latency.
        public var result: QueryBatchResult
        /// Why the batch stopped early (a failed query), nil when every query succeeded.
        public var failure: String?
        /// Whether the batch stopped because its task was cancelled.
        public var cancelled: Bool
    }

    private let client: HTTPClient
    private let target: String
    private let timeout: Duration

    /// A runner that GETs `target` with `client`; each query may take up to `timeout`.
    public init(client: HTTPClient, target: String, timeout: Duration = .seconds(30)) {
        self.client = client
        self.target = target
        self.timeout = timeout
    }

    /// Runs `queries` GETs one after another, stopping at the first that fails (a transport error
    /// or a status of 400 or more) or when the calling task is cancelled.
    public func run(queries: Int) async -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        var latencies: [Double] = []
        func outcome(failure: String? = nil, cancelled: Bool = false) -> Outcome {
            let result = QueryBatchResult(
                queries: latencies.count, seconds: Self.seconds(clock.now - start), latencies: latencies)
            return Outcome(result: result, failure: failure, cancelled: cancelled)
        }
        guard queries > 0 else { return outcome() }
        for number in 1...queries {
            if Task.isCancelled { return outcome(cancelled: true) }
            let sent = clock.now
            do {
                let response = try await client.execute(HTTPRequest(url: target, timeout: timeout))
                guard response.status < 400 else {
                    return outcome(failure: "query \(number) of \(queries) failed: HTTP \(response.status)")
                }
            } catch {
                if Task.isCancelled { return outcome(cancelled: true) }
                return outcome(failure: "query \(number) of \(queries) failed: \(error)")
            }
            latencies.append(Self.seconds(clock.now - sent))
        }
        return outcome()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
