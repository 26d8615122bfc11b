/// A JSON document parsed into a flat array of tokens (a "tape"), for ``TapeJSONDecoder``.
///
/// One token per value and per object key, in document order. A container's token is followed by
/// its contents (an object's as key, value, key, value, …) and records the tape index just past
/// them, so a decoder skips a value in one step and never re-reads the document's bytes to find its
/// fields. Strings and numbers are not converted here: a token names its byte range, and only the
/// values a `Decodable` type asks for are converted.
///
/// The parser is strict (RFC 8259: no comments, no trailing commas, no leading zeros, no unescaped
/// control characters, valid UTF-8 and surrogate pairs, at most ``maximumDepth`` nested
/// containers). Whatever it refuses, ``MesosJSON/decode(_:from:)`` hands to Foundation's decoder,
/// whose answer (a value or the error a client is shown) is then the one that counts.
struct JSONTape {
    /// What a token is.
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    /// One value or object key.
    struct Token {
        /// The kind of value.
        var kind: Kind
        /// Strings: the string holds escapes. Numbers: the number has a fraction or an exponent.
        var flag: Bool
        /// Strings: the offset of the first byte after the opening quote. Numbers: the offset of
        /// the first byte. Containers: unused.
        var start: Int32
        /// Strings: the offset of the closing quote. Numbers: one past the last byte. Containers:
        /// the number of members or elements.
        var end: Int32
        /// The tape index just past this value and its contents.
        var next: Int32
        /// Objects: the tape index of the key where the next lookup starts (lookups in declaration
        /// order, the usual case, each find their key at once).
        var hint: Int32
    }

    /// Nesting deeper than this is refused (Foundation's decoder has the same bound).
    static let maximumDepth = 512

    /// The document was not JSON this parser accepts.
    struct Refused: Error {
        /// What was wrong, for tests and debugging.
        let reason: String
        /// Where, as a byte offset.
        let offset: Int
    }

    /// The tokens, in document order; the document's top-level value is token 0.
    var tokens: [Token]

