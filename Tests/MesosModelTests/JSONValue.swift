import Foundation
import MesosModel
import Testing

/// A parsed JSON document, for comparing JSON by meaning rather than by bytes
/// (key order, `4.0` vs `4`, escaped slashes).
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    init(_ data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    init(_ text: String) throws {
        try self.init(Data(text.utf8))
    }

    /// The member `key` of an object, if any.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let values): "[\(values.map(\.description).joined(separator: ","))]"
        case .object(let members):
            "{\(members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ","))}"
        }
    }
}

/// Decodes `json` as `T`, re-encodes it, decodes that again and checks both
/// decodings are equal. Returns the first decoding.
@discardableResult
func roundTrip<T: Codable & Equatable>(
    _ json: String,
    as type: T.Type,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let decoded = try MesosJSON.decode(T.self, from: Data(json.utf8))
    let reencoded = try MesosJSON.encode(decoded)
    let again = try MesosJSON.decode(T.self, from: reencoded)
    #expect(again == decoded, sourceLocation: sourceLocation)
    return decoded
}

/// Checks that encoding `value` gives JSON equal in meaning to `json`.
func expectEncodes<T: Encodable>(
    _ value: T,
    as json: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let encoded = try JSONValue(MesosJSON.encode(value))
    let expected = try JSONValue(json)
    #expect(encoded == expected, sourceLocation: sourceLocation)
}

/// Encodes `value` and parses the result.
func encodedJSON<T: Encodable>(_ value: T) throws -> JSONValue {
    try JSONValue(MesosJSON.encode(value))
}
