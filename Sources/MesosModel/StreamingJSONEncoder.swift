import Foundation

/// Encodes an `Encodable` value as JSON in one pass, writing bytes as the value's `encode(to:)`
/// runs, where Foundation's `JSONEncoder` first builds a tree of boxed values and then serializes
/// it. The output is the document ``MesosJSON/makeEncoder()`` writes (same numbers, escapes, base64
/// `Data`, unescaped slashes; keys in the order `encode(to:)` writes them, where Foundation on Linux
/// orders them by hash), at a fraction of the cost: the master encodes every event it
/// streams, so this is on its hottest path (see Docs/performance.md).
///
/// Containers are written in the order they are used. A keyed or unkeyed container is closed when
/// its owner's `encode(to:)` returns, or earlier when a container further out writes again. That
/// is how every synthesized and hand-written conformance here uses them; code that goes back to
/// an outer container and then writes into an inner one it left is not supported (its values
/// would land in the outer container).
public enum StreamingJSONEncoder {
    /// Thrown for a value whose `encode(to:)` asks for a `superEncoder` (no type of this package
    /// does): ``MesosJSON/encode(_:)`` then uses Foundation's encoder.
    public struct Unsupported: Error {}

    /// The JSON bytes of `value`.
    ///
    /// - Throws: `EncodingError.invalidValue` for a non-finite `Double` or `Float` and for a
    ///   top-level value that encodes nothing (nested, such a value is `{}`), as Foundation does;
    ///   ``Unsupported`` for a value that uses a `superEncoder`.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try encode(value, directWriters: true)
    }

    /// `directWriters: false` takes the generic path for every value (tests compare the two).
    static func encode<T: Encodable>(_ value: T, directWriters: Bool) throws -> [UInt8] {
        let writer = JSONByteWriter()
        writer.directWriters = directWriters
        try writer.writeValue(value)
        if writer.usedSuperEncoder { throw Unsupported() }
        guard !writer.bytes.isEmpty else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return writer.bytes
    }
}

/// The state of one encoding: the bytes so far and the stack of open containers.
final class JSONByteWriter: Encoder {
    struct Frame {
        /// `]` for an unkeyed container, `}` for a keyed one.
        let closer: UInt8
        /// The `writeValue` nesting level that opened it.
        let level: Int
        /// Whether the value at `level` opened it itself (not a nested container of another one).
        let ownsLevel: Bool
        var count = 0
    }

    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var frames: [Frame] = []
    /// How many `writeValue` calls are under way.
    @exclusivity(unchecked) var level = 0

    /// Whether the values that have one are written by their direct writer (`JSONByteWriter+FastPaths`).
    var directWriters = true

    /// Whether a container handed out a `superEncoder` (the result is then not used).
    var usedSuperEncoder = false

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// A scratch encoder for `superEncoder()`, whose output cannot be placed in one pass.
    func unsupportedEncoder() -> any Encoder {
        usedSuperEncoder = true
        return JSONByteWriter()
    }

    init() {
        bytes.reserveCapacity(512)
    }

    // MARK: Containers

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONKeyedContainer<Key>(writer: self, frame: openOwnFrame(closer: UInt8(ascii: "}"))))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(writer: self, frame: openOwnFrame(closer: UInt8(ascii: "]")))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(writer: self)
    }

    /// The container of the value being written: the one it opened before (asking twice gives the
    /// same container, as with Foundation), else a new one.
    private func openOwnFrame(closer: UInt8) -> Int {
        if let index = frames.lastIndex(where: { $0.level == level && $0.ownsLevel }), frames[index].closer == closer {
            close(above: index)
            return index
        }
        return open(closer: closer, ownsLevel: true)
    }

    func open(closer: UInt8, ownsLevel: Bool) -> Int {
        bytes.append(closer == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(closer: closer, level: level, ownsLevel: ownsLevel))
        return frames.count - 1
    }

    /// Closes every container opened after the one at `index`.
    func close(above index: Int) {
        while frames.count > index + 1 {
            bytes.append(frames.removeLast().closer)
        }
    }

    /// Starts the next element of the container at `index` (closing inner containers it left).
    func beginElement(in index: Int) {
        close(above: index)
        if frames[index].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[index].count += 1
    }

    func beginKey(_ key: some CodingKey, in index: Int) {
        beginElement(in: index)
        writeString(key.stringValue)
        bytes.append(UInt8(ascii: ":"))
    }

    // MARK: Values

    func writeValue<T: Encodable>(_ value: T) throws {
        // Metatype comparisons, not dynamic casts: this runs for every nested value.
        if T.self == Data.self {
            writeBase64(unsafeBitCast(value, to: Data.self))
        } else if T.self == URL.self {
            writeString(unsafeBitCast(value, to: URL.self).absoluteString)
        } else if T.self == Decimal.self {
            bytes.append(contentsOf: unsafeBitCast(value, to: Decimal.self).description.utf8)
        } else if directWriters, try writeDirectly(value) {
            return
        } else {
            level += 1
            let depth = frames.count
            let start = bytes.count
            defer { level -= 1 }
            try value.encode(to: self)
            close(above: depth - 1)
            if bytes.count == start && level > 1 {
                // A nested value that encoded nothing: Foundation writes an empty object.
                bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
            }
        }
    }

    func writeNull() {
        bytes.append(contentsOf: "null".utf8)
    }

    func writeBool(_ value: Bool) {
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    func writeInteger<T: BinaryInteger>(_ value: T) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, written in reverse
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(buffer[index])
            }
        }
    }

    func writeFloatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Unable to encode \(T.self).\(value) directly in JSON."))
        }
        if let double = value as? Double, Self.writeThousandths(double, to: &bytes) { return }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes `value` as `description` would (without a trailing `.0`) when it is the double nearest
    /// to a decimal of at most three fractional digits below 10^12 in magnitude (resource quantities, which Mesos
    /// keeps in thousandths, and whole numbers): the shortest text that reads back as `value` is then
    /// that decimal. False, writing nothing, for any other value. No `String` is made.
    static func writeThousandths(_ value: Double, to bytes: inout [UInt8]) -> Bool {
        let scaled = (value * 1000).rounded()
        guard value != 0 || value.sign == .plus, abs(scaled) < 1e15, scaled / 1000 == value else { return false }
        var thousandths = UInt64(abs(scaled))
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var whole = thousandths / 1000
        thousandths %= 1000
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
                count += 1
            } while whole > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
        if thousandths > 0 {
            bytes.append(UInt8(ascii: "."))
            var divisor: UInt64 = 100
            while thousandths > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(thousandths / divisor))
                thousandths %= divisor
                divisor /= 10
            }
        }
        return true
    }

    func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var plainStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                plainStart = index + 1
                writeEscape(byte)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private func writeEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }

    private func writeBase64(_ data: Data) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: data.base64EncodedString().utf8)
        bytes.append(UInt8(ascii: "\""))
    }
}
