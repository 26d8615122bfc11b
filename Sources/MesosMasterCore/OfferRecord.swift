import MesosAllocator
import MesosModel

/// An outstanding offer: what was sent to the framework and what the allocator gave.
public struct OfferRecord: Sendable {
    /// The offer as sent.
    public let offer: Offer
    /// The allocator's decision, given back when the offer is declined or rescinded.
    let allocation: AllocatorOffer
    /// When it was made.
    public let created: ContinuousClock.Instant
}
