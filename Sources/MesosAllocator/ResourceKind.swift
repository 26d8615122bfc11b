/// Everything the allocation hot path needs to know about a resource kind (all of a
/// resource except its value), as plain data. The full `Resource` template lives in
/// the catalog's `templates`, indexed alike.
struct ResourceKind: Sendable {
    /// Index of the resource name in the catalog.
    var name: Int32
    /// The role the resource is reserved for (catalog role index), or `-1` when unreserved.
    var reservationRole: Int32
    var isRevocable: Bool
    var isShared: Bool
    /// Has more than one reservation (needs the RESERVATION_REFINEMENT capability).
    var isRefined: Bool
    var isScalar: Bool
    /// Can be cut to a smaller amount (not a disk with disk info, e.g. a volume or MOUNT disk).
    var isDivisible: Bool

    var isReserved: Bool { reservationRole >= 0 }

    /// Unreserved, non-revocable, non-shared: allocatable to every role and framework alike.
    var isPlain: Bool { reservationRole < 0 && !isRevocable && !isShared }

    /// Counts toward quota consumption and headroom: unreserved, non-revocable scalar.
    var isQuotaScalar: Bool { isScalar && reservationRole < 0 && !isRevocable }
}
