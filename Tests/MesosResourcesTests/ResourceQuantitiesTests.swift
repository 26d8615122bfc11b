import PropertyBased
import Testing

@testable import MesosResources

@Suite("ResourceQuantities")
struct ResourceQuantitiesTests {
    @Test("adds and subtracts by name, never below zero")
    func arithmetic() {
        let a: ResourceQuantities = ["cpus": 4, "mem": 1024]
        let b: ResourceQuantities = ["cpus": 1.5, "gpus": 1]
        #expect(a + b == ["cpus": 5.5, "mem": 1024, "gpus": 1])
        #expect(a - b == ["cpus": 2.5, "mem": 1024])
        #expect(b - a == ["gpus": 1])
        #expect((a - a).isEmpty)
        #expect((a + b).names == ["cpus", "gpus", "mem"])
        #expect(a["disk"] == 0)
        var c = a
        c["cpus"] = 0
        #expect(c == ["mem": 1024])
        c += b
        c -= ["mem": 2000]
        #expect(c == ["cpus": 1.5, "gpus": 1])
        #expect(c.description == "cpus:1.5; gpus:1")
        #expect(ResourceQuantities().description == "{}")
    }

    @Test("contains compares every name")
    func containment() {
        let held: ResourceQuantities = ["cpus": 4, "mem": 1024]
        #expect(held.contains(["cpus": 4]))
        #expect(held.contains([:]))
        #expect(!held.contains(["cpus": 4.001]))
        #expect(!held.contains(["gpus": 1]))
    }

    @Test("dominant share is the largest fraction of the total (DRF paper example)")
    func dominantShare() {
        let total: ResourceQuantities = ["cpus": 9, "mem": 18]
        let userA: ResourceQuantities = ["cpus": 3, "mem": 12]
        let userB: ResourceQuantities = ["cpus": 6, "mem": 2]
        #expect(abs(userA.dominantShare(of: total) - 2.0 / 3) < 1e-12)
        #expect(abs(userB.dominantShare(of: total) - 2.0 / 3) < 1e-12)
        #expect((["gpus": 1] as ResourceQuantities).dominantShare(of: total) == 0)
        #expect(userA.filter { $0 != "mem" }.dominantShare(of: total) == 1.0 / 3)
    }

    @Test("sums never drift and match a dictionary model")
    func matchesModel() async {
        let names = ["cpus", "disk", "gpus", "mem"]
        let operation = zip(Gen.int(in: 0...3), Gen.int(in: 1...50_000), Gen.bool())
        await propertyCheck(count: 100, input: operation.array(of: 0...60)) { operations in
            var quantities = ResourceQuantities()
            var model: [String: Int] = [:]
            for (nameIndex, millis, isAddition) in operations {
                let name = names[nameIndex]
                let delta: ResourceQuantities = [name: Double(millis) / 1000]
                if isAddition {
                    quantities += delta
                    model[name, default: 0] += millis
                } else {
                    quantities -= delta
                    model[name] = max(0, model[name, default: 0] - millis)
                }
            }
            for name in names {
                #expect(FixedPoint.millis(from: quantities[name]) == Int64(model[name, default: 0]))
            }
            #expect(quantities.names == names.filter { model[$0, default: 0] > 0 })
        }
    }
}
