import MesosAllocator
import MesosModel

/// An outstanding offer: what was sent to the framework and what the allocator gave.
///
/// The fields live in one shared object: a copy of the record is one retain, not one per field of
/// the offer and the decision. Reading a record out of a dictionary copies it (the getter returns
/// an owned value), and the master reads records by the tens of thousands: in DECLINE, and in the
/// state endpoints' sums of offered resources. The table also moves 8 bytes per record when it
/// grows, not the whole record.
public struct OfferRecord: Sendable {
    final class Storage: Sendable {
        let offer: Offer
        let allocation: AllocatorOffer
        let created: ContinuousClock.Instant

        init(offer: Offer, allocation: AllocatorOffer, created: ContinuousClock.Instant) {
            self.offer = offer
            self.allocation = allocation
            self.created = created
        }
    }

    private let storage: Storage

    init(offer: Offer, allocation: AllocatorOffer, created: ContinuousClock.Instant) {
        storage = Storage(offer: offer, allocation: allocation, created: created)
    }

    /// The offer as sent.
    public var offer: Offer { _read { yield storage.offer } }
    /// Its framework's id and its resources, read without copying the offer (the state endpoints
    /// read these two of every outstanding offer).
    public var frameworkID: FrameworkID { storage.offer.frameworkID }
    public var resources: [Resource] { storage.offer.resources }
    /// The allocator's decision, given back when the offer is declined or rescinded.
    var allocation: AllocatorOffer { _read { yield storage.allocation } }
    /// When it was made.
    public var created: ContinuousClock.Instant { storage.created }
}