    /// Parses a whole document.
    ///
    /// - Throws: ``Refused`` for input this parser does not accept.
    init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(Refused) {
        guard bytes.count < Int(Int32.max) else { throw Refused(reason: "document too large", offset: 0) }
        var parser = Parser(bytes: bytes)
        tokens = []
        tokens.reserveCapacity(bytes.count / 8 + 4)
        try parser.parse(into: &tokens)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        func refused(_ reason: String) -> Refused {
            Refused(reason: reason, offset: i)
        }

        @inline(__always) mutating func skipWhitespace() {
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): i += 1
                default: return
                }
            }
        }

        mutating func parse(into tokens: inout [Token]) throws(Refused) {
            // Open containers, innermost last.
            var open: [Int32] = []
            skipWhitespace()
            value: while true {
                guard i < bytes.count else { throw refused("expected a value") }
                let index = Int32(tokens.count)
                switch bytes[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = bytes[i] == UInt8(ascii: "{")
                    tokens.append(Token(kind: isObject ? .object : .array, flag: false, start: 0, end: 0, next: 0, hint: index + 1))
                    i += 1
                    skipWhitespace()
                    if i < bytes.count, bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        i += 1
                        tokens[Int(index)].next = index + 1
                    } else {
                        guard open.count < JSONTape.maximumDepth else { throw refused("nested too deeply") }
                        open.append(index)
                        if isObject { try parseKey(into: &tokens) }
                        continue value
                    }
                case UInt8(ascii: "\""):
                    try parseString(into: &tokens)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try parseNumber(into: &tokens)
                case UInt8(ascii: "t"):
                    try parseLiteral("true", .true, into: &tokens)
                case UInt8(ascii: "f"):
                    try parseLiteral("false", .false, into: &tokens)
                case UInt8(ascii: "n"):
                    try parseLiteral("null", .null, into: &tokens)
                default:
                    throw refused("expected a value")
                }
                // A value is complete: close every container it completes.
                while let container = open.last {
                    skipWhitespace()
                    guard i < bytes.count else { throw refused("unterminated container") }
                    let isObject = tokens[Int(container)].kind == .object
                    tokens[Int(container)].end += 1
                    if bytes[i] == UInt8(ascii: ",") {
                        i += 1
                        skipWhitespace()
                        if isObject { try parseKey(into: &tokens) }
                        continue value
                    }
                    guard bytes[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                        throw refused(isObject ? "expected ',' or '}'" : "expected ',' or ']'")
                    }
                    i += 1
                    tokens[Int(container)].next = Int32(tokens.count)
                    open.removeLast()
                }
                break value
            }
            skipWhitespace()
            guard i == bytes.count else { throw refused("unexpected bytes after the document") }
        }

        /// An object's key and the colon after it; leaves `i` at the value.
        mutating func parseKey(into tokens: inout [Token]) throws(Refused) {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw refused("expected a key") }
            try parseString(into: &tokens)
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw refused("expected ':'") }
            i += 1
            skipWhitespace()
        }

        mutating func parseLiteral(_ literal: StaticString, _ kind: Kind, into tokens: inout [Token]) throws(Refused) {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - i >= count else { throw refused("expected a value") }
            let text = literal.utf8Start
            for offset in 0..<count where bytes[i + offset] != text[offset] {
                throw refused("expected a value")
            }
            i += count
            tokens.append(Token(kind: kind, flag: false, start: 0, end: 0, next: Int32(tokens.count + 1), hint: 0))
        }

        mutating func parseString(into tokens: inout [Token]) throws(Refused) {
            i += 1
            let start = i
            var escaped = false
            var ascii = true
            while true {
                guard i < bytes.count else { throw refused("unterminated string") }
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    try skipEscape()
                    continue
                }
                if byte < 0x20 { throw refused("unescaped control character in a string") }
                if byte >= 0x80 { ascii = false }
                i += 1
            }
            if !ascii {
                guard UTF8Validation.isValid(UnsafeBufferPointer(rebasing: bytes[start..<i])) else {
                    throw refused("invalid UTF-8 in a string")
                }
            }
            tokens.append(Token(kind: .string, flag: escaped, start: Int32(start), end: Int32(i), next: Int32(tokens.count + 1), hint: 0))
            i += 1
        }

        /// Checks one escape (and the low half of an escaped surrogate pair) and steps over it.
        mutating func skipEscape() throws(Refused) {
            guard i + 1 < bytes.count else { throw refused("unterminated string") }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                guard let unit = JSONTape.hexUnit(bytes, at: i + 2) else { throw refused("invalid \\u escape") }
                i += 6
                if UTF16.isTrailSurrogate(unit) { throw refused("unpaired surrogate in a \\u escape") }
                if UTF16.isLeadSurrogate(unit) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                        let low = JSONTape.hexUnit(bytes, at: i + 2), UTF16.isTrailSurrogate(low)
                    else { throw refused("unpaired surrogate in a \\u escape") }
                    i += 6
                }
            default:
                throw refused("invalid escape")
            }
        }

        mutating func parseNumber(into tokens: inout [Token]) throws(Refused) {
            let start = i
            var fractional = false
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw refused("invalid number") }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
                if i < bytes.count, isDigit(bytes[i]) { throw refused("number with a leading zero") }
            } else {
                skipDigits()
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                fractional = true
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { throw refused("invalid number") }
                skipDigits()
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                fractional = true
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { throw refused("invalid number") }
                skipDigits()
            }
            tokens.append(Token(kind: .number, flag: fractional, start: Int32(start), end: Int32(i), next: Int32(tokens.count + 1), hint: 0))
        }

        @inline(__always) func isDigit(_ byte: UInt8) -> Bool {
            byte &- UInt8(ascii: "0") < 10
        }

        @inline(__always) mutating func skipDigits() {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
    }

    /// The UTF-16 code unit of the four hex digits at `offset`, or nil.
    static func hexUnit(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt16? {
        guard offset + 4 <= bytes.count else { return nil }
        var unit: UInt16 = 0
        for byte in bytes[offset..<offset + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }
}
