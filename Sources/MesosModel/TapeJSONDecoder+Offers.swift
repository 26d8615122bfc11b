import Foundation

// Hand-written readers of an OFFERS event's offers, the largest message a framework reads (a
// framework of a big cluster reads tens of thousands of offers a second). Through `Codable` the
// tape decoder spends most of an offer's time on containers, key strings and generic metadata;
// these readers walk each object's members once, in document order, and compare keys' bytes.
//
// They return exactly what the `Codable` path returns, or throw ``TapeJSONDecoder/Declined`` (and
// ``MesosJSON/decode(_:from:)`` then asks Foundation): unknown members are skipped, `null` is an
// absent optional or an empty repeated field, a required field that is missing, `null` or of the
// wrong type is declined, and so is an object that names one of these fields twice or has an
// escaped key. Members that are rare in offers (`url`, `domain`, `attributes`, `unavailability`,
// and a resource's reservations, disk, provider, revocable and shared markers) are read through
// `Codable` as before.

extension TapeJSONDecoder {
    /// An OFFERS body: `{"offers": [...]}`.
    func offersBody(at object: Int) throws -> Scheduler.Event.Offers {
        var offers: [Offer] = []
        var seen = SeenMembers()
        try members(of: object) { key, value in
            if Self.key(key, is: "offers") {
                try seen.first(0)
                offers = try array(at: value) { try offer(at: $0) }
            }
        }
        return Scheduler.Event.Offers(offers: offers)
    }

    /// One offer.
    func offer(at object: Int) throws -> Offer {
        var id: OfferID?
        var frameworkID: FrameworkID?
        var agentID: AgentID?
        var hostname: String?
        var url: MesosURL?
        var domain: DomainInfo?
        var resources: [Resource] = []
        var attributes: [Attribute] = []
        var executorIDs: [ExecutorID] = []
        var unavailability: Unavailability?
        var allocationInfo: AllocationInfo?
        var seen = SeenMembers()
        try members(of: object) { key, value in
            if Self.key(key, is: "id") {
                try seen.first(0)
                id = OfferID(value: try identifier(at: value))
            } else if Self.key(key, is: "framework_id") {
                try seen.first(1)
                frameworkID = FrameworkID(value: try identifier(at: value))
            } else if Self.key(key, is: "agent_id") {
                try seen.first(2)
                agentID = AgentID(value: try identifier(at: value))
            } else if Self.key(key, is: "hostname") {
                try seen.first(3)
                hostname = try string(at: value)
            } else if Self.key(key, is: "resources") {
                try seen.first(4)
                resources = try array(at: value) { try resource(at: $0) }
            } else if Self.key(key, is: "allocation_info") {
                try seen.first(5)
                allocationInfo = try isNull(at: value) ? nil : self.allocationInfo(at: value)
            } else if Self.key(key, is: "executor_ids") {
                try seen.first(6)
                executorIDs = try array(at: value) { ExecutorID(value: try identifier(at: $0)) }
            } else if Self.key(key, is: "attributes") {
                try seen.first(7)
                attributes = try isNull(at: value) ? [] : self.value([Attribute].self, at: value)
            } else if Self.key(key, is: "url") {
                try seen.first(8)
                url = try isNull(at: value) ? nil : self.value(MesosURL.self, at: value)
            } else if Self.key(key, is: "domain") {
                try seen.first(9)
                domain = try isNull(at: value) ? nil : self.value(DomainInfo.self, at: value)
            } else if Self.key(key, is: "unavailability") {
                try seen.first(10)
                unavailability = try isNull(at: value) ? nil : self.value(Unavailability.self, at: value)
            }
        }
        guard let id, let frameworkID, let agentID, let hostname else { throw Declined(reason: "an offer without a required field") }
        return Offer(
            id: id, frameworkID: frameworkID, agentID: agentID, hostname: hostname, url: url, domain: domain,
            resources: resources, attributes: attributes, executorIDs: executorIDs, unavailability: unavailability,
            allocationInfo: allocationInfo)
    }

