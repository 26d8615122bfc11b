/// The framework capabilities the allocator looks at (`FrameworkInfo.Capability`).
public struct FrameworkCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// `REVOCABLE_RESOURCES`: may be offered revocable resources.
    public static let revocableResources = FrameworkCapabilities(rawValue: 1 << 0)
    /// `GPU_RESOURCES`: may be offered agents that have GPUs.
    public static let gpuResources = FrameworkCapabilities(rawValue: 1 << 1)
    /// `SHARED_RESOURCES`: may be offered shared resources (shared persistent volumes).
    public static let sharedResources = FrameworkCapabilities(rawValue: 1 << 2)
    /// `MULTI_ROLE`: subscribes with a set of roles; not offered agents lacking MULTI_ROLE.
    public static let multiRole = FrameworkCapabilities(rawValue: 1 << 3)
    /// `RESERVATION_REFINEMENT`: understands refined (stacked) reservations.
    public static let reservationRefinement = FrameworkCapabilities(rawValue: 1 << 4)
    /// `REGION_AWARE`: may be offered agents in remote regions (the allocator has no regions yet).
    public static let regionAware = FrameworkCapabilities(rawValue: 1 << 5)

    /// The capabilities with the given Mesos names (`"GPU_RESOURCES"`, ...); unknown names are ignored.
    public init(mesosNames: some Sequence<String>) {
        var capabilities: FrameworkCapabilities = []
        for name in mesosNames {
            switch name {
            case "REVOCABLE_RESOURCES": capabilities.insert(.revocableResources)
            case "GPU_RESOURCES": capabilities.insert(.gpuResources)
            case "SHARED_RESOURCES": capabilities.insert(.sharedResources)
            case "MULTI_ROLE": capabilities.insert(.multiRole)
            case "RESERVATION_REFINEMENT": capabilities.insert(.reservationRefinement)
            case "REGION_AWARE": capabilities.insert(.regionAware)
            default: break
            }
        }
        self = capabilities
    }
}
