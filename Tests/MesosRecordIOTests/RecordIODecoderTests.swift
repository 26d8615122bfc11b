import Testing
@testable import MesosRecordIO

@Suite struct RecordIODecoderTests {
    /// Random records whose payloads include newlines and digits, encoded back to back.
    private func randomStream(using generator: inout SeededGenerator) throws -> (records: [[UInt8]], stream: [UInt8]) {
        let alphabet = [UInt8]("0123456789\n{}\"abc") + [0x00, 0xFF]
        var records: [[UInt8]] = []
        var stream: [UInt8] = []
        for _ in 0..<Int.random(in: 1...12, using: &generator) {
            let size = Bool.random(using: &generator)
                ? Int.random(in: 1...9, using: &generator)
                : Int.random(in: 10...3000, using: &generator)
            let record = (0..<size).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            records.append(record)
            try RecordIOEncoder.encode(record, into: &stream)
        }
        return (records, stream)
    }

    private func decodeAll(_ chunks: [[UInt8]], maximumRecordSize: Int = RecordIODecoder.defaultMaximumRecordSize) throws -> [[UInt8]] {
        var decoder = RecordIODecoder(maximumRecordSize: maximumRecordSize)
        var records: [[UInt8]] = []
        for chunk in chunks {
            records += try decoder.append(chunk)
        }
        try decoder.finish()
        return records
    }

    @Test func roundTripsWithRandomChunkBoundaries() throws {
        var generator = SeededGenerator(seed: 0x5EED_CAFE)
        for iteration in 0..<300 {
            let (records, stream) = try randomStream(using: &generator)
            let sizes: ClosedRange<Int> = switch iteration % 3 {
            case 0: 1...3
            case 1: 1...64
            default: 1...4096
            }
            let chunks = stream.chunked(sizes: sizes, using: &generator)
            #expect(try decodeAll(chunks) == records, "iteration \(iteration)")
        }
    }

