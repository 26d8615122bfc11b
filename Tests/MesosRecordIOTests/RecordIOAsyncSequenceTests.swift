import Synchronization
import Testing
@testable import MesosRecordIO

@Suite struct RecordIOAsyncSequenceTests {
    private struct SourceFailure: Error, Equatable {}

    private func collect<S: AsyncSequence>(_ sequence: S) async throws -> [[UInt8]] where S.Element == [UInt8] {
        var records: [[UInt8]] = []
        for try await record in sequence {
            records.append(record)
        }
        return records
    }

    @Test func yieldsRecordsFromRandomlyChunkedStream() async throws {
        var generator = SeededGenerator(seed: 7)
        var stream: [UInt8] = []
        var expected: [[UInt8]] = []
        for index in 0..<50 {
            let record = [UInt8]("{\"type\":\"UPDATE\",\"n\":\(index)}") + [UInt8](repeating: 0x20, count: index * 13)
            expected.append(record)
            try RecordIOEncoder.encode(record, into: &stream)
        }
        let chunks = stream.chunked(sizes: 1...97, using: &generator)
        let source = AsyncStream<[UInt8]> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        #expect(try await collect(source.recordIORecords()) == expected)
    }

    @Test func acceptsArraySliceChunks() async throws {
        let source = AsyncStream<ArraySlice<UInt8>> { continuation in
            continuation.yield([UInt8]("__3\nab")[2...])
            continuation.yield([UInt8]("c")[...])
            continuation.finish()
        }
        #expect(try await collect(RecordIOAsyncSequence(source)) == [[UInt8]("abc")])
    }

    @Test func propagatesSourceErrorsAfterEarlierRecords() async throws {
        let source = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield([UInt8]("2\nok3\nab"))
            continuation.finish(throwing: SourceFailure())
        }
        var iterator = source.recordIORecords().makeAsyncIterator()
        #expect(try await iterator.next() == [UInt8]("ok"))
        await #expect(throws: SourceFailure.self) { _ = try await iterator.next() }
        #expect(try await iterator.next() == nil)
    }

    @Test func reportsDecodingErrorsInStreamOrder() async throws {
        let source = AsyncStream<[UInt8]> { continuation in
            continuation.yield([UInt8]("2\nok-1\n"))
            continuation.finish()
        }
        var iterator = source.recordIORecords().makeAsyncIterator()
        #expect(try await iterator.next() == [UInt8]("ok"))
        await #expect(throws: RecordIOError.invalidLengthPrefix(prefix: "-")) { _ = try await iterator.next() }
        #expect(try await iterator.next() == nil)
    }

    @Test func reportsTruncatedStream() async throws {
        let source = AsyncStream<[UInt8]> { continuation in
            continuation.yield([UInt8]("10\nshort"))
            continuation.finish()
        }
        await #expect(throws: RecordIOError.truncatedStream(bufferedBytes: 5, expectedBytes: 10)) {
            _ = try await collect(source.recordIORecords())
        }
    }

    @Test func refusesOversizeRecordFromStream() async throws {
        let source = AsyncStream<[UInt8]> { continuation in
            continuation.yield([UInt8]("4096\n"))
            continuation.finish()
        }
        await #expect(throws: RecordIOError.recordTooLarge(declaredLength: "409", limit: 100)) {
            _ = try await collect(source.recordIORecords(maximumRecordSize: 100))
        }
    }

    /// Yields one chunk, then signals `waiting` and blocks until the consuming task is cancelled.
    private struct BlockingSource: AsyncSequence, Sendable {
        let firstChunk: [UInt8]
        let waiting: AsyncStream<Void>.Continuation
        let sawCancellation: SharedFlag

        struct AsyncIterator: AsyncIteratorProtocol {
            let source: BlockingSource
            var sentFirstChunk = false

            mutating func next() async -> [UInt8]? {
                if !sentFirstChunk {
                    sentFirstChunk = true
                    return source.firstChunk
                }
                let (neverEnding, keepOpen) = AsyncStream<Void>.makeStream()
                source.waiting.yield()
                for await _ in neverEnding {}  // returns only when the task is cancelled
                withExtendedLifetime(keepOpen) {}
                let cancelled = Task.isCancelled
                source.sawCancellation.set(cancelled)
                return nil
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: self) }
    }

    @Test func cancellationReachesTheSourceAndThrows() async throws {
        let (waiting, waitingInput) = AsyncStream<Void>.makeStream()
        let sawCancellation = SharedFlag()
        let source = BlockingSource(firstChunk: [UInt8]("5\nhello3\nab"), waiting: waitingInput, sawCancellation: sawCancellation)

        let consumer = Task {
            var iterator = source.recordIORecords().makeAsyncIterator()
            let first = try await iterator.next()
            let second = try await iterator.next()  // second record incomplete: blocks in the source
            return (first, second)
        }
        for await _ in waiting { break }
        consumer.cancel()

        await #expect(throws: CancellationError.self) { _ = try await consumer.value }
        #expect(sawCancellation.isSet)
    }
}

/// A flag shared between tasks.
final class SharedFlag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set(_ newValue: Bool) { value.withLock { $0 = newValue } }
}
