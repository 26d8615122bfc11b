import Foundation
import MesosModel

/// A JSON value for the operator endpoints' responses. ``StateJSON`` builds these trees directly
/// (typed: no `Any`, no dynamic casts) and ``write(to:)`` writes them straight into bytes. Both
/// steps matter at scale: `/master/state-summary` of 10,000 agents took 3.0 s with
/// `JSONSerialization` over `[String: Any]`, 1.4 s with `JSONEncoder` over a converted tree, and
/// takes a fraction of that now (Docs/performance.md).
///
/// Object keys are written in no particular order (Mesos's clients do not depend on it).
enum OperatorJSON: Equatable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([OperatorJSON])
    case object([String: OperatorJSON])
    case null
    /// JSON text written by a ``JSONWriter``, copied verbatim (its members cannot be looked up).
    case raw([UInt8])

    /// Converts a tree of Swift or Foundation values (as `JSONSerialization` produces), which may
    /// hold typed ``OperatorJSON`` subtrees; values that JSON cannot hold become `null`.
    init(_ value: Any) {
        if let json = value as? OperatorJSON {
            self = json
            return
        }
        if let optional = value as? any AnyOptional {
            guard let wrapped = optional.wrappedValue else {
                self = .null
                return
            }
            self.init(wrapped)
            return
        }
        // Foundation's numbers: a boolean is the NSNumber whose objCType is "c" (1 casts to Bool).
        if type(of: value) is NSNumber.Type, let number = value as? NSNumber {
            switch String(cString: number.objCType) {
            case "c": self = .bool(number.boolValue)
            case "f", "d": self = .double(number.doubleValue)
            default: self = .int(number.intValue)
            }
            return
        }
        switch value {
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .int(number)
        case let number as Double: self = .double(number)
        case let number as Int32: self = .int(Int(number))
        case let number as Int64: self = .int(Int(number))
        case let number as UInt64: self = .double(Double(number))
        case let object as [String: OperatorJSON]: self = .object(object)
        case let list as [OperatorJSON]: self = .array(list)
        case let object as [String: Any]: self = .object(object.mapValues(OperatorJSON.init))
        case let list as [Any]: self = .array(list.map(OperatorJSON.init))
        default: self = .null
        }
    }

    /// The JSON of a `Codable` value in Mesos's mapping (`MesosJSON`), as a tree; `null` if it
    /// cannot be encoded.
    static func encoding(_ value: some Encodable) -> OperatorJSON {
        guard let data = try? MesosJSON.encode(value), let tree = try? JSONDecoder().decode(OperatorJSON.self, from: data)
        else { return .null }
        return tree
    }

    /// The member `key` of an object (`nil` for other values or a missing key).
    subscript(key: String) -> OperatorJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The text of a string value.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    // MARK: - Writing

    /// The JSON text of `value` (a typed tree, or a tree of Swift/Foundation values).
    static func data(_ value: Any) -> Data? {
        Data(OperatorJSON(value).bytes)
    }

    /// The JSON text, as UTF-8 bytes.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return out
    }

    /// Appends the JSON text of this value to `out`.
    func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.write(string: text, to: &out)
        case .int(let number): Self.write(integer: number, to: &out)
        case .double(let number): Self.write(double: number, to: &out)
        case .bool(let flag): out.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
        case .null: out.append(contentsOf: Self.nullBytes)
        case .raw(let text): out.append(contentsOf: text)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Self.write(string: key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, ... or `\u00XX`;
    /// everything else (`/` and non-ASCII included) as is.
    static func write(string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = string
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0..<0x20:
                    out.append(contentsOf: Array("\\u00".utf8))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func write(integer: Int, to out: inout [UInt8]) {
        if integer >= 0, integer < 10 {
            out.append(UInt8(ascii: "0") + UInt8(integer))
            return
        }
        out.append(contentsOf: String(integer).utf8)
    }

    /// Whole numbers without a fraction (`4`, as `JSONEncoder` writes `4.0`), others in Swift's
    /// shortest round-trip form; JSON has no NaN or infinity: those are written as 0.
    static func write(double: Double, to out: inout [UInt8]) {
        guard double.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        if double == double.rounded(.towardZero), abs(double) < 1e15 {
            write(integer: Int(double), to: &out)
            return
        }
        out.append(contentsOf: double.description.utf8)
    }
}

extension OperatorJSON: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([OperatorJSON].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: OperatorJSON].self))
        }
    }
}

extension OperatorJSON: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: OperatorJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, OperatorJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// An `Optional` seen through `Any` (a tree may hold `Any?` values).
private protocol AnyOptional {
    var wrappedValue: Any? { get }
}

extension Optional: AnyOptional {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}