    @Test func roundTripsOneByteChunksAndSingleChunk() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<20 {
            let (records, stream) = try randomStream(using: &generator)
            #expect(try decodeAll(stream.map { [$0] }) == records)
            #expect(try decodeAll([stream]) == records)
        }
    }

    @Test func acceptsArraySlicesAndNonContiguousCollections() throws {
        let stream = [UInt8]("xx3\nabc2\nde")
        var decoder = RecordIODecoder()
        #expect(try decoder.append(stream[2...]) == [[UInt8]("abc"), [UInt8]("de")])
        var second = RecordIODecoder()
        #expect(try second.append([UInt8]("4\nwxyz").reversed().reversed()) == [[UInt8]("wxyz")])
    }

    @Test func manyRecordsInOneChunkAndRecordSplitAcrossManyChunks() throws {
        var stream: [UInt8] = []
        for index in 1...100 {
            try RecordIOEncoder.encode([UInt8]("event-\(index)"), into: &stream)
        }
        var decoder = RecordIODecoder()
        let records = try decoder.append(stream)
        #expect(records.count == 100)
        #expect(records.last == [UInt8]("event-100"))

        let big = [UInt8](repeating: 7, count: 10_000)
        let framed = try RecordIOEncoder.encode(big)
        var split = RecordIODecoder()
        var collected: [[UInt8]] = []
        for start in stride(from: 0, to: framed.count, by: 100) {
            collected += try split.append(framed[start..<min(framed.count, start + 100)])
            if start + 100 < framed.count {
                #expect(collected.isEmpty)
            }
        }
        #expect(collected == [big])
        #expect(split.bufferedByteCount == 0)
    }

    @Test func acceptsRecordOfExactlyTheMaximumSize() throws {
        let payload = [UInt8](repeating: 1, count: 1024)
        #expect(try decodeAll([RecordIOEncoder.encode(payload)], maximumRecordSize: 1024) == [payload])
    }

    @Test func refusesRecordAboveTheMaximumBeforeAllocating() {
        var decoder = RecordIODecoder(maximumRecordSize: 1024)
        #expect(throws: RecordIOError.recordTooLarge(declaredLength: "1025", limit: 1024)) {
            try decoder.append([UInt8]("1025\n"))
        }
        #expect(decoder.reservedPayloadCapacity == 0)

        // A length that would be fatal to allocate is refused from its digits alone,
        // before the newline arrives.
        var huge = RecordIODecoder()
        #expect(throws: RecordIOError.recordTooLarge(declaredLength: "18446744", limit: RecordIODecoder.defaultMaximumRecordSize)) {
            try huge.append([UInt8]("18446744073709551615\n"))
        }
        #expect(huge.reservedPayloadCapacity == 0)
    }

    @Test func reservesBoundedMemoryForAnAcceptedLargeRecord() throws {
        var decoder = RecordIODecoder(maximumRecordSize: 64 << 20)
        #expect(try decoder.append([UInt8]("50000000\nab")).isEmpty)
        #expect(decoder.bufferedByteCount == 2)
        #expect(decoder.reservedPayloadCapacity < 2 * RecordIODecoder.maximumInitialReservation)
    }

    @Test(arguments: [
        ("+5\nhello", RecordIOError.invalidLengthPrefix(prefix: "+")),
        ("-5\nhello", .invalidLengthPrefix(prefix: "-")),
        (" 5\nhello", .invalidLengthPrefix(prefix: " ")),
        ("5 \nhello", .invalidLengthPrefix(prefix: "5 ")),
        ("5\r\nhello", .invalidLengthPrefix(prefix: "5\\x0D")),
        ("1a\nx", .invalidLengthPrefix(prefix: "1a")),
        ("0x10\n", .invalidLengthPrefix(prefix: "0x")),
        ("\nhello", .emptyLengthPrefix),
        ("0\n", .zeroLengthRecord),
        ("000\n", .zeroLengthRecord),
        ("000000000000000000001\nx", .lengthPrefixTooLong(maximumDigits: 20)),
    ])
    func refusesInvalidLengthPrefix(input: String, expected: RecordIOError) {
        var decoder = RecordIODecoder()
        #expect(throws: expected) {
            try decoder.append([UInt8](input))
        }
        #expect(decoder.failure == expected)
    }

    @Test func acceptsLeadingZerosWithinTheDigitLimit() throws {
        #expect(try decodeAll([[UInt8]("0005\nhello")]) == [[UInt8]("hello")])
    }

    @Test func staysFailedAfterAnError() {
        var decoder = RecordIODecoder()
        #expect(throws: RecordIOError.invalidLengthPrefix(prefix: "x")) { try decoder.append([UInt8]("x")) }
        #expect(throws: RecordIOError.invalidLengthPrefix(prefix: "x")) { try decoder.append([UInt8]("5\nhello")) }
        #expect(throws: RecordIOError.invalidLengthPrefix(prefix: "x")) { try decoder.finish() }
    }

    @Test func deliversRecordsPrecedingAnErrorThenThrowsIt() throws {
        var decoder = RecordIODecoder()
        let records = try decoder.append([UInt8]("5\nhello3\nabc+7\n"))
        #expect(records == [[UInt8]("hello"), [UInt8]("abc")])
        #expect(decoder.failure == .invalidLengthPrefix(prefix: "+"))
        #expect(throws: RecordIOError.invalidLengthPrefix(prefix: "+")) { try decoder.append([UInt8]("1\nz")) }
    }

    @Test func reportsTruncatedStreamAtEnd() throws {
        var insidePayload = RecordIODecoder()
        #expect(try insidePayload.append([UInt8]("5\nhel")).isEmpty)
        #expect(throws: RecordIOError.truncatedStream(bufferedBytes: 3, expectedBytes: 5)) { try insidePayload.finish() }

        var insidePrefix = RecordIODecoder()
        #expect(try insidePrefix.append([UInt8]("2\nok12")) == [[UInt8]("ok")])
        #expect(throws: RecordIOError.truncatedStream(bufferedBytes: 2, expectedBytes: nil)) { try insidePrefix.finish() }

        var clean = RecordIODecoder()
        #expect(try clean.append([UInt8]("2\nok")) == [[UInt8]("ok")])
        try clean.finish()
    }

    @Test func errorMessagesTellWhatToDo() {
        let message = RecordIOError.recordTooLarge(declaredLength: "99999999", limit: 1024).description
        #expect(message.contains("99999999"))
        #expect(message.contains("maximumRecordSize"))
        #expect(RecordIOError.truncatedStream(bufferedBytes: 1, expectedBytes: 4).description.contains("1 of 4 bytes"))
    }
}
