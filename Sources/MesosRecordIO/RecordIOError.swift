/// Why a RecordIO stream could not be encoded or decoded.
///
/// A decoder that threw one of these stays failed: every later call rethrows the
/// same error, because after a bad length prefix the next record boundary is unknown.
public enum RecordIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stream contains a byte that cannot appear in a length prefix (only `0`-`9`
    /// followed by `\n` are allowed; no sign, no whitespace).
    case invalidLengthPrefix(prefix: String)
    /// A `\n` arrived before any digit of a length prefix.
    case emptyLengthPrefix
    /// The length prefix has more digits than any valid record length can have.
    case lengthPrefixTooLong(maximumDigits: Int)
    /// The length prefix is `0`; Mesos never sends empty records.
    case zeroLengthRecord
    /// The declared record length is above the decoder's `maximumRecordSize`; `declaredLength`
    /// holds the digits read when that became certain. Nothing was allocated for the record.
    case recordTooLarge(declaredLength: String, limit: Int)
    /// The stream ended in the middle of a record (or of its length prefix).
    case truncatedStream(bufferedBytes: Int, expectedBytes: Int?)
    /// An empty payload cannot be encoded: its `0` length prefix is refused by decoders.
    case emptyRecord

    public var description: String {
        switch self {
        case .invalidLengthPrefix(let prefix):
            return "Invalid RecordIO length prefix '\(prefix)': expected decimal digits followed by a newline; "
                + "check that the peer really sends a RecordIO stream (Content-Type and endpoint)"
        case .emptyLengthPrefix:
            return "Empty RecordIO length prefix: a newline arrived where a decimal record length was expected; "
                + "the stream is corrupt or not RecordIO"
        case .lengthPrefixTooLong(let maximumDigits):
            return "RecordIO length prefix has more than \(maximumDigits) digits; the stream is corrupt or not RecordIO"
        case .zeroLengthRecord:
            return "RecordIO record of length 0: Mesos never sends empty records; the stream is corrupt"
        case .recordTooLarge(let declaredLength, let limit):
            return "RecordIO length prefix declares at least \(declaredLength) bytes, above the maximum record size of \(limit) bytes; "
                + "raise maximumRecordSize if records this large are expected"
        case .truncatedStream(let bufferedBytes, let expectedBytes):
            if let expectedBytes {
                return "RecordIO stream ended inside a record: \(bufferedBytes) of \(expectedBytes) bytes received; "
                    + "the connection was probably closed early, reconnect and resubscribe"
            }
            return "RecordIO stream ended inside a length prefix (\(bufferedBytes) bytes buffered); "
                + "the connection was probably closed early, reconnect and resubscribe"
        case .emptyRecord:
            return "Cannot encode an empty RecordIO record: a 0 length prefix is refused by decoders; send a non-empty payload"
        }
    }
}
