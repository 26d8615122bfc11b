/// Direct writers for the values the master encodes most: offers, their resources and the ID
/// messages. The generic path costs a keyed container per nested message, and each container asks
/// the runtime for the generic metadata of its key type (a hash-map lookup): at 50,000 agents,
/// encoding OFFERS events was a quarter of the master's CPU, and those lookups a quarter of that.
///
/// Each writer writes exactly what the type's synthesized `encode(to:)` writes through the generic
/// path: members in declaration order, `nil` optionals and empty repeated fields left out
/// (`RepeatedField.swift`); `StreamingJSONEncoderFastPathTests` compares the two byte for byte. Members of rare types
/// (a resource's disk or reservations, an offer's domain) go through the generic path.
extension JSONByteWriter {
    /// Writes `value` directly if its type has a direct writer; false if it has none.
    func writeDirectly<T: Encodable>(_ value: T) throws -> Bool {
        // Metatype comparisons, not dynamic casts (see `writeValue`).
        if T.self == Offer.self {
            try write(offer: unsafeBitCast(value, to: Offer.self))
        } else if T.self == Resource.self {
            try write(resource: unsafeBitCast(value, to: Resource.self))
        } else if T.self == OfferID.self {
            write(id: unsafeBitCast(value, to: OfferID.self).value)
        } else if T.self == AgentID.self {
            write(id: unsafeBitCast(value, to: AgentID.self).value)
        } else if T.self == FrameworkID.self {
            write(id: unsafeBitCast(value, to: FrameworkID.self).value)
        } else if T.self == TaskID.self {
            write(id: unsafeBitCast(value, to: TaskID.self).value)
        } else if T.self == ExecutorID.self {
            write(id: unsafeBitCast(value, to: ExecutorID.self).value)
        } else {
            return false
        }
        return true
    }

    /// `{"value":"..."}`.
    private func write(id value: String) {
        bytes.append(contentsOf: #"{"value":"#.utf8)
        writeString(value)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `"name":` after the members before it (`first`: none before it).
    private func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: #"":"#.utf8)
    }

    /// A member written through the generic path.
    private func member<T: Encodable>(_ name: StaticString, _ value: T) throws {
        key(name)
        try writeValue(value)
    }

    private func write(offer: Offer) throws {
        bytes.append(UInt8(ascii: "{"))
        key("id", first: true)
        write(id: offer.id.value)
        key("framework_id")
        write(id: offer.frameworkID.value)
        key("agent_id")
        write(id: offer.agentID.value)
        key("hostname")
        writeString(offer.hostname)
        if let url = offer.url { try member("url", url) }
        if let domain = offer.domain { try member("domain", domain) }
        if !offer.resources.isEmpty {
            key("resources")
            bytes.append(UInt8(ascii: "["))
            for (index, resource) in offer.resources.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(resource: resource)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        if !offer.attributes.isEmpty { try member("attributes", offer.attributes) }
        if !offer.executorIDs.isEmpty {
            key("executor_ids")
            bytes.append(UInt8(ascii: "["))
            for (index, id) in offer.executorIDs.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(id: id.value)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        if let unavailability = offer.unavailability { try member("unavailability", unavailability) }
        if let allocation = offer.allocationInfo {
            key("allocation_info")
            write(allocation: allocation)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private func write(resource: Resource) throws {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        if let provider = resource.providerID {
            key("provider_id", first: true)
            write(id: provider.value)
            first = false
        }
        key("name", first: first)
        writeString(resource.name)
        key("type")
        writeString(resource.type.rawValue)
        if let scalar = resource.scalar {
            key("scalar")
            bytes.append(contentsOf: #"{"value":"#.utf8)
            try writeFloatingPoint(scalar.value)
            bytes.append(UInt8(ascii: "}"))
        }
        if let ranges = resource.ranges { try member("ranges", ranges) }
        if let set = resource.set { try member("set", set) }
        if let role = resource.role {
            key("role")
            writeString(role)
        }
        if let allocation = resource.allocationInfo {
            key("allocation_info")
            write(allocation: allocation)
        }
        if let reservation = resource.reservation { try member("reservation", reservation) }
        if !resource.reservations.isEmpty { try member("reservations", resource.reservations) }
        if let disk = resource.disk { try member("disk", disk) }
        if let revocable = resource.revocable { try member("revocable", revocable) }
        if let shared = resource.shared { try member("shared", shared) }
        bytes.append(UInt8(ascii: "}"))
    }

    /// `{"role":"..."}`, or `{}` without a role.
    private func write(allocation: AllocationInfo) {
        bytes.append(UInt8(ascii: "{"))
        if let role = allocation.role {
            key("role", first: true)
            writeString(role)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
