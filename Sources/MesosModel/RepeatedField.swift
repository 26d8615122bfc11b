// Proto `repeated` and `map` fields in Mesos JSON: a missing (or null) field is
// empty, and an empty field is omitted on output.
//
// Every non-optional array or `[String: V]` property of this module's types is a
// repeated or map field, so these overloads, which synthesized `Codable`
// conformances in this module pick over the generic ones, give all of them that
// behaviour without hand-written code.

extension KeyedDecodingContainer {
    /// Decodes a repeated field: absent or `null` decodes as `[]`.
    func decode<Element: Decodable>(_ type: [Element].Type, forKey key: Key) throws -> [Element] {
        try decodeIfPresent([Element].self, forKey: key) ?? []
    }

    /// Decodes a repeated enum field: absent or `null` decodes as `[]`, and names
    /// this build does not know are dropped (as for optional enum fields).
    func decode<Element: ProtoEnum>(_ type: [Element].Type, forKey key: Key) throws -> [Element] {
        let names = try decodeIfPresent([String].self, forKey: key) ?? []
        return names.compactMap(Element.init(rawValue:))
    }

    /// Decodes a map field: absent or `null` decodes as `[:]`.
    func decode<Value: Decodable>(_ type: [String: Value].Type, forKey key: Key) throws -> [String: Value] {
        try decodeIfPresent([String: Value].self, forKey: key) ?? [:]
    }
}

extension KeyedEncodingContainer {
    /// Encodes a repeated field, omitting it when empty.
    mutating func encode<Element: Encodable>(_ value: [Element], forKey key: Key) throws {
        guard !value.isEmpty else { return }
        try encodeIfPresent(Optional(value), forKey: key)
    }

    /// Encodes a map field, omitting it when empty.
    mutating func encode<Value: Encodable>(_ value: [String: Value], forKey key: Key) throws {
        guard !value.isEmpty else { return }
        try encodeIfPresent(Optional(value), forKey: key)
    }
}
