import MesosAllocator
import MesosModel
import MesosResources
import Testing

@Suite("Agent and framework lifecycle")
struct LifecycleTests {
    @Test("resources in use on a new agent count toward the framework's share and are not offered")
    func usedOnAgentAdd() throws {
        var allocator = DRFAllocator()
        try allocator.addFramework(framework("busy"))
        try allocator.addFramework(framework("idle"))
        try allocator.addAgent("agent1", total: resources("cpus:8;mem:8192"), used: ["busy": resources("cpus:6;mem:1024")])
        try allocator.addAgent("agent2", total: resources("cpus:8;mem:8192"))
        #expect(allocator.allocation(of: "busy", role: "*") == ["cpus": 6, "mem": 1024])
        let offers = allocator.allocate(now: at(0))
        // `idle` has the lower share and is served first: it gets agent1's rest or agent2,
        // and agent1 never offers more than its 2 free cpus.
        #expect(offers.filter { $0.agentID == "agent1" }.allSatisfy { $0.scalar(named: "cpus") == 2 })
        #expect(offers.scalar("cpus", for: "idle") + offers.scalar("cpus", for: "busy") == 10)
    }

    @Test("resources in use by a framework not added yet are held back, then claimed when it is added")
    func usedByUnknownFramework() throws {
        var allocator = DRFAllocator()
        try allocator.addAgent("agent1", total: resources("cpus:4;mem:4096"), used: ["late": resources("cpus:3;mem:1024")])
        #expect(Resources(allocator.available(on: "agent1") ?? []) == (try Resources.parse("cpus:1;mem:3072")))
        try allocator.addFramework(framework("late"), used: ["agent1": resources("cpus:3;mem:1024")])
        #expect(allocator.allocation(of: "late", role: "*") == ["cpus": 3, "mem": 1024])
        #expect(Resources(allocator.available(on: "agent1") ?? []) == (try Resources.parse("cpus:1;mem:3072")))
        try allocator.recoverResources(framework: "late", agent: "agent1", resources: resources("cpus:3;mem:1024"), now: at(0))
        #expect(Resources(allocator.available(on: "agent1") ?? []) == (try Resources.parse("cpus:4;mem:4096")))
    }

    @Test("offers of the same quantities to the same role have the same resources; another quantity, role or allocator has not")
    func offersSameResources() throws {
        var shared = try allocator(agents: 1, each: "cpus:4;mem:4096")
        try shared.addFramework(framework("a", roles: ["web"]))
        let first = try #require(shared.allocate(now: at(0)).first)
        #expect(first.offersSameResources(as: first))
        try shared.recover(first, refuseSeconds: 0, now: at(0))
        let again = try #require(shared.allocate(now: at(1)).first)
        #expect(again.offersSameResources(as: first) && first.offersSameResources(as: again))

        // The same quantities to a framework of another role.
        try shared.addFramework(framework("b", roles: ["db"]))
        try shared.recover(again, refuseSeconds: 1e6, now: at(1))
        let other = try #require(shared.allocate(now: at(2)).first)
        #expect(other.frameworkID == "b" && other.scalar(named: "cpus") == 4 && other.scalar(named: "mem") == 4096)
        #expect(!other.offersSameResources(as: first))

        // Part of it given back and offered again: another quantity.
        var oneCPU = try #require(other.resources.first { $0.name == "cpus" })
        oneCPU.scalar = Value.Scalar(value: 1)
        try shared.recoverResources(framework: "b", agent: "agent1", resources: [oneCPU], refuseSeconds: 0, now: at(2))
        let part = try #require(shared.allocate(now: at(3)).first)
        #expect(part.scalar(named: "cpus") == 1)
        #expect(!part.offersSameResources(as: other))

        // Another allocator (a master failover builds one): its kinds may mean other resources.
        var rebuilt = try allocator(agents: 1, each: "cpus:4;mem:4096", seed: 8)
        try rebuilt.addFramework(framework("a", roles: ["web"]))
        let rebuiltOffer = try #require(rebuilt.allocate(now: at(0)).first)
        #expect(!rebuiltOffer.offersSameResources(as: first))
    }

