/// Environment variables for a command (`Environment`):
/// `{"variables": [{"name": "FOO", "value": "bar"}]}`.
public struct Environment: Codable, Sendable, Hashable {
    /// One environment variable.
    public struct Variable: Codable, Sendable, Hashable {
        /// Where the variable's value comes from.
        public enum VariableType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// The value is in `value` (the proto default).
            case value = "VALUE"
            /// The value is in `secret`.
            case secret = "SECRET"
        }

        /// The variable name.
        public var name: String
        /// Where the value comes from; absent means `VALUE`.
        public var type: VariableType?
        /// The value, for `VALUE` variables.
        public var value: String?
        /// The secret, for `SECRET` variables.
        public var secret: Secret?

        /// Creates a variable.
        public init(name: String, type: VariableType? = nil, value: String? = nil, secret: Secret? = nil) {
            self.name = name
            self.type = type
            self.value = value
            self.secret = secret
        }

        private enum CodingKeys: String, CodingKey {
            case name
            case type
            case value
            case secret
        }
    }

    /// The variables, in order.
    public var variables: [Variable]

    /// Creates an environment.
    public init(variables: [Variable] = []) {
        self.variables = variables
    }

    /// Creates an environment of plain values, ordered by name.
    public init(_ values: [String: String]) {
        self.variables = values.sorted { $0.key < $1.key }.map { Variable(name: $0.key, value: $0.value) }
    }

    private enum CodingKeys: String, CodingKey {
        case variables
    }
}
