import MesosModel
import PropertyBased

@testable import MesosResources

/// Random resources for property tests, over a small space so that
/// collisions (same kind, overlapping ranges, shared set items) are common.
enum ResourceGenerators {
    /// Ports are drawn from 0..<universeSize so ranges overlap often.
    static let universeSize: UInt64 = 24

    /// The kinds of resource generated: metadata only, the value comes separately.
    enum Kind: Int, CaseIterable {
        case cpus, cpusReserved, mem, memDynamic, gpusRevocable, disk, ports, portsReserved, zones

        /// Whether the kind prints in a form `Resources.parse` reads back.
        var hasSimpleText: Bool { self != .memDynamic && self != .gpusRevocable }
    }

    /// A resource of `kind` whose value comes from `millis` (scalars), `mask`
    /// (bit i set ⇔ port i, or set item i) — possibly empty.
    static func resource(kind: Kind, millis: Int, mask: UInt32) -> Resource {
        switch kind {
        case .cpus:
            return .scalar(name: "cpus", value: Double(millis) / 1000)
        case .cpusReserved:
            return .scalar(name: "cpus", value: Double(millis) / 1000, role: "eng")
        case .mem:
            return .scalar(name: "mem", value: Double(millis) / 1000)
        case .memDynamic:
            var resource = Resource.scalar(name: "mem", value: Double(millis) / 1000)
            resource.reservations = [ReservationInfo(type: .dynamic, role: "eng/web", principal: "ops")]
            return resource
        case .gpusRevocable:
            var resource = Resource.scalar(name: "gpus", value: Double(millis % 4000) / 1000)
            resource.revocable = RevocableInfo()
            return resource
        case .disk:
            return .scalar(name: "disk", value: Double(millis) / 1000)
        case .ports:
            return .ranges(name: "ports", ranges: ranges(of: mask))
        case .portsReserved:
            return .ranges(name: "ports", ranges: ranges(of: mask), role: "eng")
        case .zones:
            return .set(name: "zones", items: items(of: mask))
        }
    }

    /// The maximal runs of set bits of `mask`, as disjoint, non-adjacent ranges.
    static func ranges(of mask: UInt32) -> [Value.Range] {
        var result: [Value.Range] = []
        var bit: UInt64 = 0
        while bit < universeSize {
            if mask & (1 << bit) != 0 {
                let begin = bit
                while bit + 1 < universeSize && mask & (1 << (bit + 1)) != 0 {
                    bit += 1
                }
                result.append(Value.Range(begin: begin, end: bit))
            }
            bit += 1
        }
        return result
    }

    /// The integers the ranges cover, as a bit mask (the brute-force model).
    static func mask(of ranges: [Value.Range]) -> UInt32 {
        var mask: UInt32 = 0
        for range in ranges {
            for bit in range.begin...range.end {
                mask |= 1 << bit
            }
        }
        return mask
    }

    /// Set items `i0`…`i4` for the low five bits of `mask`.
    static func items(of mask: UInt32) -> [String] {
        (0..<5).filter { mask & (1 << $0) != 0 }.map { "i\($0)" }
    }

    static let masks = Gen.uint32(in: 0...(1 << 24 - 1))

    /// One resource of any kind.
    static let resource = zip(Gen.int(in: 0...(Kind.allCases.count - 1)), Gen.int(in: 0...20_000), masks)
        .map { kindIndex, millis, mask in
            resource(kind: Kind(rawValue: kindIndex) ?? .cpus, millis: millis, mask: mask)
        }

    /// A list of up to six resources.
    static let resourceList = resource.array(of: 0...6)

    /// The canonical sum of up to six resources.
    static let resources = resourceList.map { Resources($0) }

    /// Resources whose text form parses back.
    static let simpleResources = zip(Gen.int(in: 0...(Kind.allCases.count - 1)), Gen.int(in: 0...20_000), masks)
        .map { kindIndex, millis, mask in
            let kind = Kind(rawValue: kindIndex) ?? .cpus
            return resource(kind: kind.hasSimpleText ? kind : .cpus, millis: millis, mask: mask)
        }
        .array(of: 0...6)
        .map { Resources($0) }
}
