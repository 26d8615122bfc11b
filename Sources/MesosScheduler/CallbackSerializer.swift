import Synchronization

/// Runs async closures one at a time, in arrival order: the driver's callbacks never overlap, even
/// when some come from the event stream and others from the driver itself.
final class CallbackSerializer: Sendable {
    private struct State {
        var isBusy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Waits for the closures that arrived before, then runs `body`.
    func run(_ body: () async -> Void) async {
        await acquire()
        await body()
        release()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isFree = state.withLock { state in
                guard state.isBusy else {
                    state.isBusy = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if isFree { continuation.resume() }
        }
    }

    private func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.isBusy = false
                return nil
            }
            return state.waiters.removeFirst()  // stays busy: ownership passes to the next waiter
        }
        next?.resume()
    }
}
