import Foundation

/// The JSON encoding Mesos uses for its v1 API messages.
///
/// Field names are the proto's snake_case names (every type declares its
/// `CodingKeys`), enums are name strings, `bytes` fields are base64, unknown keys
/// are ignored, and empty repeated fields are omitted.
public enum MesosJSON {
    /// Encodes a message as Mesos JSON.
    ///
    /// - Throws: `EncodingError` when the message holds a non-finite `Double`
    ///   (JSON cannot represent NaN or infinity).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodeBytes(value))
    }

    /// Encodes a message as Mesos JSON bytes, in one pass (``StreamingJSONEncoder``; the same bytes
    /// as ``makeEncoder()`` writes, which is used for the rare value the one-pass encoder cannot
    /// write).
    ///
    /// - Throws: `EncodingError` when the message holds a non-finite `Double`.
    public static func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        do {
            return try StreamingJSONEncoder.encode(value)
        } catch is StreamingJSONEncoder.Unsupported {
            return Array(try makeEncoder().encode(value))
        }
    }

    /// Decodes a message from Mesos JSON.
    ///
    /// Decodes with ``TapeJSONDecoder`` (one parse into a token tape, fields read by index); a
    /// document it declines (every error, and what it does not handle) is decoded by
    /// ``makeDecoder()``, Foundation's decoder, whose value or error is then the result. The
    /// errors, and their coding paths, are therefore always Foundation's.
    ///
    /// - Throws: `DecodingError` when the JSON is malformed, a required field is
    ///   missing, or a required enum field holds an unknown name.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try TapeJSONDecoder.decode(type, from: data)
        } catch {
            return try makeDecoder().decode(type, from: data)
        }
    }

    /// A fresh encoder configured for Mesos JSON (base64 `bytes`, unescaped slashes).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dataEncodingStrategy = .base64
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// A fresh decoder configured for Mesos JSON (base64 `bytes`, padding optional).
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .custom(Base64Bytes.decodeStrategy)
        return decoder
    }
}
