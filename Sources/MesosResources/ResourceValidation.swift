import MesosModel

extension Resources {
    /// The first invalid resource in `resources`, as an error naming it and
    /// saying what is wrong (Mesos's `Resources::validate`); `nil` when all are valid.
    ///
    /// Checks: a non-empty, bounded name; a value matching `type` (`TEXT` is not
    /// a resource type); finite, non-negative scalars that are zero or at least
    /// 0.001 and at most ``ResourceLimits/maximumScalar``; ranges with
    /// `begin <= end` that do not overlap; sets without duplicates; bounded
    /// range and item counts; disk info only on `disk`; valid role names and
    /// reservation stacks (either format); shared resources only for
    /// persistent volumes.
    public static func validate(_ resources: [Resource]) -> ResourceValidationError? {
        for resource in resources {
            if let problem = problem(with: resource) {
                return ResourceValidationError("Resource '\(resource.textForm)' is invalid: \(problem)")
            }
        }
        return nil
    }

    /// What is wrong with `resource` (Mesos's wording), or `nil` when it is valid.
    public static func validate(_ resource: Resource) -> ResourceValidationError? {
        problem(with: resource).map(ResourceValidationError.init)
    }

    static func isValid(_ resource: Resource) -> Bool {
        problem(with: resource) == nil
    }

    private static func problem(with resource: Resource) -> String? {
        if resource.name.isEmpty { return "Empty resource name" }
        if resource.name.utf8.count > ResourceLimits.maximumNameLength {
            return "Resource name is longer than \(ResourceLimits.maximumNameLength) bytes"
        }
        if let problem = valueProblem(resource) { return problem }
        if let problem = diskProblem(resource) { return problem }
        if let problem = reservationProblem(resource) { return problem }
        if resource.shared != nil {
            if resource.name != "disk" { return "Resource \(resource.name) cannot be shared" }
            if resource.disk?.persistence == nil { return "Only persistent volumes can be shared" }
        }
        return nil
    }

    private static func valueProblem(_ resource: Resource) -> String? {
        switch resource.type {
        case .scalar:
            guard let scalar = resource.scalar, resource.ranges == nil, resource.set == nil else {
                return "Invalid scalar resource"
            }
            guard scalar.value.isFinite else { return "Invalid scalar resource: value is not a finite number" }
            // Negative values, and non-zero values that would be represented as zero, are invalid.
            if scalar.value != 0 && FixedPoint.millis(from: scalar.value) <= 0 {
                return "Invalid scalar resource: value <= 0"
            }
            if scalar.value > ResourceLimits.maximumScalar {
                return "Invalid scalar resource: value > \(FixedPoint.text(ofMillis: FixedPoint.millis(from: ResourceLimits.maximumScalar)))"
            }
        case .ranges:
            guard let ranges = resource.ranges, resource.scalar == nil, resource.set == nil else {
                return "Invalid ranges resource"
            }
            if ranges.range.count > ResourceLimits.maximumRanges {
                return "Invalid ranges resource: more than \(ResourceLimits.maximumRanges) ranges"
            }
            if ranges.range.contains(where: { $0.begin > $0.end }) {
                return "Invalid ranges resource: begin > end"
            }
            let sorted = ranges.range.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
            if zip(sorted, sorted.dropFirst()).contains(where: { $1.begin <= $0.end }) {
                return "Invalid ranges resource: overlapping ranges"
            }
        case .set:
            guard let set = resource.set, resource.scalar == nil, resource.ranges == nil else {
                return "Invalid set resource"
            }
            if set.item.count > ResourceLimits.maximumSetItems {
                return "Invalid set resource: more than \(ResourceLimits.maximumSetItems) items"
            }
            if Swift.Set(set.item).count != set.item.count {
                return "Invalid set resource: duplicated elements"
            }
        case .text:
            return "Unsupported resource type"
        }
        return nil
    }

