import Foundation
import Testing

@testable import MesosModel

@Suite("Resource and Value JSON")
struct ResourceCodingTests {
    @Test func decodesScalarResourceWithRole() throws {
        let json = #"{"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*"}"#
        let resource = try roundTrip(json, as: Resource.self)
        #expect(resource == .scalar(name: "cpus", value: 4, role: "*"))
        #expect(resource.reservations.isEmpty)
        try expectEncodes(resource, as: json)
    }

    @Test func emptyRepeatedFieldsAreOmittedOnOutput() throws {
        let resource = Resource.scalar(name: "mem", value: 256)
        #expect(resource.reservations.isEmpty)
        try expectEncodes(resource, as: #"{"name":"mem","type":"SCALAR","scalar":{"value":256}}"#)
    }

    @Test func nonEmptyRepeatedFieldsAreWritten() throws {
        var resource = Resource.scalar(name: "mem", value: 256)
        resource.reservations = [ReservationInfo(type: .dynamic, role: "web", principal: "ops")]
        try expectEncodes(
            resource,
            as: #"""
                {"name":"mem","type":"SCALAR","scalar":{"value":256},
                 "reservations":[{"type":"DYNAMIC","role":"web","principal":"ops"}]}
                """#
        )
    }

    @Test func rangesSetDiskAndMarkersRoundTrip() throws {
        let json = #"""
            [{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000},{"begin":1,"end":2}]}},
             {"name":"zones","type":"SET","set":{"item":["a","b"]},"role":"web"},
             {"name":"disk","type":"SCALAR","scalar":{"value":1024},"allocation_info":{"role":"web"},
              "reservations":[{"type":"STATIC","role":"web"}],
              "disk":{"persistence":{"id":"vol-1","principal":"ops"},
                      "volume":{"mode":"RW","container_path":"data"},
                      "source":{"type":"MOUNT","mount":{"root":"/mnt/d1"}}},
              "revocable":{},"shared":{},"provider_id":{"value":"rp-1"}}]
            """#
        let resources = try roundTrip(json, as: [Resource].self)
        let expected: [Resource] = [
            .ranges(name: "ports", ranges: [Value.Range(31000...32000), Value.Range(begin: 1, end: 2)]),
            .set(name: "zones", items: ["a", "b"], role: "web"),
            Resource(
                providerID: "rp-1", name: "disk", type: .scalar, scalar: 1024,
                allocationInfo: AllocationInfo(role: "web"),
                reservations: [ReservationInfo(type: .static, role: "web")],
                disk: DiskInfo(
                    persistence: .init(id: "vol-1", principal: "ops"),
                    volume: Volume(mode: .rw, containerPath: "data"),
                    source: .init(type: .mount, mount: .init(root: "/mnt/d1"))),
                revocable: RevocableInfo(), shared: SharedInfo()),
        ]
        #expect(resources == expected)
        try expectEncodes(resources, as: json)
    }

    @Test func missingOrNullRepeatedFieldDecodesAsEmpty() throws {
        let ranges = try MesosJSON.decode(Value.Ranges.self, from: Data("{}".utf8))
        #expect(ranges.range.isEmpty)
        let nullSet = try MesosJSON.decode(Value.Set.self, from: Data(#"{"item":null}"#.utf8))
        #expect(nullSet.item.isEmpty)
    }

    @Test func unknownEnumInOptionalFieldIsDropped() throws {
        let json = #"{"type":"FANCY_NEW_KIND","role":"web","principal":"p"}"#
        let reservation = try MesosJSON.decode(ReservationInfo.self, from: Data(json.utf8))
        #expect(reservation.type == nil)
        #expect(reservation.role == "web")
        #expect(reservation.principal == "p")
    }

    @Test func unknownEnumInRequiredFieldIsAnError() {
        let json = #"{"name":"cpus","type":"QUANTUM","scalar":{"value":1}}"#
        #expect(throws: DecodingError.self) {
            try MesosJSON.decode(Resource.self, from: Data(json.utf8))
        }
    }

    @Test func missingRequiredFieldIsAnError() {
        #expect(throws: DecodingError.self) {
            try MesosJSON.decode(Resource.self, from: Data(#"{"type":"SCALAR"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try MesosJSON.decode(Value.Range.self, from: Data(#"{"begin":1}"#.utf8))
        }
    }

    @Test func unknownKeysAreIgnored() throws {
        let json = #"{"name":"mem","type":"SCALAR","scalar":{"value":1,"extra":1},"slave_id":{"value":"x"}}"#
        let resource = try MesosJSON.decode(Resource.self, from: Data(json.utf8))
        #expect(resource == .scalar(name: "mem", value: 1))
    }

    @Test func attributesRoundTrip() throws {
        let json = #"""
            [{"name":"rack","type":"TEXT","text":{"value":"r1"}},
             {"name":"weight","type":"SCALAR","scalar":{"value":2.5}}]
            """#
        let attributes = try roundTrip(json, as: [Attribute].self)
        #expect(attributes == [.text(name: "rack", value: "r1"), .scalar(name: "weight", value: 2.5)])
        try expectEncodes(attributes, as: json)
    }
}
