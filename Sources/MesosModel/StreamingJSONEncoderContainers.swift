// The containers of ``StreamingJSONEncoder``: each knows its writer and the index of the container
// it writes into on the writer's stack. The primitive overloads exist so that no value goes through
// the generic path (and a dynamic cast) when its type is known.

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let frame: Int

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeBool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int8, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int16, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int32, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt8, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt16, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        writer.beginKey(key, in: frame)
        try writer.writeValue(value)
    }

    // The standard library's defaults for these are generic and unspecialized: they look up
    // `Optional` metadata at run time for every field.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        writer.beginKey(key, in: frame)
        return KeyedEncodingContainer(
            JSONKeyedContainer<NestedKey>(writer: writer, frame: writer.open(closer: UInt8(ascii: "}"), ownsLevel: false)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.beginKey(key, in: frame)
        return JSONUnkeyedContainer(writer: writer, frame: writer.open(closer: UInt8(ascii: "]"), ownsLevel: false))
    }

    mutating func superEncoder() -> any Encoder {
        writer.unsupportedEncoder()
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.unsupportedEncoder()
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let frame: Int

    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.frames.indices.contains(frame) ? writer.frames[frame].count : 0 }

    mutating func encodeNil() throws {
        writer.beginElement(in: frame)
        writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        writer.beginElement(in: frame)
        writer.writeBool(value)
    }

    mutating func encode(_ value: String) throws {
        writer.beginElement(in: frame)
        writer.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        writer.beginElement(in: frame)
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Float) throws {
        writer.beginElement(in: frame)
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Int) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int8) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int16) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int32) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int64) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt8) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt16) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt32) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: UInt64) throws {
        writer.beginElement(in: frame)
        writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        writer.beginElement(in: frame)
        try writer.writeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.beginElement(in: frame)
        return KeyedEncodingContainer(
            JSONKeyedContainer<NestedKey>(writer: writer, frame: writer.open(closer: UInt8(ascii: "}"), ownsLevel: false)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.beginElement(in: frame)
        return JSONUnkeyedContainer(writer: writer, frame: writer.open(closer: UInt8(ascii: "]"), ownsLevel: false))
    }

    mutating func superEncoder() -> any Encoder {
        writer.unsupportedEncoder()
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONByteWriter

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeNull() }
    mutating func encode(_ value: Bool) throws { writer.writeBool(value) }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try writer.writeFloatingPoint(value) }
    mutating func encode(_ value: Float) throws { try writer.writeFloatingPoint(value) }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.writeValue(value) }
}
