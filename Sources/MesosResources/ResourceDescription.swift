import MesosModel

extension Resource {
    /// The resource in Mesos's text form: `cpus:4`, `disk(ops):100`,
    /// `ports:[31000-32000, 33000-33100]`, `zones:{a, b}`.
    ///
    /// Unreserved resources print without a role and a single static
    /// reservation as `(role)`, so those forms parse back with
    /// ``Resources/parse(_:defaultRole:)``. Anything richer uses Mesos's log
    /// notation, which is for reading only: `(allocated: role)`,
    /// `(reservations: [(DYNAMIC,role,principal)])`, `[disk info]`, `{REV}`
    /// for revocable and `<SHARED>` for shared.
    public var textForm: String {
        let resource = upgraded()
        var text = resource.name
        if let allocationRole = resource.allocationInfo?.role {
            text += "(allocated: \(allocationRole))"
        }
        if let only = resource.reservations.first, resource.reservations.count == 1, only.type == .static,
            only.principal == nil, only.labels == nil
        {
            text += "(\(only.role ?? ""))"
        } else if !resource.reservations.isEmpty {
            text += "(reservations: [" + resource.reservations.map(Self.reservationText).joined(separator: ",") + "])"
        }
        if let disk = resource.disk {
            text += "[" + Self.diskText(disk) + "]"
        }
        if resource.revocable != nil { text += "{REV}" }
        if resource.shared != nil { text += "<SHARED>" }
        return text + ":" + valueText
    }

    /// The value alone: `4`, `[1-2, 5-9]`, `{a, b}`.
    var valueText: String {
        switch type {
        case .scalar:
            let value = scalar?.value ?? 0
            return value.isFinite && abs(value) <= ResourceLimits.maximumScalar * 1000
                ? FixedPoint.text(ofMillis: FixedPoint.millis(from: value)) : "\(value)"
        case .ranges:
            return Self.rangesText(ranges?.range ?? [])
        case .set:
            return "{" + (set?.item ?? []).joined(separator: ", ") + "}"
        case .text:
            return ""
        }
    }

    static func rangesText(_ ranges: [Value.Range]) -> String {
        "[" + ranges.map { "\($0.begin)-\($0.end)" }.joined(separator: ", ") + "]"
    }

    private static func reservationText(_ reservation: ReservationInfo) -> String {
        var text = "(\(reservation.type?.rawValue ?? "UNKNOWN"),\(reservation.role ?? "")"
        if let principal = reservation.principal { text += ",\(principal)" }
        if let labels = reservation.labels { text += "," + labelsText(labels) }
        return text + ")"
    }

    private static func labelsText(_ labels: Labels) -> String {
        "{" + labels.labels.map { label in label.value.map { "\(label.key): \($0)" } ?? label.key }
            .joined(separator: ", ") + "}"
    }

    private static func diskText(_ disk: DiskInfo) -> String {
        var text = ""
        if let source = disk.source {
            let csi = source.id != nil || source.profile != nil
                ? "(\(source.vendor ?? ""),\(source.id ?? ""),\(source.profile ?? ""))" : nil
            switch source.type {
            case .mount: text += "MOUNT" + (csi ?? source.mount?.root.map { ":" + $0 } ?? "")
            case .path: text += "PATH" + (csi ?? source.path?.root.map { ":" + $0 } ?? "")
            case .block: text += "BLOCK" + (csi ?? "")
            case .raw: text += "RAW" + (csi ?? "")
            case .unknown: text += "UNKNOWN"
            }
        }
        if let persistence = disk.persistence {
            if disk.source != nil { text += "," }
            text += persistence.id
        }
        if let volume = disk.volume {
            text += ":" + (volume.hostPath.map { "\($0):" } ?? "") + volume.containerPath + ":"
                + (volume.mode == .rw ? "rw" : "ro")
        }
        return text
    }
}

extension Resources: CustomStringConvertible {
    /// The resources in Mesos's text form, `cpus:4; mem:8192; ports:[31000-32000]`,
    /// or `{}` when empty; simple forms parse back with ``parse(_:defaultRole:)``.
    /// A shared resource held several times is followed by its count: `<2>`.
    public var description: String {
        guard !entries.isEmpty else { return "{}" }
        return entries.map { entry in
            entry.resource.textForm + (entry.resource.shared != nil && entry.count != 1 ? "<\(entry.count)>" : "")
        }
        .joined(separator: "; ")
    }
}

extension Resources: Codable {
    /// Encodes as a JSON array of `Resource` objects (a shared resource once,
    /// as Mesos does).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries.map(\.resource))
    }

    /// Decodes a JSON array of `Resource` objects; invalid and empty ones are
    /// dropped, as by ``init(_:)-([Resource])``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode([Resource].self))
    }
}
