import Foundation

/// Decoding of proto `bytes` fields, which Mesos JSON carries as base64 strings.
enum Base64Bytes {
    /// Decodes standard base64, accepting input whose `=` padding was left off
    /// (Mesos's own decoder does, and its documentation shows such values).
    ///
    /// - Returns: `nil` when `text` is not base64.
    static func decode(_ text: String) -> Data? {
        var padded = text
        switch text.utf8.count % 4 {
        case 0: break
        case 2: padded += "=="
        case 3: padded += "="
        default: return nil
        }
        return Data(base64Encoded: padded)
    }

    /// A `JSONDecoder` data strategy using ``decode(_:)``.
    @Sendable static func decodeStrategy(_ decoder: any Decoder) throws -> Data {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let data = decode(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a base64 string for a bytes field; send raw bytes base64-encoded."
            )
        }
        return data
    }
}
