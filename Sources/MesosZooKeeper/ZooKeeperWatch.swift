/// A one-shot ZooKeeper watch: ``event()`` returns what happened to the watched node, or the
/// session state that ended the watch.
public final class ZooKeeperWatch: Sendable {
    let id: Int
    private let stream: AsyncStream<ZooKeeperWatchEvent>
    private let continuation: AsyncStream<ZooKeeperWatchEvent>.Continuation

    init(id: Int) {
        self.id = id
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The context pointer ZooKeeper hands back to the watcher: the watch's id, not an address.
    var context: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: id) }

    func deliver(_ event: ZooKeeperWatchEvent) {
        continuation.yield(event)
        continuation.finish()
    }

    /// Waits for the watch to fire. Cancelling the waiting task returns `.session(.closed)`.
    public func event() async -> ZooKeeperWatchEvent {
        for await event in stream { return event }
        return .session(.closed)
    }
}