    /// One resource.
    func resource(at object: Int) throws -> Resource {
        var name: String?
        var type: ValueType?
        var scalar: Value.Scalar?
        var ranges: Value.Ranges?
        var set: Value.Set?
        var role: String?
        var allocationInfo: AllocationInfo?
        var providerID: ResourceProviderID?
        var reservation: ReservationInfo?
        var reservations: [ReservationInfo] = []
        var disk: DiskInfo?
        var revocable: RevocableInfo?
        var shared: SharedInfo?
        var seen = SeenMembers()
        try members(of: object) { key, value in
            if Self.key(key, is: "name") {
                try seen.first(0)
                name = try string(at: value)
            } else if Self.key(key, is: "type") {
                try seen.first(1)
                guard let known = ValueType(rawValue: try string(at: value)) else { throw Declined(reason: "unknown value type") }
                type = known
            } else if Self.key(key, is: "scalar") {
                try seen.first(2)
                scalar = try isNull(at: value) ? nil : Value.Scalar(value: requiredMember("value", of: value) { try double(at: $0) })
            } else if Self.key(key, is: "role") {
                try seen.first(3)
                role = try isNull(at: value) ? nil : string(at: value)
            } else if Self.key(key, is: "allocation_info") {
                try seen.first(4)
                allocationInfo = try isNull(at: value) ? nil : self.allocationInfo(at: value)
            } else if Self.key(key, is: "ranges") {
                try seen.first(5)
                ranges = try isNull(at: value) ? nil : self.ranges(at: value)
            } else if Self.key(key, is: "set") {
                try seen.first(6)
                set = try isNull(at: value) ? nil : Value.Set(item: optionalMember("item", of: value) { try array(at: $0) { try string(at: $0) } } ?? [])
            } else if Self.key(key, is: "reservations") {
                try seen.first(7)
                reservations = try isNull(at: value) ? [] : self.value([ReservationInfo].self, at: value)
            } else if Self.key(key, is: "reservation") {
                try seen.first(8)
                reservation = try isNull(at: value) ? nil : self.value(ReservationInfo.self, at: value)
            } else if Self.key(key, is: "disk") {
                try seen.first(9)
                disk = try isNull(at: value) ? nil : self.value(DiskInfo.self, at: value)
            } else if Self.key(key, is: "provider_id") {
                try seen.first(10)
                providerID = try isNull(at: value) ? nil : self.value(ResourceProviderID.self, at: value)
            } else if Self.key(key, is: "revocable") {
                try seen.first(11)
                revocable = try isNull(at: value) ? nil : self.value(RevocableInfo.self, at: value)
            } else if Self.key(key, is: "shared") {
                try seen.first(12)
                shared = try isNull(at: value) ? nil : self.value(SharedInfo.self, at: value)
            }
        }
        guard let name, let type else { throw Declined(reason: "a resource without a name or type") }
        return Resource(
            providerID: providerID, name: name, type: type, scalar: scalar, ranges: ranges, set: set, role: role,
            allocationInfo: allocationInfo, reservation: reservation, reservations: reservations, disk: disk,
            revocable: revocable, shared: shared)
    }

    /// `{"role": "..."}`.
    private func allocationInfo(at object: Int) throws -> AllocationInfo {
        AllocationInfo(role: try optionalMember("role", of: object) { try string(at: $0) })
    }

    /// `{"range": [{"begin": .., "end": ..}]}`.
    private func ranges(at object: Int) throws -> Value.Ranges {
        let ranges = try optionalMember("range", of: object) { list in
            try array(at: list) { range in
                Value.Range(
                    begin: try requiredMember("begin", of: range) { try integer(UInt64.self, at: $0) },
                    end: try requiredMember("end", of: range) { try integer(UInt64.self, at: $0) })
            }
        }
        return Value.Ranges(range: ranges ?? [])
    }

    /// The string of an ID message, `{"value": "..."}`.
    private func identifier(at object: Int) throws -> String {
        try requiredMember("value", of: object) { try string(at: $0) }
    }

    // MARK: Walking objects and arrays

    /// Calls `body` with each member's key bytes and value token, in document order.
    private func members(of object: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        guard tokens[object].kind == .object else { throw Declined(reason: "expected an object") }
        let end = Int(tokens[object].next)
        var index = object + 1
        while index < end {
            let key = tokens[index]
            // An escaped key may spell a known name: the `Codable` path compares it unescaped.
            guard !key.flag else { throw Declined(reason: "an escaped key") }
            try body(UnsafeBufferPointer(rebasing: bytes[Int(key.start)..<Int(key.end)]), index + 1)
            index = Int(tokens[index + 1].next)
        }
    }

    /// The member `name` of an object read with `read`; missing or `null` is declined.
    private func requiredMember<T>(_ name: StaticString, of object: Int, _ read: (Int) throws -> T) throws -> T {
        guard let value = try optionalMember(name, of: object, read) else { throw Declined(reason: "a required member is missing") }
        return value
    }

    /// The member `name` of an object read with `read`; nil when missing or `null`.
    private func optionalMember<T>(_ name: StaticString, of object: Int, _ read: (Int) throws -> T) throws -> T? {
        var result: T?
        var seen = SeenMembers()
        try members(of: object) { key, value in
            guard Self.key(key, is: name) else { return }
            try seen.first(0)
            if !isNull(at: value) { result = try read(value) }
        }
        return result
    }

    /// A repeated field's elements read with `element`; `null` is empty.
    private func array<T>(at index: Int, _ element: (Int) throws -> T) throws -> [T] {
        let token = tokens[index]
        if token.kind == .null { return [] }
        guard token.kind == .array else { throw Declined(reason: "expected an array") }
        var result: [T] = []
        result.reserveCapacity(Int(token.end))
        var position = index + 1
        for _ in 0..<Int(token.end) {
            result.append(try element(position))
            position = Int(tokens[position].next)
        }
        return result
    }

    /// The key's bytes are `name`'s.
    @inline(__always)
    private static func key(_ key: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
    }

    /// The fields an object named so far: a second occurrence of one is declined (which of two
    /// the `Codable` path would keep depends on the order of its lookups).
    private struct SeenMembers {
        private var bits: UInt32 = 0

        mutating func first(_ field: Int) throws {
            let bit = UInt32(1) << UInt32(field)
            guard bits & bit == 0 else { throw Declined(reason: "a repeated member") }
            bits |= bit
        }
    }
}
