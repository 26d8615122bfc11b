import Foundation

/// A JSON value for the operator endpoints' responses, built from the `[String: Any]` trees that
/// ``StateJSON`` assembles and written with `JSONEncoder`: about three times faster than
/// `JSONSerialization` on those trees (its dynamic casts and bridging of every nested value made
/// `/master/state-summary` of 10,000 agents take seconds).
enum OperatorJSON: Encodable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([OperatorJSON])
    case object([String: OperatorJSON])
    case null

    /// Converts a tree of Swift or Foundation values (as `JSONSerialization` produces); values that
    /// JSON cannot hold become `null`.
    init(_ value: Any) {
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
        case let object as [String: Any]: self = .object(object.mapValues(OperatorJSON.init))
        case let list as [Any]: self = .array(list.map(OperatorJSON.init))
        default: self = .null
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value.isFinite ? value : 0)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The JSON text of `value`.
    static func data(_ value: Any) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try? encoder.encode(OperatorJSON(value))
    }
}

/// An `Optional` seen through `Any` (a tree may hold `Any?` values).
private protocol AnyOptional {
    var wrappedValue: Any? { get }
}

extension Optional: AnyOptional {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}
