import Logging
import Synchronization

/// What ZooKeeper's threads share with Swift: the session state, its subscribers and the live
/// watches. Watches are registered with ZooKeeper by integer id (never by pointer), so a late
/// callback for a watch that is gone finds nothing and does nothing.
final class ZooKeeperSessionContext: Sendable {
    private struct State {
        var session: ZooKeeperSessionState = .connecting
        var subscribers: [Int: AsyncStream<ZooKeeperSessionState>.Continuation] = [:]
        var watches: [Int: ZooKeeperWatch] = [:]
        var nextID = 1
        var finished = false
    }

    private let state = Mutex(State())
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    var current: ZooKeeperSessionState { state.withLock { $0.session } }

    /// Called on ZooKeeper's thread for session events.
    func update(_ newState: ZooKeeperSessionState) {
        let (subscribers, watches): ([AsyncStream<ZooKeeperSessionState>.Continuation], [ZooKeeperWatch]) = state.withLock {
            guard !$0.finished, $0.session != newState else { return ([], []) }
            $0.session = newState
            var ended: [ZooKeeperWatch] = []
            if newState == .expired || newState == .authenticationFailed {
                ended = Array($0.watches.values)
                $0.watches = [:]
            }
            return (Array($0.subscribers.values), ended)
        }
        guard !subscribers.isEmpty || !watches.isEmpty else { return }
        logger.info("ZooKeeper session \(newState)")
        for subscriber in subscribers { subscriber.yield(newState) }
        for watch in watches { watch.deliver(.session(newState)) }
    }

    func subscribe() -> AsyncStream<ZooKeeperSessionState> {
        let (stream, continuation) = AsyncStream<ZooKeeperSessionState>.makeStream(bufferingPolicy: .unbounded)
        let (id, current, finished): (Int, ZooKeeperSessionState, Bool) = state.withLock {
            let id = $0.nextID
            $0.nextID += 1
            if !$0.finished { $0.subscribers[id] = continuation }
            return (id, $0.session, $0.finished)
        }
        continuation.yield(current)
        if finished {
            continuation.finish()
        } else {
            continuation.onTermination = { [weak self] _ in
                self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
            }
        }
        return stream
    }

    func makeWatch() -> ZooKeeperWatch {
        state.withLock {
            let id = $0.nextID
            $0.nextID += 1
            let watch = ZooKeeperWatch(id: id)
            if $0.finished {
                watch.deliver(.session(.closed))
            } else {
                $0.watches[id] = watch
            }
            return watch
        }
    }

    func dropWatch(_ watch: ZooKeeperWatch) {
        state.withLock { _ = $0.watches.removeValue(forKey: watch.id) }
    }

    /// Called on ZooKeeper's thread when a per-call watch fires.
    func fire(watchContext: UnsafeMutableRawPointer?, event: ZooKeeperWatchEvent) {
        let id = Int(bitPattern: watchContext)
        if case .session(let sessionState) = event, sessionState == .connecting || sessionState == .connected {
            return  // ZooKeeper keeps the watch across reconnections: it has not fired yet.
        }
        let watch = state.withLock { $0.watches.removeValue(forKey: id) }
        watch?.deliver(event)
    }

    /// The client was closed: tell everyone and forget them.
    func finish() {
        let (subscribers, watches) = state.withLock { state -> ([AsyncStream<ZooKeeperSessionState>.Continuation], [ZooKeeperWatch]) in
            state.finished = true
            state.session = .closed
            defer { state.subscribers = [:]; state.watches = [:] }
            return (Array(state.subscribers.values), Array(state.watches.values))
        }
        for subscriber in subscribers {
            subscriber.yield(.closed)
            subscriber.finish()
        }
        for watch in watches { watch.deliver(.session(.closed)) }
    }
}
