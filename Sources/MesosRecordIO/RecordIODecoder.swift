/// Incremental decoder for Mesos RecordIO streams (`<decimal byte length>\n<payload>` repeated).
///
/// Feed it byte chunks exactly as they arrive from the network with ``append(_:)``: a record may be
/// split over any number of chunks and a chunk may hold any number of records. Call ``finish()`` when
/// the stream ends to detect a truncated last record.
///
/// The decoder is bounded: a length prefix has at most ``maximumLengthDigits`` digits and a declared
/// length above ``maximumRecordSize`` is refused before any memory is reserved for it.
///
/// Errors are sticky. Once a chunk contains invalid data the decoder is failed and every later
/// ``append(_:)`` or ``finish()`` throws the same ``RecordIOError``. Records completed in a chunk
/// *before* the invalid data are still returned by that ``append(_:)`` call; the error is then
/// thrown by the next call. When no record precedes the invalid data, the error is thrown at once.
public struct RecordIODecoder: Sendable {
    /// The default ``maximumRecordSize``: 16 MiB.
    public static let defaultMaximumRecordSize = 16 * 1024 * 1024

    /// The most digits a length prefix may have (a 64-bit length has at most 20).
    public static let maximumLengthDigits = 20

    /// Payload bytes reserved up front for a record; larger records grow as their bytes arrive,
    /// so a peer cannot make the decoder reserve memory it never sends.
    static let maximumInitialReservation = 1 << 20

    private enum Phase: Sendable {
        case lengthPrefix
        case payload
        case failed(RecordIOError)
    }

    /// The largest record payload, in bytes, this decoder accepts.
    public let maximumRecordSize: Int

    private var phase: Phase = .lengthPrefix
    private var prefixDigits: [UInt8] = []
    private var prefixValue = 0
    private var expectedLength = 0
    private var payload: [UInt8] = []

    /// Creates a decoder that refuses records larger than `maximumRecordSize` bytes.
    ///
    /// - Precondition: `maximumRecordSize > 0`.
    public init(maximumRecordSize: Int = RecordIODecoder.defaultMaximumRecordSize) {
        precondition(maximumRecordSize > 0, "RecordIODecoder.maximumRecordSize must be positive")
        self.maximumRecordSize = maximumRecordSize
    }

    /// The error that failed this decoder, or `nil` while it is healthy.
    public var failure: RecordIOError? {
        if case .failed(let error) = phase { return error }
        return nil
    }

    /// Bytes of an incomplete record (length prefix or payload) currently held.
    public var bufferedByteCount: Int {
        switch phase {
        case .lengthPrefix: return prefixDigits.count
        case .payload: return payload.count
        case .failed: return 0
        }
    }

    /// Capacity currently reserved for the incomplete payload (observable by tests).
    var reservedPayloadCapacity: Int { payload.capacity }

    /// Decodes `chunk` and returns the records it completes, in stream order.
    ///
    /// - Throws: ``RecordIOError`` for an invalid or oversized length prefix, or the earlier error of
    ///   a failed decoder (see the type's documentation for records that precede an error).
    public mutating func append(_ chunk: some Collection<UInt8>) throws(RecordIOError) -> [[UInt8]] {
        if case .failed(let error) = phase { throw error }
        let decoded: (records: [[UInt8]], error: RecordIOError?)
        if let contiguous = chunk.withContiguousStorageIfAvailable({ consume($0) }) {
            decoded = contiguous
        } else {
            decoded = Array(chunk).withUnsafeBufferPointer { consume($0) }
        }
        if let error = decoded.error, decoded.records.isEmpty {
            throw error
        }
        return decoded.records
    }

    /// Declares the end of the stream.
    ///
    /// - Throws: ``RecordIOError/truncatedStream(bufferedBytes:expectedBytes:)`` when a record or a
    ///   length prefix is incomplete, or the earlier error of a failed decoder.
    public mutating func finish() throws(RecordIOError) {
        switch phase {
        case .failed(let error):
            throw error
        case .lengthPrefix:
            if !prefixDigits.isEmpty {
                throw fail(.truncatedStream(bufferedBytes: prefixDigits.count, expectedBytes: nil))
            }
        case .payload:
            throw fail(.truncatedStream(bufferedBytes: payload.count, expectedBytes: expectedLength))
        }
    }

    // MARK: - Decoding

    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) -> (records: [[UInt8]], error: RecordIOError?) {
        var records: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            switch phase {
            case .failed(let error):
                return (records, error)
            case .lengthPrefix:
                let byte = bytes[index]
                index += 1
                if let error = consumePrefixByte(byte) {
                    return (records, fail(error))
                }
            case .payload:
                let take = min(expectedLength - payload.count, bytes.count - index)
                payload.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + take)]))
                index += take
                if payload.count == expectedLength {
                    records.append(payload)
                    payload = []
                    phase = .lengthPrefix
                }
            }
        }
        return (records, nil)
    }

    /// Advances the length-prefix parser by one byte; returns the error that byte causes, if any.
    private mutating func consumePrefixByte(_ byte: UInt8) -> RecordIOError? {
        if byte == UInt8(ascii: "\n") {
            guard !prefixDigits.isEmpty else { return .emptyLengthPrefix }
            guard prefixValue > 0 else { return .zeroLengthRecord }
            expectedLength = prefixValue
            prefixDigits.removeAll(keepingCapacity: true)
            prefixValue = 0
            payload = []
            payload.reserveCapacity(min(expectedLength, Self.maximumInitialReservation))
            phase = .payload
            return nil
        }
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
            return .invalidLengthPrefix(prefix: Self.render(prefixDigits, then: byte))
        }
        guard prefixDigits.count < Self.maximumLengthDigits else {
            return .lengthPrefixTooLong(maximumDigits: Self.maximumLengthDigits)
        }
        prefixDigits.append(byte)
        let (shifted, multiplyOverflow) = prefixValue.multipliedReportingOverflow(by: 10)
        let (value, addOverflow) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
        guard !multiplyOverflow, !addOverflow, value <= maximumRecordSize else {
            return .recordTooLarge(declaredLength: String(decoding: prefixDigits, as: UTF8.self), limit: maximumRecordSize)
        }
        prefixValue = value
        return nil
    }

    private mutating func fail(_ error: RecordIOError) -> RecordIOError {
        phase = .failed(error)
        prefixDigits = []
        prefixValue = 0
        payload = []
        return error
    }

    /// The digits seen so far followed by the offending byte, escaped when not printable.
    private static func render(_ digits: [UInt8], then byte: UInt8) -> String {
        let shown = String(decoding: digits, as: UTF8.self)
        if byte >= 0x20, byte < 0x7F {
            return shown + String(UnicodeScalar(byte))
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return shown + "\\x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