    @Test("removing a framework returns everything it holds")
    func removeFramework() throws {
        var allocator = try allocator(agents: 3, each: "cpus:2;mem:2048")
        try allocator.addFramework(framework("a"))
        #expect(allocator.allocate(now: at(0)).count == 3)
        try allocator.removeFramework("a")
        #expect(allocator.frameworkCount == 0)
        for id in allocator.agentIDs {
            #expect(Resources(allocator.available(on: id) ?? []) == (try Resources.parse("cpus:2;mem:2048")))
        }
        try allocator.addFramework(framework("b"))
        #expect(allocator.allocatePending(now: at(1)).count == 3)
        #expect(throws: AllocatorError.self) { try allocator.removeFramework("a") }
    }

    @Test("removing an agent drops its allocations; giving them back later is ignored")
    func removeAgent() throws {
        var allocator = try allocator(agents: 2, each: "cpus:2;mem:2048")
        try allocator.addFramework(framework("a"))
        let offers = allocator.allocate(now: at(0))
        try allocator.removeAgent("agent1")
        #expect(allocator.agentCount == 1)
        #expect(allocator.allocation(of: "a", role: "*") == ["cpus": 2, "mem": 2048])
        #expect(allocator.clusterScalarTotals == ["cpus": 2, "mem": 2048])
        for offer in offers { try allocator.recover(offer, now: at(1)) }
        #expect(allocator.allocation(of: "a", role: "*").isEmpty)
        #expect(throws: AllocatorError.self) { try allocator.removeAgent("agent1") }
    }

    @Test("a grown agent offers its new resources after a pending round")
    func updateAgentTotal() throws {
        var allocator = try allocator(agents: 1, each: "cpus:2;mem:2048")
        try allocator.addFramework(framework("a"))
        #expect(allocator.allocate(now: at(0)).count == 1)
        try allocator.updateAgent("agent1", total: resources("cpus:6;mem:2048"))
        #expect(allocator.hasPendingAllocation)
        let offers = allocator.allocatePending(now: at(1))
        #expect(offers.count == 1)
        #expect(offers.first?.scalar(named: "cpus") == 4)
        #expect(offers.first?.scalar(named: "mem") == 0)
    }

    @Test("a deactivated agent is not offered until reactivated")
    func agentActivation() throws {
        var allocator = try allocator(agents: 2, each: "cpus:2;mem:2048")
        try allocator.addFramework(framework("a"))
        try allocator.deactivateAgent("agent1")
        #expect(allocator.allocate(now: at(0)).map(\.agentID) == ["agent2"])
        try allocator.activateAgent("agent1")
        #expect(allocator.allocate(now: at(1)).map(\.agentID) == ["agent1"])
    }

    @Test("pending rounds cover only the agents events named")
    func pendingCandidates() throws {
        var allocator = try allocator(agents: 2, each: "cpus:2;mem:2048")
        #expect(allocator.hasPendingAllocation)  // The agents were added.
        #expect(allocator.allocatePending(now: at(0)).isEmpty)  // Nobody to offer to.
        try allocator.addFramework(framework("a"), active: false)
        #expect(!allocator.hasPendingAllocation)  // An inactive framework asks for nothing.
        try allocator.activateFramework("a")
        #expect(allocator.allocatePending(now: at(1)).count == 2)
        try allocator.addAgent("agent3", total: resources("cpus:1;mem:512"))
        #expect(allocator.allocatePending(now: at(2)).map(\.agentID) == ["agent3"])
        #expect(allocator.allocatePending(now: at(3)).isEmpty)
    }

    @Test("UPDATE_FRAMEWORK adds and drops roles")
    func updateFrameworkRoles() throws {
        var allocator = try allocator(agents: 2, each: "cpus:2;mem:2048")
        let profile = framework("a", roles: ["x"], capabilities: .multiRole)
        try allocator.addFramework(profile)
        var offers = allocator.allocate(now: at(0))
        #expect(offers.allSatisfy { $0.role == "x" })
        for offer in offers { try allocator.recover(offer, refuseSeconds: 1000, now: at(0)) }
        var updated = profile
        updated.roles = ["y"]
        try allocator.updateFramework(updated)
        offers = allocator.allocate(now: at(1))
        #expect(offers.count == 2)
        #expect(offers.allSatisfy { $0.role == "y" })
        // Suppressed roles given with the update are honoured.
        for offer in offers { try allocator.recover(offer, now: at(1)) }
        try allocator.updateFramework(updated, suppressedRoles: ["y"])
        #expect(allocator.allocate(now: at(2)).isEmpty)
        try allocator.updateFramework(updated, suppressedRoles: [])
        #expect(allocator.allocate(now: at(3)).count == 2)
    }

