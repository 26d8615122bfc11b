import Foundation

/// A secret passed by reference or by value (`Secret`).
public struct Secret: Codable, Sendable, Hashable {
    /// How the secret is passed.
    public enum SecretType: String, ProtoEnum {
        /// Not set.
        case unknown = "UNKNOWN"
        /// A reference to a secret stored in a secret back-end.
        case reference = "REFERENCE"
        /// The secret's value itself.
        case value = "VALUE"
    }

    /// Names a secret in a back-end: `{"name": "db", "key": "password"}`.
    public struct Reference: Codable, Sendable, Hashable {
        /// The secret's name.
        public var name: String
        /// A key within the secret, for secrets holding several values.
        public var key: String?

        /// Creates a reference.
        public init(name: String, key: String? = nil) {
            self.name = name
            self.key = key
        }

        private enum CodingKeys: String, CodingKey {
            case name
            case key
        }
    }

    /// A secret value: `{"data": "<base64>"}`.
    public struct Value: Codable, Sendable, Hashable {
        /// The secret bytes.
        public var data: Data

        /// Creates a secret value.
        public init(data: Data) {
            self.data = data
        }

        private enum CodingKeys: String, CodingKey {
            case data
        }
    }

    /// How the secret is passed.
    public var type: SecretType?
    /// The reference, for `REFERENCE` secrets.
    public var reference: Reference?
    /// The value, for `VALUE` secrets.
    public var value: Value?

    /// Creates a secret.
    public init(type: SecretType? = nil, reference: Reference? = nil, value: Value? = nil) {
        self.type = type
        self.reference = reference
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case reference
        case value
    }
}
