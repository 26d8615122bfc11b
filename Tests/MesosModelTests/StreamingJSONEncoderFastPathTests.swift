import Foundation
import PropertyBased
import Testing

@testable import MesosModel

/// The direct writers of offers, resources and IDs (`JSONByteWriter+FastPaths`) write the bytes
/// the generic path writes, whatever members are set.
@Suite("Streaming JSON encoder: direct writers")
struct StreamingJSONEncoderFastPathTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try MesosJSON.decode(type, from: Data(json.utf8))
    }

    /// Texts with what JSON must escape, and what it need not.
    static let texts = ["", "host-1", "quote\"back\\slash", "tab\tline\nnul\u{0}", "ünïcødé ✓ 🚀", "slash/es"]

    /// Optional members of a resource, as JSON members.
    static let resourceMembers = [
        #""provider_id":{"value":"rp-1"}"#, #""role":"web""#, #""allocation_info":{"role":"web"}"#,
        #""allocation_info":{}"#, #""reservation":{"principal":"ops"}"#,
        #""reservations":[{"type":"DYNAMIC","role":"web","principal":"ops"}]"#,
        #""disk":{"persistence":{"id":"v1","principal":"ops"},"volume":{"container_path":"data","mode":"RW"}}"#,
        #""revocable":{}"#, #""shared":{}"#,
    ]

    /// The value members of each kind of resource.
    static let values = [
        #""type":"SCALAR","scalar":{"value":64}"#, #""type":"SCALAR","scalar":{"value":0.125}"#,
        #""type":"SCALAR","scalar":{"value":1e-7}"#, #""type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]}"#,
        #""type":"SET","set":{"item":["a","b"]}"#,
    ]

    static func resource(_ random: inout Xoshiro) throws -> Resource {
        var members = [#""name":"# + String(decoding: try StreamingJSONEncoder.encode(pick(texts, &random)), as: UTF8.self)]
        members.append(pick(values, &random))
        for member in resourceMembers where random.next() % 3 == 0 { members.append(member) }
        return try decode(Resource.self, "{" + members.joined(separator: ",") + "}")
    }

    static func offer(_ random: inout Xoshiro) throws -> Offer {
        var offer = Offer(
            id: OfferID(pick(texts, &random)), frameworkID: FrameworkID(pick(texts, &random)),
            agentID: AgentID(pick(texts, &random)), hostname: pick(texts, &random))
        for _ in 0..<(random.next() % 4) { offer.resources.append(try resource(&random)) }
        for _ in 0..<(random.next() % 3) { offer.executorIDs.append(ExecutorID(pick(texts, &random))) }
        if random.next() % 3 == 0 {
            offer.attributes = try decode([Attribute].self, #"[{"name":"rack","type":"TEXT","text":{"value":"r1"}}]"#)
        }
        if random.next() % 3 == 0 {
            offer.url = try decode(MesosURL.self, #"{"scheme":"http","address":{"hostname":"h","ip":"10.0.0.1","port":5051},"path":"/slave(1)"}"#)
        }
        if random.next() % 3 == 0 {
            offer.domain = try decode(DomainInfo.self, #"{"fault_domain":{"region":{"name":"r"},"zone":{"name":"z"}}}"#)
        }
        if random.next() % 3 == 0 {
            offer.unavailability = try decode(Unavailability.self, #"{"start":{"nanoseconds":1000},"duration":{"nanoseconds":5}}"#)
        }
        if random.next() % 2 == 0 { offer.allocationInfo = AllocationInfo(role: random.next() % 4 == 0 ? nil : pick(texts, &random)) }
        return offer
    }

    static func pick<T>(_ list: [T], _ random: inout Xoshiro) -> T {
        list[Int(random.next() % UInt64(list.count))]
    }

    static func bothPaths<T: Encodable>(_ value: T) throws -> (direct: [UInt8], generic: [UInt8]) {
        (try StreamingJSONEncoder.encode(value, directWriters: true), try StreamingJSONEncoder.encode(value, directWriters: false))
    }

    @Test("OFFERS events, offers and resources with any members: the same bytes as the generic path")
    func offersMatchTheGenericPath() async throws {
        await propertyCheck(count: 400, input: Gen<UInt64>.value()) { seed in
            var random = Xoshiro(seed: (seed, ~seed, 0x9E37_79B9_7F4A_7C15, 2))  // a failing seed reproduces
            var offers: [Offer] = []
            for _ in 0..<(1 + random.next() % 4) { offers.append(try Self.offer(&random)) }
            let event = try Self.bothPaths(Scheduler.Event.offers(offers))
            #expect(event.direct == event.generic, "\(String(decoding: event.generic, as: UTF8.self))")
            let offer = try Self.bothPaths(offers[0])
            #expect(offer.direct == offer.generic)
            let resource = try Self.bothPaths(try Self.resource(&random))
            #expect(resource.direct == resource.generic)
        }
    }

    @Test("the direct writers' output decodes back to the same values")
    func roundTrip() async throws {
        await propertyCheck(count: 200, input: Gen<UInt64>.value()) { seed in
            var random = Xoshiro(seed: (seed, ~seed, 0x9E37_79B9_7F4A_7C15, 3))
            let offer = try Self.offer(&random)
            #expect(try MesosJSON.decode(Offer.self, from: Data(try StreamingJSONEncoder.encode(offer))) == offer)
        }
    }

    @Test("IDs inside other messages (a status update) are written as the generic path writes them")
    func idsInsideOtherMessages() throws {
        var status = TaskStatus(taskID: "web-\"1\"", state: .running)
        status.agentID = "agent-1"
        status.executorID = "executor\n1"
        let update = try Self.bothPaths(Scheduler.Event.update(status))
        #expect(update.direct == update.generic)
        let ids = try Self.bothPaths([TaskID("a"), TaskID("b")])
        #expect(ids.direct == ids.generic)
        #expect(String(decoding: ids.direct, as: UTF8.self) == #"[{"value":"a"},{"value":"b"}]"#)
    }

    @Test("a non-finite scalar is refused on both paths")
    func nonFiniteScalars() {
        for value in [Double.nan, .infinity, -.infinity] {
            let resource = Resource.scalar(name: "cpus", value: value)
            #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(resource, directWriters: true) }
            #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(resource, directWriters: false) }
        }
    }

    /// What the generic path writes for a double: its description without a trailing `.0`.
    static func described(_ value: Double) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    @Test("doubles in thousandths are written as their description, without making one; other doubles are left to it")
    func thousandths() async {
        let fixed: [Double] = [0, -0.0, 1, -1, 0.1, 0.001, 0.125, 64, 65536, 123.456, -7.05, 999_999_999_999.999, 1e12, 0.0005, 2.5e-4, 1e-7, 0.3, 1.1, 4.35]
        for value in fixed {
            var bytes: [UInt8] = []
            if JSONByteWriter.writeThousandths(value, to: &bytes) {
                #expect(String(decoding: bytes, as: UTF8.self) == Self.described(value), "\(value)")
            } else {
                #expect(bytes.isEmpty)
                #expect(value == 0 || abs(value) >= 1e12 || (value * 1000).rounded() / 1000 != value, "\(value) was left to the slow path")
            }
        }
        await propertyCheck(count: 2000, input: Gen<Int64>.int64(in: -10_000_000_000...10_000_000_000)) { thousandths in
            let value = Double(thousandths) / 1000
            var bytes: [UInt8] = []
            #expect(JSONByteWriter.writeThousandths(value, to: &bytes) || value == 0)
            if !bytes.isEmpty { #expect(String(decoding: bytes, as: UTF8.self) == Self.described(value)) }
        }
        await propertyCheck(count: 2000, input: Gen<UInt64>.value()) { bits in
            let value = Double(bitPattern: bits)
            var bytes: [UInt8] = []
            if value.isFinite, JSONByteWriter.writeThousandths(value, to: &bytes) {
                #expect(String(decoding: bytes, as: UTF8.self) == Self.described(value))
            }
        }
    }
}
