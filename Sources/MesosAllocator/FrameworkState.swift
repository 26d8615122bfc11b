import MesosModel

/// One framework as the allocator sees it.
struct FrameworkState: Sendable {
    var id: FrameworkID
    /// Tie-breaking rank of the ID (see ``NameRanking``).
    var rank: UInt64 = 0
    var isLive = true
    var isActive: Bool
    var capabilities: FrameworkCapabilities
    /// Subscribed roles.
    var roles: Set<Int32>
    var suppressed: Set<Int32> = []
    /// Clients by role: subscribed roles, plus roles it still holds resources in.
    var clients: [Int32: Int32] = [:]
    /// Per-role minimum allocatable overrides.
    var minimums: [Int32: CompiledMinimum] = [:]
    /// Declared per-task demand, if any.
    var demand: TaskShape?

    init(id: FrameworkID, isActive: Bool, capabilities: FrameworkCapabilities, roles: Set<Int32>) {
        self.id = id
        self.isActive = isActive
        self.capabilities = capabilities
        self.roles = roles
    }
}
