import Foundation
import MesosModel
import PropertyBased
import Testing

@testable import MesosResources

@Suite("Resources algebra (property-based)")
struct ResourcesPropertyTests {
    typealias G = ResourceGenerators

    @Test("a + b contains a and b")
    func sumContainsBoth() async {
        await propertyCheck(count: 300, input: G.resources, G.resources) { a, b in
            let sum = a + b
            #expect(sum.contains(a), "\(sum) should contain \(a)")
            #expect(sum.contains(b), "\(sum) should contain \(b)")
        }
    }

    @Test("+ is commutative and associative")
    func additionLaws() async {
        await propertyCheck(count: 300, input: G.resources, G.resources, G.resources) { a, b, c in
            #expect(a + b == b + a)
            #expect((a + b) + c == a + (b + c))
        }
    }

    @Test("a - b + b == a when a contains b")
    func subtractThenAddRestores() async {
        // a = b + c guarantees containment; the random pair covers the other case.
        await propertyCheck(count: 300, input: G.resources, G.resources) { b, c in
            let a = b + c
            #expect(a.contains(b))
            #expect(a - b + b == a, "\(a) - \(b) + \(b) gave \(a - b + b)")
        }
    }

    @Test("a contains b exactly when a - b + b == a")
    func containsMatchesSubtraction() async {
        await propertyCheck(count: 500, input: G.resources, G.resources) { a, b in
            #expect(a.contains(b) == (a - b + b == a), "a = \(a), b = \(b)")
        }
    }

    @Test("every resources value contains itself and the empty set; a - a is empty")
    func reflexive() async {
        await propertyCheck(count: 200, input: G.resources) { a in
            #expect(a.contains(a))
            #expect(a.contains(Resources()))
            #expect((a - a).isEmpty)
        }
    }

    @Test("the canonical form does not depend on the order resources are added")
    func orderIndependent() async {
        await propertyCheck(count: 200, input: G.resourceList) { list in
            let forward = Resources(list)
            let backward = Resources(list.reversed())
            #expect(forward == backward)
            #expect(forward.hashValue == backward.hashValue)
        }
    }

    @Test("ports add, subtract and compare like sets of integers")
    func rangesMatchIntegerSets() async {
        await propertyCheck(count: 500, input: G.masks, G.masks) { x, y in
            let a = Resources([.ranges(name: "ports", ranges: G.ranges(of: x))])
            let b = Resources([.ranges(name: "ports", ranges: G.ranges(of: y))])
            #expect(G.mask(of: (a + b).ports) == x | y)
            #expect(G.mask(of: (a - b).ports) == x & ~y)
            #expect(a.contains(b) == (y & ~x == 0))
            // Canonical: sorted, disjoint and not touching.
            for ranges in [(a + b).ports, (a - b).ports] {
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.end + 1 < $1.begin })
            }
        }
    }

    @Test("coalescing arbitrary (overlapping, unsorted) ranges keeps exactly the same integers")
    func coalescingMatchesIntegerSets() async {
        let range = zip(Gen.uint64(in: 0...23), Gen.uint64(in: 0...23)).map { a, b in
            Value.Range(begin: min(a, b), end: max(a, b))
        }
        await propertyCheck(count: 500, input: range.array(of: 0...8)) { ranges in
            let coalesced = RangeArithmetic.coalesced(ranges)
            #expect(G.mask(of: coalesced) == G.mask(of: ranges))
            #expect(zip(coalesced, coalesced.dropFirst()).allSatisfy { $0.end + 1 < $1.begin })
        }
    }

    @Test("sets add and subtract like sets")
    func setsMatchSets() async {
        await propertyCheck(count: 300, input: G.masks, G.masks) { x, y in
            let a = Resources([.set(name: "zones", items: G.items(of: x))])
            let b = Resources([.set(name: "zones", items: G.items(of: y))])
            #expect((a + b).items(named: "zones") ?? [] == G.items(of: (x | y) & 0x1f))
            #expect((a - b).items(named: "zones") ?? [] == G.items(of: x & ~y & 0x1f))
            #expect(a.contains(b) == (y & ~x & 0x1f == 0))
        }
    }

    @Test("scalars never drift, however many additions and subtractions")
    func scalarsDoNotDrift() async {
        let amounts = Gen.int(in: 1...99_999).array(of: 1...200)
        await propertyCheck(count: 100, input: amounts) { millis in
            var total = Resources([.scalar(name: "cpus", value: 1)])
            for amount in millis {
                total += Resource.scalar(name: "cpus", value: Double(amount) / 1000)
            }
            let expected = 1000 + millis.reduce(0, +)
            #expect(total.cpus.map { FixedPoint.millis(from: $0) } == Int64(expected))
            for amount in millis.reversed() {
                total -= Resource.scalar(name: "cpus", value: Double(amount) / 1000)
            }
            #expect(total.cpus == 1)
            #expect(total == Resources([.scalar(name: "cpus", value: 1)]))
        }
    }

    @Test("scalar quantities add like the resources they come from")
    func quantitiesAreAdditive() async {
        await propertyCheck(count: 300, input: G.resources, G.resources) { a, b in
            #expect((a + b).scalarQuantities == a.scalarQuantities + b.scalarQuantities)
            if a.contains(b) {
                #expect(a.scalarQuantities.contains(b.scalarQuantities))
                #expect(a.contains(b.scalarQuantities))
            }
            #expect(a.flattened().scalarQuantities == a.scalarQuantities)
        }
    }

    @Test("JSON encoding round-trips")
    func codableRoundTrip() async throws {
        await propertyCheck(count: 200, input: G.resources) { a in
            let data = try MesosJSON.encode(a)
            #expect(try MesosJSON.decode(Resources.self, from: data) == a)
        }
    }

    @Test("the text form parses back to the same resources")
    func textRoundTrip() async throws {
        await propertyCheck(count: 300, input: G.simpleResources) { a in
            let parsed: Resources = try Resources.parse(a.description)
            #expect(parsed == a, "\(a)")
        }
    }
}
