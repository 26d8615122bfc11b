import MesosModel
import MesosResources

// Conveniences for callers holding `Resources` values (the master does).

extension DRFAllocator {
    /// ``addAgent(_:total:used:attributes:capabilities:)`` with `Resources`.
    public mutating func addAgent(
        _ id: AgentID,
        total: Resources,
        used: [FrameworkID: Resources] = [:],
        attributes: [Attribute] = [],
        capabilities: AgentCapabilities = .all
    ) throws(AllocatorError) {
        try addAgent(
            id, total: Array(total), used: used.mapValues { Array($0) }, attributes: attributes, capabilities: capabilities)
    }

    /// ``updateAgent(_:total:attributes:capabilities:)`` with `Resources`.
    public mutating func updateAgent(_ id: AgentID, total: Resources) throws(AllocatorError) {
        try updateAgent(id, total: Array(total))
    }

    /// ``addFramework(_:used:active:suppressedRoles:)`` with `Resources`.
    public mutating func addFramework(
        _ profile: FrameworkProfile,
        used: [AgentID: Resources],
        active: Bool = true,
        suppressedRoles: Set<String> = []
    ) throws(AllocatorError) {
        try addFramework(profile, used: used.mapValues { Array($0) }, active: active, suppressedRoles: suppressedRoles)
    }

    /// ``recoverResources(framework:agent:resources:refuseSeconds:now:)`` with `Resources`.
    public mutating func recoverResources(
        framework: FrameworkID,
        agent: AgentID,
        resources: Resources,
        refuseSeconds: Double? = nil,
        now: ContinuousClock.Instant
    ) throws(AllocatorError) {
        try recoverResources(framework: framework, agent: agent, resources: Array(resources), refuseSeconds: refuseSeconds, now: now)
    }

    /// ``updateDemand(framework:task:)`` with `Resources` (empty withdraws the demand).
    public mutating func updateDemand(framework: FrameworkID, task: Resources) throws(AllocatorError) {
        try updateDemand(framework: framework, task: Array(task))
    }
}

extension AllocatorOffer {
    /// The offered resources as a `Resources` value.
    public var offeredResources: Resources {
        Resources(resources)
    }
}
