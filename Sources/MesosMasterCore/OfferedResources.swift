import MesosAllocator
import MesosModel

/// The resources of an offer as sent (``AllocatorOffer/resources(downgraded:)``), kept on the
/// agent's record with the decision they were built from (``AgentRecord/lastOfferedResources``).
struct OfferedResources: Sendable {
    let decision: AllocatorOffer
    /// Whether they are in the pre-reservation-refinement format.
    let downgraded: Bool
    let resources: [Resource]
}
