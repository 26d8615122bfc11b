/// The agent capabilities the allocator looks at (`SlaveInfo.Capability`).
public struct AgentCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `MULTI_ROLE`: the agent understands allocation info; MULTI_ROLE frameworks need it.
    public static let multiRole = AgentCapabilities(rawValue: 1 << 0)
    /// `HIERARCHICAL_ROLE`: the agent understands roles such as `a/b`.
    public static let hierarchicalRole = AgentCapabilities(rawValue: 1 << 1)

    /// What every current agent has.
    public static let all: AgentCapabilities = [.multiRole, .hierarchicalRole]
}
