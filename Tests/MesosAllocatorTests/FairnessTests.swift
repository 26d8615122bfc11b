import MesosAllocator
import MesosModel
import Testing

@Suite("Two-level DRF")
struct FairnessTests {
    @Test("equal weights split identical agents evenly between roles")
    func equalRoles() throws {
        var allocator = try allocator(agents: 10, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a", roles: ["red"]))
        try allocator.addFramework(framework("b", roles: ["blue"]))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.count == 10)
        #expect(offers.offers(for: "a").count == 5)
        #expect(offers.offers(for: "b").count == 5)
        // Whole-agent offers (Mesos semantics).
        #expect(offers.allSatisfy { $0.scalar(named: "cpus") == 4 && $0.scalar(named: "mem") == 4096 })
    }

    @Test("equal weights split identical agents evenly between frameworks of one role")
    func equalFrameworks() throws {
        var allocator = try allocator(agents: 12, each: "cpus:2;mem:1024")
        for name in ["f1", "f2", "f3"] {
            try allocator.addFramework(framework(name, roles: ["web"]))
        }
        let offers = allocator.allocate(now: at(0))
        for name in ["f1", "f2", "f3"] {
            #expect(offers.offers(for: name).count == 4)
        }
    }

    @Test("weighted roles split identical agents in proportion to their weights")
    func weightedRoles() throws {
        var allocator = try allocator(agents: 30, each: "cpus:1;mem:1024")
        try allocator.updateWeights(["heavy": 2])
        try allocator.addFramework(framework("a", roles: ["heavy"]))
        try allocator.addFramework(framework("b", roles: ["light"]))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.offers(for: "a").count == 20)
        #expect(offers.offers(for: "b").count == 10)
        #expect(allocator.weightedShare(ofRole: "heavy") == allocator.weightedShare(ofRole: "light"))
    }

    @Test("weights can change at runtime")
    func weightChange() throws {
        var allocator = try allocator(agents: 30, each: "cpus:1;mem:1024")
        try allocator.addFramework(framework("a", roles: ["x"]))
        try allocator.addFramework(framework("b", roles: ["y"]))
        var offers = allocator.allocate(now: at(0))
        #expect(offers.offers(for: "a").count == 15)
        for offer in offers { try allocator.recover(offer, now: at(0)) }
        try allocator.updateWeights(["y": 4])
        offers = allocator.allocate(now: at(1))
        #expect(offers.offers(for: "a").count == 6)
        #expect(offers.offers(for: "b").count == 24)
        #expect(throws: AllocatorError.self) { try allocator.updateWeights(["y": 0]) }
        #expect(throws: AllocatorError.self) { try allocator.updateWeights(["y": .nan]) }
    }

    @Test("an agent goes to the role with the lowest weighted share, then its lowest-share framework")
    func lowestShareWins() throws {
        // Mirrors Mesos's HierarchicalAllocatorTest.UnreservedDRF opening moves.
        var allocator = DRFAllocator(random: SplitMix64(seed: 1))
        try allocator.addAgent("agent1", total: resources("cpus:2;mem:1024"))
        try allocator.addFramework(framework("framework1", roles: ["role1"]))
        var offers = allocator.allocatePending(now: at(0))
        #expect(offers.map(\.frameworkID.value) == ["framework1"])
        try allocator.addFramework(framework("framework2", roles: ["role2"]))
        try allocator.addAgent("agent2", total: resources("cpus:1;mem:512"))
        offers = allocator.allocate(agents: ["agent2"], now: at(1))
        #expect(offers.map(\.frameworkID.value) == ["framework2"])
        try allocator.addAgent("agent3", total: resources("cpus:3;mem:2048"))
        offers = allocator.allocate(agents: ["agent3"], now: at(2))
        #expect(offers.map(\.frameworkID.value) == ["framework2"])
        try allocator.addFramework(framework("framework3", roles: ["role1"]))
        try allocator.addAgent("agent4", total: resources("cpus:4;mem:4096"))
        offers = allocator.allocate(agents: ["agent4"], now: at(3))
        #expect(offers.map(\.frameworkID.value) == ["framework3"])
        try allocator.addFramework(framework("framework4", roles: ["role1"]))
        try allocator.addAgent("agent5", total: resources("cpus:1;mem:512"))
        offers = allocator.allocate(agents: ["agent5"], now: at(4))
        // role2 (0.36) is below role1 (0.63) even though framework4 holds nothing.
        #expect(offers.map(\.frameworkID.value) == ["framework2"])
    }

    @Test("offered resources count as allocated at once and are not offered twice")
    func offeredCountsAsAllocated() throws {
        var allocator = try allocator(agents: 3, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a"))
        let first = allocator.allocate(now: at(0))
        #expect(first.count == 3)
        #expect(allocator.allocate(now: at(1)).isEmpty)
        #expect(allocator.allocation(of: "a", role: "*") == ["cpus": 12, "mem": 12288])
        try allocator.recover(first[0], now: at(2))
        let again = allocator.allocate(now: at(3))
        #expect(again.count == 1)
        #expect(again[0].agentID == first[0].agentID)
    }

    @Test("the same seed and events give the same offers")
    func deterministic() throws {
        func run() throws -> [String] {
            var allocator = try allocator(agents: 20, each: "cpus:4;mem:4096", seed: 42)
            for index in 0..<5 { try allocator.addFramework(framework("f\(index)", roles: ["r\(index % 2)"])) }
            return allocator.allocate(now: at(0)).map { "\($0.frameworkID)@\($0.agentID)" }
        }
        #expect(try run() == run())
    }
}
