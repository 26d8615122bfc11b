import MesosAllocator
import MesosModel
import Testing

@Suite("Demand-sized offers")
struct DemandTests {
    @Test("the DRF paper's example: A gets exactly 3 tasks and B exactly 2 in one round")
    func paperExample() throws {
        var allocator = try allocator(agents: 1, each: "cpus:9;mem:18432")
        try allocator.addFramework(framework("A"))
        try allocator.addFramework(framework("B"))
        try allocator.updateDemand(framework: "A", task: resources("cpus:1;mem:4096"))
        try allocator.updateDemand(framework: "B", task: resources("cpus:3;mem:1024"))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.count == 2)
        #expect(offers.scalar("cpus", for: "A") == 3)
        #expect(offers.scalar("mem", for: "A") == 12288)
        #expect(offers.scalar("cpus", for: "B") == 6)
        #expect(offers.scalar("mem", for: "B") == 2048)
        #expect(allocator.dominantShare(of: "A", role: "*") == 2.0 / 3.0)
        #expect(allocator.dominantShare(of: "B", role: "*") == 2.0 / 3.0)
        // The 4 GB nobody can use stays available.
        #expect(allocator.available(on: "agent1").map { $0.map(\.name) } == ["mem"])
    }

    @Test("the paper's example with the frameworks in different roles")
    func paperExampleAcrossRoles() throws {
        var allocator = try allocator(agents: 1, each: "cpus:9;mem:18432")
        try allocator.addFramework(framework("A", roles: ["analytics"]))
        try allocator.addFramework(framework("B", roles: ["batch"]))
        try allocator.updateDemand(framework: "A", task: resources("cpus:1;mem:4096"))
        try allocator.updateDemand(framework: "B", task: resources("cpus:3;mem:1024"))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.scalar("cpus", for: "A") == 3)
        #expect(offers.scalar("cpus", for: "B") == 6)
    }

    @Test("without declared demand the first framework takes the whole agent (Mesos)")
    func mesosSemanticsWithoutDemand() throws {
        var allocator = try allocator(agents: 1, each: "cpus:9;mem:18432")
        try allocator.addFramework(framework("A"))
        try allocator.addFramework(framework("B"))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.count == 1)
        #expect(offers[0].scalar(named: "cpus") == 9)
    }

    @Test("a framework without demand is served whole-agent after the demand frameworks' slices")
    func mixed() throws {
        var allocator = try allocator(agents: 1, each: "cpus:10;mem:10240")
        try allocator.addFramework(framework("A"))
        try allocator.addFramework(framework("B"))
        try allocator.addFramework(framework("C"))
        try allocator.updateDemand(framework: "A", task: resources("cpus:2;mem:1024"))
        try allocator.updateDemand(framework: "B", task: resources("cpus:2;mem:1024"))
        let offers = allocator.allocate(now: at(0))
        // A and B alternate 2-cpu tasks until the 10 cpus are gone: 3 tasks and 2 tasks.
        #expect(offers.scalar("cpus", for: "A") + offers.scalar("cpus", for: "B") == 10)
        #expect(abs(offers.scalar("cpus", for: "A") - offers.scalar("cpus", for: "B")) == 2)
        // C gets the leftover memory (10240 - 5 × 1024 = 5120).
        #expect(offers.scalar("mem", for: "C") == 5120)
    }

    @Test("declared ports are carved from the agent's ranges")
    func ports() throws {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096;ports:[31000-31009]")
        try allocator.addFramework(framework("A"))
        try allocator.addFramework(framework("B"))
        try allocator.updateDemand(framework: "A", task: resources("cpus:1;mem:256;ports:[1-2]"))
        try allocator.updateDemand(framework: "B", task: resources("cpus:1;mem:256;ports:[1-3]"))
        let offers = allocator.allocate(now: at(0))
        let a = offers.offers(for: "A").first
        let b = offers.offers(for: "B").first
        #expect(a?.scalar(named: "cpus") == 2)
        #expect(a?.rangeCount(named: "ports") == 4)
        #expect(b?.scalar(named: "cpus") == 2)
        #expect(b?.rangeCount(named: "ports") == 6)
    }

    @Test("a demand can be withdrawn and is validated")
    func validation() throws {
        var allocator = try allocator(agents: 1, each: "cpus:9;mem:18432")
        try allocator.addFramework(framework("A"))
        try allocator.addFramework(framework("B"))
        try allocator.updateDemand(framework: "A", task: resources("cpus:1;mem:4096"))
        try allocator.updateDemand(framework: "A", task: nil)
        #expect(allocator.allocate(now: at(0)).count == 1)
        #expect(throws: AllocatorError.self) { try allocator.updateDemand(framework: "A", task: resources("ports:[1-2]")) }
        #expect(throws: AllocatorError.self) { try allocator.updateDemand(framework: "nobody", task: resources("cpus:1")) }
    }

    @Test("tasks draw on the role's reservations before unreserved resources")
    func reservationsFirst() throws {
        var allocator = DRFAllocator()
        try allocator.addAgent("agent1", total: resources("cpus(web):2;mem(web):1024;cpus:4;mem:4096"))
        try allocator.addFramework(framework("web", roles: ["web"]))
        try allocator.addFramework(framework("batch", roles: ["batch"]))
        try allocator.updateDemand(framework: "web", task: resources("cpus:1;mem:512"))
        try allocator.updateDemand(framework: "batch", task: resources("cpus:1;mem:512"))
        let offers = allocator.allocate(now: at(0))
        let web = try #require(offers.offers(for: "web").first)
        let reservedCPU = web.resources.filter { $0.name == "cpus" && $0.reservations.last?.role == "web" }
        #expect(reservedCPU.first?.scalar?.value == 2)
        // Everything is handed out: 6 cpus in 1-cpu tasks.
        #expect(offers.scalar("cpus", for: "web") + offers.scalar("cpus", for: "batch") == 6)
        // `batch` never receives `web`'s reservation.
        for offer in offers.offers(for: "batch") {
            #expect(offer.resources.allSatisfy { $0.reservations.isEmpty })
        }
    }

    @Test("offers in the pre-refinement format are each resource downgraded, reservations and refined ones included")
    func downgradedOffers() throws {
        var allocator = DRFAllocator()
        // Unreserved, statically reserved, and a reservation refined from `web` to `web/api`.
        let refined = Resource(
            name: "disk", type: .scalar, scalar: .init(value: 100),
            reservations: [.init(type: .static, role: "web"), .init(type: .dynamic, role: "web/api", principal: "p")])
        try allocator.addAgent("agent1", total: resources("cpus(web):2;mem:1024;ports:[31000-31009]") + [refined])
        try allocator.addFramework(framework("api", roles: ["web/api"], capabilities: [.reservationRefinement]))
        let offers = allocator.allocate(now: at(0))
        #expect(!offers.isEmpty)
        var kinds = Set<Int>()
        for offer in offers {
            let expected = offer.resources.map { $0.downgraded() ?? $0 }
            #expect(offer.resources(downgraded: true) == expected)
            #expect(offer.resources(downgraded: false) == offer.resources)
            for resource in offer.resources { kinds.insert(resource.reservations.count) }
        }
        #expect(kinds == [0, 1, 2], "unreserved, reserved and refined resources were offered: \(kinds)")
    }

    @Test("a framework whose slice it refused drops out of the filling")
    func filteredSlice() throws {
        var allocator = try allocator(agents: 1, each: "cpus:9;mem:18432")
        try allocator.addFramework(framework("A"))
        try allocator.addFramework(framework("B"))
        try allocator.updateDemand(framework: "A", task: resources("cpus:1;mem:4096"))
        try allocator.updateDemand(framework: "B", task: resources("cpus:3;mem:1024"))
        let first = allocator.allocate(now: at(0))
        let a = try #require(first.offers(for: "A").first)
        try allocator.recover(a, refuseSeconds: 1000, now: at(0))
        // A's next slice (3 tasks again) is a subset of what it refused: B gets the room instead.
        let second = allocator.allocate(now: at(1))
        #expect(second.offers(for: "A").isEmpty)
        #expect(second.scalar("cpus", for: "B") == 3)
        #expect(second.scalar("mem", for: "B") == 1024)
    }
}
