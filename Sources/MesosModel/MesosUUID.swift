import Foundation

/// A 16-byte UUID wrapped as Mesos's `UUID` message: `{"value": "<base64>"}`.
///
/// Named `MesosUUID` so it does not collide with `Foundation.UUID`.
public struct MesosUUID: Codable, Sendable, Hashable {
    /// The UUID's bytes.
    public var value: Data

    /// Creates a UUID message from raw bytes.
    public init(value: Data) {
        self.value = value
    }

    /// Creates a UUID message from a Foundation UUID.
    public init(_ uuid: UUID) {
        self.value = withUnsafeBytes(of: uuid.uuid) { Data($0) }
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}
