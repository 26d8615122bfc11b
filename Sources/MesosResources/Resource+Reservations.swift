import MesosModel

extension Resource {
    /// The role the resource is reserved for (the innermost reservation), or
    /// `nil` when unreserved. Reads both the reservation stack and the
    /// deprecated `role`/`reservation` format.
    public var reservationRole: String? {
        if let last = reservations.last { return last.role }
        if let role, role != RoleName.any { return role }
        return nil
    }

    /// Whether the resource is reserved for no role.
    public var isUnreserved: Bool { reservationRole == nil }

    /// Whether the resource is reserved, for `role` when given, else for any role.
    public func isReserved(for role: String? = nil) -> Bool {
        guard let reserved = reservationRole else { return false }
        return role.map { $0 == reserved } ?? true
    }

    /// Whether a framework in `role` may be offered the resource: it is
    /// unreserved, or reserved for `role` or one of `role`'s ancestors.
    public func isAllocatable(to role: String) -> Bool {
        guard let reserved = reservationRole else { return true }
        return role == reserved || RoleName.isStrictSubrole(role, of: reserved)
    }

    /// Whether the innermost reservation was made at runtime (`DYNAMIC`).
    public var isDynamicallyReserved: Bool {
        if let last = reservations.last { return last.type == .dynamic }
        return reservationRole != nil && reservation != nil
    }

    /// Whether the resource is a persistent volume.
    public var isPersistentVolume: Bool { disk?.persistence != nil }

    /// Whether the resource may be taken back at any time.
    public var isRevocable: Bool { revocable != nil }

    /// Whether the resource (a persistent volume) can be used by several tasks at once.
    public var isShared: Bool { shared != nil }

    /// The resource in Mesos's "post-reservation-refinement" format: the
    /// deprecated `role` and `reservation` fields folded into `reservations`
    /// (a non-`*` role becomes a `STATIC` reservation, or `DYNAMIC` when
    /// `reservation` is set). ``Resources`` keeps every resource in this form.
    public func upgraded() -> Resource {
        var result = self
        if result.reservations.isEmpty, let role, role != RoleName.any {
            var reservation = result.reservation ?? ReservationInfo()
            reservation.type = result.reservation == nil ? .static : .dynamic
            reservation.role = role
            result.reservations = [reservation]
        }
        result.role = nil
        result.reservation = nil
        return result
    }

    /// The resource in the deprecated "pre-reservation-refinement" format
    /// (`role`, plus `reservation` for a dynamic reservation), for peers that
    /// do not understand reservation stacks; `role` is `*` when unreserved.
    /// `nil` when the resource has refined (nested) reservations, which that
    /// format cannot express.
    public func downgraded() -> Resource? {
        var result = upgraded()
        guard result.reservations.count <= 1 else { return nil }
        if let innermost = result.reservations.first {
            result.role = innermost.role
            if innermost.type == .dynamic {
                result.reservation = ReservationInfo(principal: innermost.principal, labels: innermost.labels)
            }
        } else {
            result.role = RoleName.any
        }
        result.reservations = []
        return result
    }
}
