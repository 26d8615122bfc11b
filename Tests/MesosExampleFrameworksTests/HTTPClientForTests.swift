import Foundation
import Logging
import MesosHTTPClient

/// Reads the master's state as JSON, for assertions beyond ``ClusterSnapshot``.
struct HTTPClientForTests {
    let client: HTTPClient

    init() throws {
        client = try HTTPClient(logger: Logger(label: "test.example-frameworks"))
    }

    func state(_ baseURL: String) async throws -> [String: Any] {
        let response = try await client.execute(HTTPRequest(url: baseURL + "/master/state", timeout: .seconds(10)))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    func shutdown() async { await client.shutdown() }
}
