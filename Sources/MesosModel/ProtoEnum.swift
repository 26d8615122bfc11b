/// A protobuf enum as Mesos writes it in JSON: the value's name string.
///
/// Conforming types get the proto2 JSON rule for *optional* enum fields:
/// an unknown name is dropped (decoded as `nil`) instead of failing the whole
/// message, so a newer peer that sends a name this build does not know can still
/// be understood. A *required* enum field (a non-optional Swift property) keeps
/// the strict rule: an unknown name is a decoding error.
public protocol ProtoEnum: RawRepresentable, Codable, Sendable, Hashable, CaseIterable
where RawValue == String {}

extension KeyedDecodingContainer {
    /// Decodes an optional proto enum field, dropping names this build does not know.
    ///
    /// Synthesized `init(from:)` implementations in this module pick this overload
    /// for every `ProtoEnum?` property.
    func decodeIfPresent<E: ProtoEnum>(_ type: E.Type, forKey key: Key) throws -> E? {
        guard let name = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return E(rawValue: name)
    }
}