    @Test("a FrameworkInfo becomes a profile with its roles, capabilities and minimums")
    func profileFromInfo() throws {
        var info = FrameworkInfo(user: "u", name: "n", id: "fw-1", role: "ignored", roles: ["a", "b"])
        info.capabilities = [.init(type: .multiRole), .init(type: .gpuResources)]
        info.offerFilters = [
            "a": OfferFilters(minAllocatableResources: .init(quantities: [.init(quantities: ["cpus": 2])]))
        ]
        let profile = try FrameworkProfile(info)
        #expect(profile.roles == ["a", "b"])
        #expect(profile.capabilities == [.multiRole, .gpuResources])
        #expect(profile.minAllocatableResources["a"] == MinimumAllocatable([["cpus": 2]]))
        let single = try FrameworkProfile(FrameworkInfo(user: "u", name: "n", id: "fw-2"))
        #expect(single.roles == ["*"])
        #expect(throws: AllocatorError.self) { try FrameworkProfile(FrameworkInfo(user: "u", name: "n")) }
    }

    @Test("errors name the problem")
    func errors() throws {
        var allocator = try allocator(agents: 1, each: "cpus:2;mem:2048")
        try allocator.addFramework(framework("a", roles: ["x", "y"], capabilities: .multiRole))
        #expect(throws: AllocatorError(.duplicateAgent, "Agent agent1 was already added; remove it before adding it again")) {
            try allocator.addAgent("agent1", total: resources("cpus:1"))
        }
        #expect(throws: AllocatorError.self) { try allocator.addFramework(framework("a")) }
        #expect(throws: AllocatorError.self) { try allocator.updateAgent("nope", total: resources("cpus:1")) }
        // Not held, no allocation role, malformed.
        do {
            try allocator.recoverResources(framework: "a", agent: "agent1", resources: resources("cpus:1"), now: at(0))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .ambiguousRole)
        }
        var held = resources("cpus:1")
        held[0].allocationInfo = AllocationInfo(role: "x")
        do {
            try allocator.recoverResources(framework: "a", agent: "agent1", resources: held, now: at(0))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .resourcesNotAllocated)
        }
        let negative = Resource.scalar(name: "cpus", value: -1)
        do {
            try allocator.addAgent("agent2", total: [negative])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidResources)
            #expect(error.message.contains("cpus"))
        }
    }

    @Test("converting held resources (RESERVE) changes the agent total and who may get them")
    func updateAllocation() throws {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("web", roles: ["web"]))
        let offer = try #require(allocator.allocate(now: at(0)).first)
        var consumed = resources("cpus:2")
        consumed[0].allocationInfo = AllocationInfo(role: "web")
        var converted = resources("cpus(web):2")
        converted[0].allocationInfo = AllocationInfo(role: "web")
        try allocator.updateAllocation(framework: "web", agent: "agent1", consumed: consumed, converted: converted)
        #expect(Resources(allocator.total(of: "agent1") ?? []) == (try Resources.parse("cpus:2;mem:4096;cpus(web):2")))
        // Give everything back; another role only sees the unreserved part.
        try allocator.recoverResources(
            framework: "web", agent: "agent1", resources: allocator.holding(of: "web", on: "agent1", role: "web"), now: at(1))
        try allocator.suppressOffers(framework: "web")
        try allocator.addFramework(framework("batch", roles: ["batch"]))
        let offers = allocator.allocatePending(now: at(2))
        #expect(offers.first?.scalar(named: "cpus") == 2)
        #expect(offer.role == "web")
    }

    @Test("offers carry allocation_info and round-trip through Resources")
    func offerResources() throws {
        var allocator = try allocator(agents: 1, each: "cpus:2;mem:1024;ports:[31000-31002]")
        try allocator.addFramework(framework("a", roles: ["r"]))
        let offer = try #require(allocator.allocate(now: at(0)).first)
        #expect(offer.resources.allSatisfy { $0.allocationInfo?.role == "r" })
        #expect(offer.rangeCount(named: "ports") == 3)
        try allocator.recoverResources(framework: "a", agent: "agent1", resources: offer.offeredResources, now: at(0))
        #expect(allocator.allocation(of: "a", role: "r").isEmpty)
    }
}
