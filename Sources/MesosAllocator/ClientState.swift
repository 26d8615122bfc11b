/// A framework in one role: the unit DRF orders within a role (a leaf of Mesos's
/// framework sorter). Its key lives in the allocator's `clientKeys`.
struct ClientState: Sendable {
    var framework: Int32
    var role: Int32
    /// Distinguishes successive clients in the same slot.
    var serial: UInt64 = 0
    var isLive = true
    /// In its role's framework order (framework active, role subscribed and not suppressed).
    var isActive = false
    /// Scalars offered or allocated to it, by name.
    var allocation = ScalarVector()
    /// Number of agents holding resources for it.
    var heldAgents = 0
}
