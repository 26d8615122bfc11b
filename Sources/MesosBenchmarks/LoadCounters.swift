import Foundation
import Synchronization

/// What the load generator's agents and frameworks count, shared between them (thread-safe).
/// Latency samples and per-second counts are kept only inside the measurement window.
final class LoadCounters: Sendable {
    private struct State {
        var measuring = false
        var launched = 0
        var running = 0
        var updatesReceived = 0
        var updatesSent = 0
        var tasksEnded = 0
        var errors = 0
        var firstErrors: [String] = []
        var launchLatencies: [Double] = []
        var updateLatencies: [Double] = []
        var totalRunning = 0
    }

    private let state = Mutex(State())

    /// Starts (or stops) counting into the measurement window.
    func setMeasuring(_ on: Bool) { state.withLock { $0.measuring = on } }

    func launched(_ count: Int) { state.withLock { if $0.measuring { $0.launched += count } } }

    /// A TASK_RUNNING reached its framework `latencyMs` after the ACCEPT that launched it.
    func running(latencyMs: Double) {
        state.withLock {
            $0.totalRunning += 1
            guard $0.measuring else { return }
            $0.running += 1
            $0.launchLatencies.append(latencyMs)
        }
    }

    /// A TASK_RUNNING whose launch time is not known (its ACCEPT timed out on this side).
    func runningUntimed() {
        state.withLock { $0.totalRunning += 1 }
    }

    /// A status update reached its framework `latencyMs` after the agent sent it.
    func updateReceived(latencyMs: Double) {
        state.withLock {
            guard $0.measuring else { return }
            $0.updatesReceived += 1
            $0.updateLatencies.append(latencyMs)
        }
    }

    func updateSent() { state.withLock { if $0.measuring { $0.updatesSent += 1 } } }
    func taskEnded() { state.withLock { if $0.measuring { $0.tasksEnded += 1 } } }

    func error(_ message: String) {
        state.withLock {
            $0.errors += 1
            if $0.firstErrors.count < 10 { $0.firstErrors.append(message) }
        }
    }

    /// Every TASK_RUNNING received so far, in or out of the window.
    var totalRunning: Int { state.withLock { $0.totalRunning } }

    struct Snapshot: Sendable {
        var launched, running, updatesReceived, updatesSent, tasksEnded, errors: Int
        var firstErrors: [String]
        var launchLatency: LatencyPercentiles
        var updateLatency: LatencyPercentiles
    }

    func snapshot() -> Snapshot {
        state.withLock {
            Snapshot(
                launched: $0.launched, running: $0.running, updatesReceived: $0.updatesReceived,
                updatesSent: $0.updatesSent, tasksEnded: $0.tasksEnded, errors: $0.errors, firstErrors: $0.firstErrors,
                launchLatency: LatencyPercentiles($0.launchLatencies), updateLatency: LatencyPercentiles($0.updateLatencies))
        }
    }
}
