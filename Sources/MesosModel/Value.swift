/// The kind of a resource or attribute value (`Value.Type` in mesos.proto).
public enum ValueType: String, ProtoEnum {
    /// A floating point quantity (`cpus`, `mem`, `disk`, `gpus`).
    case scalar = "SCALAR"
    /// A list of closed integer ranges (`ports`).
    case ranges = "RANGES"
    /// A set of strings.
    case set = "SET"
    /// A text value (attributes only).
    case text = "TEXT"
}

/// Namespace for the value messages of `Value` in mesos.proto.
public enum Value {
    /// A scalar quantity: `{"value": 4.0}`.
    public struct Scalar: Codable, Sendable, Hashable, ExpressibleByFloatLiteral,
        ExpressibleByIntegerLiteral
    {
        /// The quantity.
        public var value: Double

        /// Creates a scalar.
        public init(value: Double) {
            self.value = value
        }

        /// Creates a scalar from a literal.
        public init(floatLiteral value: Double) {
            self.value = value
        }

        /// Creates a scalar from a literal.
        public init(integerLiteral value: Int) {
            self.value = Double(value)
        }

        private enum CodingKeys: String, CodingKey {
            case value
        }
    }

    /// A closed range of integers `[begin, end]`: `{"begin": 31000, "end": 32000}`.
    public struct Range: Codable, Sendable, Hashable {
        /// The first value in the range.
        public var begin: UInt64
        /// The last value in the range (inclusive).
        public var end: UInt64

        /// Creates a range; Mesos requires `begin <= end` for a valid range.
        public init(begin: UInt64, end: UInt64) {
            self.begin = begin
            self.end = end
        }

        /// Creates a range from a Swift closed range.
        public init(_ range: ClosedRange<UInt64>) {
            self.begin = range.lowerBound
            self.end = range.upperBound
        }

        private enum CodingKeys: String, CodingKey {
            case begin
            case end
        }
    }

    /// A list of ranges: `{"range": [{"begin": .., "end": ..}]}`.
    public struct Ranges: Codable, Sendable, Hashable, ExpressibleByArrayLiteral {
        /// The ranges, in the order given (not necessarily sorted or disjoint).
        public var range: [Range]

        /// Creates a range list.
        public init(range: [Range] = []) {
            self.range = range
        }

        /// Creates a range list from a literal.
        public init(arrayLiteral elements: Range...) {
            self.range = elements
        }

        private enum CodingKeys: String, CodingKey {
            case range
        }
    }

    /// A set of strings: `{"item": ["a", "b"]}`.
    public struct Set: Codable, Sendable, Hashable, ExpressibleByArrayLiteral {
        /// The items, in the order given.
        public var item: [String]

        /// Creates a set.
        public init(item: [String] = []) {
            self.item = item
        }

        /// Creates a set from a literal.
        public init(arrayLiteral elements: String...) {
            self.item = elements
        }

        private enum CodingKeys: String, CodingKey {
            case item
        }
    }

    /// A text value: `{"value": "r1"}`.
    public struct Text: Codable, Sendable, Hashable, ExpressibleByStringLiteral {
        /// The text.
        public var value: String

        /// Creates a text value.
        public init(value: String) {
            self.value = value
        }

        /// Creates a text value from a literal.
        public init(stringLiteral value: String) {
            self.value = value
        }

        private enum CodingKeys: String, CodingKey {
            case value
        }
    }
}
