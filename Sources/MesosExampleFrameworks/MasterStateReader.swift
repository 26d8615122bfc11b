import Foundation
import Logging
import MesosHTTPClient

/// Reads ``ClusterSnapshot``s from a master's `/master/state` endpoint.
public final class MasterStateReader: Sendable {
    private let client: HTTPClient
    private let baseURL: String

    /// A reader for the master at `master` (`host:port` or `http://host:port`).
    public init(master: String, logger: Logger) throws {
        client = try HTTPClient(logger: logger)
        baseURL = master.hasPrefix("http://") || master.hasPrefix("https://") ? master : "http://\(master)"
    }

    /// The cluster as the master sees it now.
    public func snapshot() async throws -> ClusterSnapshot {
        let response = try await client.execute(HTTPRequest(url: baseURL + "/master/state", timeout: .seconds(10)))
        guard response.status == 200 else {
            throw ClusterSnapshotError(description: "GET /master/state answered \(response.status)")
        }
        return try ClusterSnapshot(stateJSON: Data(response.body))
    }

    /// Releases the HTTP client.
    public func shutdown() async {
        await client.shutdown()
    }
}
