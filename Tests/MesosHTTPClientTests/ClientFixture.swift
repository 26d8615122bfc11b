import Logging
@testable import MesosHTTPClient

/// Runs `body` with a fresh server and a fresh client (own connection cache), then shuts both down.
func withServerAndClient<T>(
    configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
    _ body: (TestServer, HTTPClient) async throws -> T
) async throws -> T {
    try await TestServer.with { server in
        let client = try HTTPClient(configuration: configuration, logger: quietLogger)
        do {
            let result = try await body(server, client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

/// How long `operation` takes.
func measure<T>(_ operation: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await operation()
    return (result, clock.now - start)
}
