// The Mesos ID messages: each is `{"value": "..."}` on the wire.

/// Identifies a framework; the master assigns `<master id>-<counter>`.
public struct FrameworkID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies an agent (`SlaveID` in older Mesos); the master assigns `<master id>-S<counter>`.
public struct AgentID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies an offer; the master assigns `<master id>-O<counter>`.
public struct OfferID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies a task; chosen by the framework, unique within it.
public struct TaskID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies an executor; unique within its framework.
public struct ExecutorID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies a resource provider on an agent.
public struct ResourceProviderID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies an offer operation whose status the framework wants to track.
public struct OperationID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies an inverse offer (a request to give resources back).
public struct InverseOfferID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}

/// Identifies a master instance (a UUID string).
public struct MasterID: MesosIdentifier {
    /// The ID's string value.
    public var value: String

    /// Creates the ID with the given string value.
    public init(value: String) {
        self.value = value
    }

    /// Creates the ID with the given string value.
    public init(_ value: String) {
        self.value = value
    }

    private enum CodingKeys: String, CodingKey {
        case value
    }
}
