import Logging
import ServiceLifecycle

/// Runs `service` (a test's fake HTTP server, a Hummingbird `Application`) while `body` runs, then
/// stops it with a graceful shutdown and waits for it to end (at most 10 s).
///
/// Cancelling a NIO server's task instead traps when a connection it accepted is not served yet
/// ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#3481): a clean-clone CI
/// run crashed so.
public func withRunningService<T>(
    _ service: some Service, logger: Logger, _ body: () async throws -> T
) async throws -> T {
    let services = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        await services.triggerGracefulShutdown()
        group.addTask {
            try await Task.sleep(for: .seconds(10))
            throw TestKitError("a test server did not shut down within 10 s")
        }
        _ = try? await group.next()  // the service stopped (or the time limit passed)
        group.cancelAll()
        return try result.get()
    }
}

/// A service started in the background with ``start(_:logger:)`` and stopped with a graceful
/// shutdown (``stop()``), for fakes that outlive one scope.
public final class BackgroundService: Sendable {
    private let services: ServiceGroup
    private let task: Task<Void, Never>

    private init(services: ServiceGroup) {
        self.services = services
        task = Task { try? await services.run() }
    }

    /// Starts running `service`.
    public static func start(_ service: some Service, logger: Logger) -> BackgroundService {
        BackgroundService(services: ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [], logger: logger)))
    }

    /// Stops the service gracefully and waits for it to end.
    public func stop() async {
        await services.triggerGracefulShutdown()
        await task.value
    }
}
