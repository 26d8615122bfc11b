/// A generic key/value pair (`Parameter`), e.g. a docker CLI option.
public struct Parameter: Codable, Sendable, Hashable {
    /// The parameter name.
    public var key: String
    /// The parameter value.
    public var value: String

    /// Creates a parameter.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case key
        case value
    }
}

/// A list of parameters (`Parameters`): `{"parameter": [{"key": .., "value": ..}]}`.
public struct Parameters: Codable, Sendable, Hashable {
    /// The parameters, in order.
    public var parameter: [Parameter]

    /// Creates a parameter list.
    public init(parameter: [Parameter] = []) {
        self.parameter = parameter
    }

    private enum CodingKeys: String, CodingKey {
        case parameter
    }
}