    private static func diskProblem(_ resource: Resource) -> String? {
        guard let disk = resource.disk else { return nil }
        if resource.name != "disk" { return "DiskInfo should not be set for \(resource.name) resource" }
        guard let source = disk.source else { return nil }
        switch source.type {
        case .path, .mount:
            return nil
        case .block, .raw:
            if source.mount != nil { return "Mount should not be set for \(source.type.rawValue) disk source" }
            if source.path != nil { return "Path should not be set for \(source.type.rawValue) disk source" }
            return nil
        case .unknown:
            return "Unsupported 'DiskInfo.Source.Type' in '\(source.type.rawValue)'"
        }
    }

    private static func reservationProblem(_ resource: Resource) -> String? {
        if resource.reservations.isEmpty {
            // The "pre-reservation-refinement" format.
            let role = resource.role ?? RoleName.any
            if let problem = RoleName.validationError(role) { return problem }
            if let reservation = resource.reservation {
                if reservation.type != nil {
                    return "'Resource.ReservationInfo.type' must not be set for the 'Resource.reservation' field"
                }
                if reservation.role != nil {
                    return "'Resource.ReservationInfo.role' must not be set for the 'Resource.reservation' field"
                }
                if role == RoleName.any {
                    return "Invalid reservation: role \"*\" cannot be dynamically reserved"
                }
            }
            return nil
        }

        // The "post-reservation-refinement" format.
        for reservation in resource.reservations {
            guard let type = reservation.type else {
                return "Invalid reservation: 'Resource.ReservationInfo.type' field must be set."
            }
            if type == .unknown { return "Unsupported 'Resource.ReservationInfo.Type'" }
            guard let role = reservation.role else {
                return "Invalid reservation: 'Resource.ReservationInfo.role' field must be set."
            }
            if let problem = RoleName.validationError(role) { return problem }
            if role == RoleName.any { return "Invalid reservation: role \"*\" cannot be reserved" }
        }
        var ancestor = resource.reservations[0].role ?? ""
        for reservation in resource.reservations.dropFirst() {
            if reservation.type == .static {
                return "Invalid refined reservation: A refined reservation cannot be STATIC"
            }
            let descendant = reservation.role ?? ""
            if !RoleName.isStrictSubrole(descendant, of: ancestor) {
                return "Invalid refined reservation: role '\(descendant)' is not a refinement of '\(ancestor)'"
            }
            ancestor = descendant
        }

        if resource.reservations.count == 1 {
            let only = resource.reservations[0]
            if let role = resource.role, role != only.role {
                return "Invalid resource format: 'Resource.role' field with '\(role)' does not match the role "
                    + "'\(only.role ?? "")' in 'Resource.reservations'"
            }
            switch only.type {
            case .static:
                if resource.reservation != nil {
                    return "Invalid resource format: 'Resource.reservation' must not be set if the single "
                        + "reservation in 'Resource.reservations' is STATIC"
                }
            case .dynamic:
                if (resource.role != nil) != (resource.reservation != nil) {
                    return "Invalid resource format: 'Resource.role' and 'Resource.reservation' must either be "
                        + "both set or both not set if the single reservation in 'Resource.reservations' is DYNAMIC"
                }
                if let reservation = resource.reservation, reservation.principal != only.principal {
                    return "Invalid resource format: 'Resource.reservation.principal' field with "
                        + "'\(reservation.principal ?? "")' does not match the principal '\(only.principal ?? "")' "
                        + "in 'Resource.reservations'"
                }
                if let reservation = resource.reservation, reservation.labels != only.labels {
                    return "Invalid resource format: 'Resource.reservation.labels' field does not match the "
                        + "labels in 'Resource.reservations'"
                }
            case .unknown, nil:
                return "Unsupported 'Resource.ReservationInfo.Type'"
            }
        } else {
            if resource.role != nil {
                return "Invalid resource format: 'Resource.role' must not be set if there is more than one "
                    + "reservation in 'Resource.reservations'"
            }
            if resource.reservation != nil {
                return "Invalid resource format: 'Resource.reservation' must not be set if there is more than one "
                    + "reservation in 'Resource.reservations'"
            }
        }
        return nil
    }
}
