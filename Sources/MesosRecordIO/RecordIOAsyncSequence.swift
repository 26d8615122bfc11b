/// The RecordIO records carried by an asynchronous sequence of byte chunks.
///
/// Each element is one record payload. Chunk boundaries in `Base` need not match record boundaries.
/// Errors of `Base` and ``RecordIOError``s are thrown in stream order (records completed before an
/// invalid prefix are still delivered). A stream that ends inside a record throws
/// ``RecordIOError/truncatedStream(bufferedBytes:expectedBytes:)``. When the consuming task is
/// cancelled, `next()` throws `CancellationError` (also when `Base` reacts to the cancellation by
/// ending), so a cancelled consumer never mistakes it for a clean end of stream; cancellation
/// reaches `Base` too, which stops the underlying transfer if it supports cancellation.
/// After throwing, the iterator returns `nil`.
public struct RecordIOAsyncSequence<Base: AsyncSequence>: AsyncSequence
where Base.Element: Collection, Base.Element.Element == UInt8 {
    public typealias Element = [UInt8]

    private let base: Base
    private let maximumRecordSize: Int

    /// Decodes the records carried by `base`, refusing records above `maximumRecordSize` bytes.
    public init(_ base: Base, maximumRecordSize: Int = RecordIODecoder.defaultMaximumRecordSize) {
        self.base = base
        self.maximumRecordSize = maximumRecordSize
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), decoder: RecordIODecoder(maximumRecordSize: maximumRecordSize))
    }

    /// Pulls chunks from the base sequence and yields the records they complete.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private var base: Base.AsyncIterator
        private var decoder: RecordIODecoder
        private var ready: [[UInt8]] = []
        private var readyIndex = 0
        private var isFinished = false

        init(base: Base.AsyncIterator, decoder: RecordIODecoder) {
            self.base = base
            self.decoder = decoder
        }

        public mutating func next() async throws -> [UInt8]? {
            while true {
                if readyIndex < ready.count {
                    let record = ready[readyIndex]
                    readyIndex += 1
                    return record
                }
                if isFinished { return nil }
                do {
                    try Task.checkCancellation()
                    guard let chunk = try await base.next() else {
                        isFinished = true
                        // Many sequences (AsyncStream among them) end with nil when the consumer is
                        // cancelled; that is not a clean end of the stream.
                        try Task.checkCancellation()
                        try decoder.finish()
                        return nil
                    }
                    ready = try decoder.append(chunk)
                    readyIndex = 0
                } catch {
                    isFinished = true
                    ready = []
                    readyIndex = 0
                    throw error
                }
            }
        }
    }
}

extension RecordIOAsyncSequence: Sendable where Base: Sendable {}

extension AsyncSequence where Element: Collection, Element.Element == UInt8 {
    /// The RecordIO records carried by this sequence of byte chunks.
    public func recordIORecords(
        maximumRecordSize: Int = RecordIODecoder.defaultMaximumRecordSize
    ) -> RecordIOAsyncSequence<Self> {
        RecordIOAsyncSequence(self, maximumRecordSize: maximumRecordSize)
    }
}
