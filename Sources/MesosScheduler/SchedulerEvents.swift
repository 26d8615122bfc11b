/// The events of a ``SchedulerClient`` subscription (see ``SchedulerClient/events``).
public struct SchedulerEvents: AsyncSequence, Sendable {
    public typealias Element = SchedulerEvent

    let client: SchedulerClient

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(loop: SubscriptionLoop(client: client))
    }

    /// Yields events, connecting and reconnecting as needed.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let loop: SubscriptionLoop

        /// The next event; `nil` after ``SchedulerClient/shutdown()``.
        ///
        /// - Throws: ``SchedulerError/frameworkRemoved(message:)`` after an `.error` event,
        ///   another ``SchedulerError`` for a permanent refusal (bad credentials, rejected
        ///   SUBSCRIBE), `CancellationError` when the iterating task is cancelled.
        public mutating func next() async throws -> SchedulerEvent? {
            try await loop.next()
        }
    }
}
