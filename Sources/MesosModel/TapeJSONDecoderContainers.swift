// The containers of ``TapeJSONDecoder``: each names a token of the decoder's tape and reads its
// contents by index. Every failure throws ``TapeJSONDecoder/Declined`` (Foundation's decoder then
// decodes the document and reports the error), so no container tracks a coding path.

/// An object's members.
struct TapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: TapeJSONDecoder
    /// The object's token.
    let object: Int

    init(decoder: TapeJSONDecoder, object: Int) {
        self.decoder = decoder
        self.object = object
    }

    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        var keys: [Key] = []
        let end = Int(decoder.tokens[object].next)
        var index = object + 1
        while index < end {
            if let name = try? decoder.string(at: index), let key = Key(stringValue: name) { keys.append(key) }
            index = Int(decoder.tokens[index + 1].next)
        }
        return keys
    }

    /// The token of the value named `key`, or nil when the object has no such member.
    ///
    /// Searches from the member after the previous lookup's, so lookups in the order the members
    /// were written (synthesized `init(from:)` asks in declaration order, the order Mesos clients
    /// and our encoder write) each find their member at once.
    @inline(__always)
    func find(_ key: Key) -> Int? {
        let hint = Int(decoder.tokens[object].hint)
        let name = key.stringValue
        return find(name, from: hint, to: Int(decoder.tokens[object].next)) ?? find(name, from: object + 1, to: hint)
    }

    /// The value of the member named `name` whose key token is in `from..<to`; the member after it
    /// becomes the next lookup's start.
    @inline(__always)
    private func find(_ name: String, from: Int, to end: Int) -> Int? {
        let tokens = decoder.tokens
        var index = from
        while index < end {
            let next = Int(tokens[index + 1].next)
            if decoder.keyMatches(tokens[index], name) {
                decoder.tokens[object].hint = Int32(next)
                return index + 1
            }
            index = next
        }
        return nil
    }

    @inline(__always)
    func require(_ key: Key) throws -> Int {
        guard let index = find(key) else { throw TapeJSONDecoder.Declined(reason: "no member '\(key.stringValue)'") }
        return index
    }

    /// The token of the value named `key`, or nil when it is absent or `null`.
    @inline(__always)
    func present(_ key: Key) -> Int? {
        guard let index = find(key), !decoder.isNull(at: index) else { return nil }
        return index
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { decoder.isNull(at: try require(key)) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(at: require(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(at: require(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(at: require(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.float(at: require(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.integer(type, at: require(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.integer(type, at: require(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.integer(type, at: require(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.integer(type, at: require(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.integer(type, at: require(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.integer(type, at: require(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.integer(type, at: require(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.integer(type, at: require(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.integer(type, at: require(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.integer(type, at: require(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.value(type, at: require(key)) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map(decoder.bool(at:)) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map(decoder.string(at:)) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map(decoder.double(at:)) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key).map(decoder.float(at:)) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key).map { try decoder.integer(type, at: $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let index = present(key) else { return nil }
        return try decoder.value(type, at: index)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let index = try require(key)
        guard decoder.tokens[index].kind == .object else { throw TapeJSONDecoder.Declined(reason: "expected an object") }
        return KeyedDecodingContainer(TapeKeyedContainer<NestedKey>(decoder: decoder, object: index))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let index = try require(key)
        guard decoder.tokens[index].kind == .array else { throw TapeJSONDecoder.Declined(reason: "expected an array") }
        return TapeUnkeyedContainer(decoder: decoder, array: index)
    }

    func superDecoder() throws -> any Decoder { throw TapeJSONDecoder.Declined(reason: "superDecoder is Foundation's") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw TapeJSONDecoder.Declined(reason: "superDecoder is Foundation's") }
}

/// An array's elements, in order.
struct TapeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: TapeJSONDecoder
    /// The token of the next element.
    private var position: Int32
    private let elements: Int32
    private(set) var currentIndex: Int = 0

    init(decoder: TapeJSONDecoder, array: Int) {
        self.decoder = decoder
        self.position = Int32(array + 1)
        self.elements = decoder.tokens[array].end
    }

    var codingPath: [any CodingKey] { [] }
    var count: Int? { Int(elements) }
    var isAtEnd: Bool { currentIndex >= Int(elements) }

    /// Decodes the next element with `read` and steps past it (only when `read` succeeds).
    @inline(__always)
    private mutating func next<T>(_ read: (TapeJSONDecoder, Int) throws -> T) throws -> T {
        guard !isAtEnd else { throw TapeJSONDecoder.Declined(reason: "no more elements") }
        let index = Int(position)
        let value = try read(decoder, index)
        position = decoder.tokens[index].next
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw TapeJSONDecoder.Declined(reason: "no more elements") }
        guard decoder.isNull(at: Int(position)) else { return false }
        position += 1
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.bool(at: $1) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.string(at: $1) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.double(at: $1) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.float(at: $1) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.integer(type, at: $1) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.integer(type, at: $1) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next { try $0.value(type, at: $1) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { decoder, index in
            guard decoder.tokens[index].kind == .object else { throw TapeJSONDecoder.Declined(reason: "expected an object") }
            return KeyedDecodingContainer(TapeKeyedContainer<NestedKey>(decoder: decoder, object: index))
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { decoder, index in
            guard decoder.tokens[index].kind == .array else { throw TapeJSONDecoder.Declined(reason: "expected an array") }
            return TapeUnkeyedContainer(decoder: decoder, array: index)
        }
    }

    mutating func superDecoder() throws -> any Decoder { throw TapeJSONDecoder.Declined(reason: "superDecoder is Foundation's") }
}

/// One value.
struct TapeSingleValueContainer: SingleValueDecodingContainer {
    let decoder: TapeJSONDecoder
    let index: Int

    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { decoder.isNull(at: index) }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool(at: index) }
    func decode(_ type: String.Type) throws -> String { try decoder.string(at: index) }
    func decode(_ type: Double.Type) throws -> Double { try decoder.double(at: index) }
    func decode(_ type: Float.Type) throws -> Float { try decoder.float(at: index) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type, at: index) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type, at: index) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type, at: index) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type, at: index) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type, at: index) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type, at: index) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type, at: index) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type, at: index) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type, at: index) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type, at: index) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.value(type, at: index) }
}
