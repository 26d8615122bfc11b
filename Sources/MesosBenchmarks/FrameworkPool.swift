/// The load generator's frameworks at work: each reads its events on its own task, and one ticker
/// lets every framework launch what its tokens allow every 5 ms.
final class FrameworkPool: Sendable {
    let frameworks: [LoadFramework]
    private let consumers: [Task<Void, Never>]
    private let ticker: Task<Void, Never>

    init(_ frameworks: [LoadFramework]) {
        self.frameworks = frameworks
        consumers = frameworks.map { framework in Task { await framework.consumeEvents() } }
        ticker = Task {
            while !Task.isCancelled {
                for framework in frameworks { await framework.tick() }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    /// Stops launching.
    func stopLaunching() {
        ticker.cancel()
    }

    /// Stops launching, tears every framework down and ends their event loops.
    func shutdown() async {
        ticker.cancel()
        for framework in frameworks { await framework.shutdown() }
        for consumer in consumers { consumer.cancel() }
    }
}
