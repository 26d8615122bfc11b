import MesosModel
import Testing

@testable import MesosMaster

@Suite("ResourceTotals")
struct ResourceTotalsTests {
    @Test("scalars add up, ranges merge, set items unite, whatever the roles")
    func sums() {
        var totals = ResourceTotals()
        totals.add([
            .scalar(name: "cpus", value: 0.5), .scalar(name: "mem", value: 64, role: "web"),
            .ranges(name: "ports", ranges: [Value.Range(begin: 31005, end: 31010), Value.Range(begin: 31000, end: 31002)]),
            .set(name: "zones", items: ["b", "a"]),
        ])
        totals.add([
            .scalar(name: "cpus", value: 1), .ranges(name: "ports", ranges: [Value.Range(begin: 31003, end: 31004)], role: "web"),
            .ranges(name: "ports", ranges: [Value.Range(begin: 32000, end: 32000)]), .set(name: "zones", items: ["a", "c"]),
        ])
        let object = totals.object
        #expect(object["cpus"] == .double(1.5))
        #expect(object["mem"] == .double(64))
        #expect(object["disk"] == .double(0))
        #expect(object["gpus"] == .double(0))
        #expect(object["ports"] == .string("[31000-31010, 32000-32000]"))
        #expect(object["zones"] == .string("{a, b, c}"))
        #expect((totals + ResourceTotals()).object == object)
    }

    @Test("ranges: sorted, overlapping and adjacent ones merged, the ends of UInt64 included")
    func mergedRanges() {
        func range(_ begin: UInt64, _ end: UInt64) -> Value.Range { Value.Range(begin: begin, end: end) }
        #expect(ResourceTotals.merged([]) == [])
        #expect(ResourceTotals.merged([range(5, 9), range(1, 3), range(4, 4)]) == [range(1, 9)])
        #expect(ResourceTotals.merged([range(1, 10), range(2, 3)]) == [range(1, 10)])
        #expect(ResourceTotals.merged([range(1, 2), range(4, 5)]) == [range(1, 2), range(4, 5)])
        #expect(ResourceTotals.merged([range(0, 0), range(.max, .max), range(1, .max - 1)]) == [range(0, .max)])
    }

    @Test("a resource list's map is the flat one of Mesos's state endpoints")
    func stateShape() {
        let map = StateJSON.resources([Resource.scalar(name: "cpus", value: 2), .ranges(name: "ports", ranges: [Value.Range(begin: 31000, end: 32000)])])
        #expect(map == ["cpus": .double(2), "mem": .double(0), "disk": .double(0), "gpus": .double(0), "ports": .string("[31000-32000]")])
    }
}
