import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A small HTTP server on 127.0.0.1 for the Throttler to load-test: `GET /query` answers `200 OK`
/// (or `500` when it is failing) after an optional delay (a database's latency), and counts every
/// request. Used by `make demo-throttler` and the tests.
public final class LocalQueryTarget: Sendable {
    /// What the route and the owner share.
    private final class State: Sendable {
        let requests = Mutex(0)
        let failing: Mutex<Bool>
        init(failing: Bool) { self.failing = Mutex(failing) }
    }

    /// The port it listens on.
    public let port: Int
    private let state: State
    private let services: ServiceGroup
    private let server: Mutex<Task<Void, any Error>?>

    /// The URL of its query endpoint.
    public var url: String { "http://127.0.0.1:\(port)/query" }

    /// Requests received so far.
    public var requestCount: Int { state.requests.withLock { $0 } }

    private init(port: Int, state: State, services: ServiceGroup, server: Task<Void, any Error>) {
        self.port = port
        self.state = state
        self.services = services
        self.server = Mutex(server)
    }

    /// Makes every later query answer `500` (`true`) or `200` (`false`).
    public func setFailing(_ value: Bool) { state.failing.withLock { $0 = value } }

    /// Starts a target on a free port that answers each query after `delay` (answering `500` from
    /// the start when `failing`).
    public static func start(
        failing: Bool = false, delay: Duration = .zero, logger: Logger
    ) async throws -> LocalQueryTarget {
        let state = State(failing: failing)
        let router = Router()
        router.get("query") { _, _ -> Response in
            state.requests.withLock { $0 += 1 }
            if delay > .zero { try await Task.sleep(for: delay) }
            return Response(status: state.failing.withLock { $0 } ? .internalServerError : .ok)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let server = Task {
            defer { portContinuation.finish() }
            try await services.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw LocalQueryTargetError(description: "the query target did not start on 127.0.0.1")
        }
        return LocalQueryTarget(port: port, state: state, services: services, server: server)
    }

    /// Stops the server (gracefully: requests in progress are answered).
    public func stop() async {
        let task = server.withLock { task in
            defer { task = nil }
            return task
        }
        guard let task else { return }
        await services.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

/// The target failed to start.
public struct LocalQueryTargetError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String
}
