import Foundation

/// A `Decoder` over a ``JSONTape``: the document is parsed once into a flat token array, and a
/// value's `init(from:)` reads its fields from it by index, converting only the strings and
/// numbers it asks for.
///
/// Foundation's `JSONDecoder` does more per value (it tracks a coding path, boxes every container
/// and copies keys into strings), which made decoding the largest JSON cost of the master's hot
/// calls (ACCEPT, ACKNOWLEDGE, the agents' UPDATE). This decoder handles what Mesos messages use;
/// for anything else — and for every error — it throws, and ``MesosJSON/decode(_:from:)`` decodes
/// the same bytes with Foundation, whose value or error (with its coding path, which the master's
/// 400 answers quote) is then the result. So this decoder never has to be right about an error,
/// only about the values it returns; it does not track coding paths.
///
/// Where an object names a key twice, the occurrence found first from the position of the previous
/// lookup is used (Foundation keeps one of them too; Mesos messages never repeat a key).
final class TapeJSONDecoder {
    /// The decoder cannot decode the document (Foundation will be asked instead).
    struct Declined: Error {
        /// Why, for tests and debugging.
        let reason: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    @exclusivity(unchecked) var tokens: UnsafeMutableBufferPointer<JSONTape.Token>
    /// The token the next `container`/`singleValueContainer` call reads.
    @exclusivity(unchecked) var current: Int = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, tokens: UnsafeMutableBufferPointer<JSONTape.Token>) {
        self.bytes = bytes
        self.tokens = tokens
    }

    /// Decodes a value of type `T` from a JSON document.
    ///
    /// - Throws: ``JSONTape/Refused`` or ``Declined`` when it cannot (malformed JSON, a missing
    ///   field, a value of the wrong type, or something it does not handle), or whatever the
    ///   type's own `init(from:)` throws.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            var tape = try JSONTape(parsing: bytes)
            return try tape.tokens.withUnsafeMutableBufferPointer { tokens in
                try TapeJSONDecoder(bytes: bytes, tokens: tokens).value(T.self, at: 0)
            }
        }
    }

    // MARK: Values

    /// Decodes the value at token `index` as `T`.
    @inline(__always)
    func value<T: Decodable>(_ type: T.Type, at index: Int) throws -> T {
        if T.self == String.self { return unsafeBitCast(try string(at: index), to: T.self) }
        if T.self == Data.self { return unsafeBitCast(try data(at: index), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try double(at: index), to: T.self) }
        if T.self == Date.self || T.self == URL.self || T.self == Decimal.self {
            throw Declined(reason: "\(T.self) is decoded by Foundation")
        }
        let saved = current
        current = index
        defer { current = saved }
        return try T(from: self)
    }

    func string(at index: Int) throws -> String {
        let token = tokens[index]
        guard token.kind == .string else { throw Declined(reason: "expected a string") }
        let text = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
        return token.flag ? unescape(text) : String(decoding: text, as: UTF8.self)
    }

    /// The string at a key token equals `key` (the key's UTF-8 bytes compared in place).
    @inline(__always)
    func keyMatches(_ keyToken: JSONTape.Token, _ key: String) -> Bool {
        if keyToken.flag { return unescape(UnsafeBufferPointer(rebasing: bytes[Int(keyToken.start)..<Int(keyToken.end)])) == key }
        let length = Int(keyToken.end - keyToken.start)
        var key = key
        return key.withUTF8 { utf8 in
            utf8.count == length && (length == 0 || memcmp(utf8.baseAddress!, bytes.baseAddress! + Int(keyToken.start), length) == 0)
        }
    }

    /// Decodes a string's escapes (the tape checked them: valid escapes, paired surrogates).
    func unescape(_ text: UnsafeBufferPointer<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            let byte = text[i]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                i += 1
                continue
            }
            let escape = text[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(JSONTape.hexUnit(text, at: i) ?? 0)
                i += 4
                if UTF16.isLeadSurrogate(UInt16(scalar)) {
                    let low = UInt32(JSONTape.hexUnit(text, at: i + 2) ?? 0)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                utf8.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
            default: utf8.append(escape)  // \" \\ \/
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    func data(at index: Int) throws -> Data {
        guard let data = Base64Bytes.decode(try string(at: index)) else { throw Declined(reason: "expected base64") }
        return data
    }

    func bool(at index: Int) throws -> Bool {
        switch tokens[index].kind {
        case .true: return true
        case .false: return false
        default: throw Declined(reason: "expected a boolean")
        }
    }

    func double(at index: Int) throws -> Double {
        let token = tokens[index]
        guard token.kind == .number else { throw Declined(reason: "expected a number") }
        // Integers of up to 15 digits are exact in a Double (but -0 is a Double of its own).
        if !token.flag, token.end - token.start <= 15, let integer = try? integer(Int64.self, token),
            integer != 0 || bytes[Int(token.start)] != UInt8(ascii: "-")
        {
            return Double(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Declined(reason: "number out of range") }
        return value
    }

    func float(at index: Int) throws -> Float {
        let token = tokens[index]
        guard token.kind == .number else { throw Declined(reason: "expected a number") }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
        guard let value = Float(text), value.isFinite else { throw Declined(reason: "number out of range") }
        return value
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at index: Int) throws -> I {
        let token = tokens[index]
        guard token.kind == .number, !token.flag else { throw Declined(reason: "expected an integer") }
        return try integer(I.self, token)
    }

    /// An integer number token's value (no fraction, no exponent: those are Foundation's).
    private func integer<I: FixedWidthInteger>(_ type: I.Type, _ token: JSONTape.Token) throws -> I {
        var i = Int(token.start)
        let end = Int(token.end)
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var magnitude: UInt64 = 0
        while i < end {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[i] &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw Declined(reason: "integer out of range") }
            magnitude = sum
            i += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw Declined(reason: "integer out of range") }
            let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            guard let result = I(exactly: value) else { throw Declined(reason: "integer out of range") }
            return result
        }
        guard let result = I(exactly: magnitude) else { throw Declined(reason: "integer out of range") }
        return result
    }

    func isNull(at index: Int) -> Bool {
        tokens[index].kind == .null
    }
}

extension TapeJSONDecoder: Decoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tokens[current].kind == .object else { throw Declined(reason: "expected an object") }
        return KeyedDecodingContainer(TapeKeyedContainer<Key>(decoder: self, object: current))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tokens[current].kind == .array else { throw Declined(reason: "expected an array") }
        return TapeUnkeyedContainer(decoder: self, array: current)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        TapeSingleValueContainer(decoder: self, index: current)
    }
}
