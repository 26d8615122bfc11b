/// A named quantity of something an agent offers (`Resource` in mesos.proto).
///
/// Exactly one of `scalar`, `ranges` or `set` is expected, matching `type`.
/// Wire form: `{"name": "cpus", "type": "SCALAR", "scalar": {"value": 4.0}, "role": "*"}`.
public struct Resource: Codable, Sendable, Hashable {
    /// The resource provider the resource comes from, if any.
    public var providerID: ResourceProviderID?
    /// The resource name, e.g. `cpus`, `mem`, `disk`, `ports`, `gpus`.
    public var name: String
    /// The kind of value the resource carries.
    public var type: ValueType
    /// The quantity, for `SCALAR` resources.
    public var scalar: Value.Scalar?
    /// The ranges, for `RANGES` resources.
    public var ranges: Value.Ranges?
    /// The items, for `SET` resources.
    public var set: Value.Set?
    /// Deprecated pre-reservation-refinement role; absent or `"*"` means unreserved.
    public var role: String?
    /// The role the resource is allocated to, in offers and task resources.
    public var allocationInfo: AllocationInfo?
    /// Deprecated single reservation (pre-refinement format).
    public var reservation: ReservationInfo?
    /// The reservation stack, outermost role first; empty means unreserved.
    public var reservations: [ReservationInfo]
    /// Persistent volume and disk source information, for `disk` resources.
    public var disk: DiskInfo?
    /// Present when the resource is revocable (may be taken back at any time).
    public var revocable: RevocableInfo?
    /// Present when the resource (a persistent volume) can be shared by tasks.
    public var shared: SharedInfo?

    /// Creates a resource.
    public init(
        providerID: ResourceProviderID? = nil,
        name: String,
        type: ValueType,
        scalar: Value.Scalar? = nil,
        ranges: Value.Ranges? = nil,
        set: Value.Set? = nil,
        role: String? = nil,
        allocationInfo: AllocationInfo? = nil,
        reservation: ReservationInfo? = nil,
        reservations: [ReservationInfo] = [],
        disk: DiskInfo? = nil,
        revocable: RevocableInfo? = nil,
        shared: SharedInfo? = nil
    ) {
        self.providerID = providerID
        self.name = name
        self.type = type
        self.scalar = scalar
        self.ranges = ranges
        self.set = set
        self.role = role
        self.allocationInfo = allocationInfo
        self.reservation = reservation
        self.reservations = reservations
        self.disk = disk
        self.revocable = revocable
        self.shared = shared
    }

    /// A `SCALAR` resource such as `cpus` or `mem`.
    public static func scalar(name: String, value: Double, role: String? = nil) -> Resource {
        Resource(name: name, type: .scalar, scalar: Value.Scalar(value: value), role: role)
    }

    /// A `RANGES` resource such as `ports`.
    public static func ranges(name: String, ranges: [Value.Range], role: String? = nil) -> Resource {
        Resource(name: name, type: .ranges, ranges: Value.Ranges(range: ranges), role: role)
    }

    /// A `SET` resource.
    public static func set(name: String, items: [String], role: String? = nil) -> Resource {
        Resource(name: name, type: .set, set: Value.Set(item: items), role: role)
    }

    private enum CodingKeys: String, CodingKey {
        case providerID = "provider_id"
        case name
        case type
        case scalar
        case ranges
        case set
        case role
        case allocationInfo = "allocation_info"
        case reservation
        case reservations
        case disk
        case revocable
        case shared
    }
}

/// Marks a resource as revocable: `{}` on the wire (`Resource.RevocableInfo`).
public struct RevocableInfo: Codable, Sendable, Hashable {
    /// Creates the marker.
    public init() {}
}

/// Marks a resource as shared: `{}` on the wire (`Resource.SharedInfo`).
public struct SharedInfo: Codable, Sendable, Hashable {
    /// Creates the marker.
    public init() {}
}
