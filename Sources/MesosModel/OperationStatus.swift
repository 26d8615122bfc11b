/// The state of an offer operation with feedback (`OperationState`).
public enum OperationState: String, ProtoEnum {
    /// Default when unset.
    case unsupported = "OPERATION_UNSUPPORTED"
    /// Initial state.
    case pending = "OPERATION_PENDING"
    /// Terminal: applied.
    case finished = "OPERATION_FINISHED"
    /// Terminal: failed to apply.
    case failed = "OPERATION_FAILED"
    /// Terminal: the operation description is invalid.
    case error = "OPERATION_ERROR"
    /// Terminal: dropped because of a transient error.
    case dropped = "OPERATION_DROPPED"
    /// The operation's agent is unreachable.
    case unreachable = "OPERATION_UNREACHABLE"
    /// An operator asserted that the operation's agent is gone.
    case goneByOperator = "OPERATION_GONE_BY_OPERATOR"
    /// The agent is recovered from the registry but has not re-registered yet.
    case recovering = "OPERATION_RECOVERING"
    /// The master knows nothing about the operation.
    case unknown = "OPERATION_UNKNOWN"

    /// Whether the state is terminal.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .error, .dropped, .goneByOperator:
            true
        case .unsupported, .pending, .unreachable, .recovering, .unknown:
            false
        }
    }
}

/// The status of an offer operation (`OperationStatus`).
public struct OperationStatus: Codable, Sendable, Hashable {
    /// The framework's operation ID.
    public var operationID: OperationID?
    /// The operation's state.
    public var state: OperationState
    /// A human-readable explanation.
    public var message: String?
    /// Resources after the operation, for `OPERATION_FINISHED`.
    public var convertedResources: [Resource]
    /// Present on updates to acknowledge.
    public var uuid: MesosUUID?
    /// The agent the operation ran on.
    public var agentID: AgentID?
    /// The resource provider the operation ran on.
    public var resourceProviderID: ResourceProviderID?

    /// Creates an operation status.
    public init(
        operationID: OperationID? = nil,
        state: OperationState,
        message: String? = nil,
        convertedResources: [Resource] = [],
        uuid: MesosUUID? = nil,
        agentID: AgentID? = nil,
        resourceProviderID: ResourceProviderID? = nil
    ) {
        self.operationID = operationID
        self.state = state
        self.message = message
        self.convertedResources = convertedResources
        self.uuid = uuid
        self.agentID = agentID
        self.resourceProviderID = resourceProviderID
    }

    private enum CodingKeys: String, CodingKey {
        case operationID = "operation_id"
        case state
        case message
        case convertedResources = "converted_resources"
        case uuid
        case agentID = "agent_id"
        case resourceProviderID = "resource_provider_id"
    }
}
