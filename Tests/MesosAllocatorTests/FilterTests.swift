import MesosAllocator
import MesosModel
import Testing

@Suite("Offer filters, SUPPRESS and REVIVE")
struct FilterTests {
    @Test("a declined offer is filtered until refuse_seconds pass on the injected clock")
    func filterExpires() throws {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a"))
        let offer = try #require(allocator.allocate(now: at(0)).first)
        try allocator.recover(offer, refuseSeconds: 10, now: at(0))
        #expect(allocator.activeFilterCount(now: at(0)) == 1)
        #expect(allocator.allocate(now: at(1)).isEmpty)
        #expect(allocator.allocate(now: at(9.999)).isEmpty)
        let again = allocator.allocate(now: at(10))
        #expect(again.count == 1)
        #expect(allocator.activeFilterCount(now: at(10)) == 0)
    }

    /// An allocator whose only framework declined the only agent at time 0.
    private func declined(refuseSeconds: Double?, interval: Duration = .seconds(1)) throws -> DRFAllocator {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096", options: AllocatorOptions(allocationInterval: interval))
        try allocator.addFramework(framework("a"))
        let offer = try #require(allocator.allocate(now: at(0)).first)
        try allocator.recover(offer, refuseSeconds: refuseSeconds, now: at(0))
        return allocator
    }

    private func offered(_ allocator: DRFAllocator, at seconds: Double) -> Bool {
        var probe = allocator
        return !probe.allocate(now: at(seconds)).isEmpty
    }

    @Test("refuse_seconds rules: default, cap, zero, at least one allocation interval")
    func refuseSecondsRules() throws {
        // Negative and NaN mean the 5 s default.
        for refuse in [-1, Double.nan] {
            let allocator = try declined(refuseSeconds: refuse)
            #expect(!offered(allocator, at: 4.9))
            #expect(offered(allocator, at: 5))
        }
        // Zero and nil install no filter.
        #expect(offered(try declined(refuseSeconds: 0), at: 0))
        #expect(offered(try declined(refuseSeconds: nil), at: 0))
        // Capped at 365 days.
        let year = DRFAllocator.maximumRefuseSeconds
        for refuse in [Double.infinity, 1e12] {
            let allocator = try declined(refuseSeconds: refuse)
            #expect(!offered(allocator, at: year - 1))
            #expect(offered(allocator, at: year))
        }
        // At least one allocation interval.
        let short = try declined(refuseSeconds: 0.5, interval: .seconds(3))
        #expect(!offered(short, at: 2.9))
        #expect(offered(short, at: 3))
    }

    @Test("a filter blocks only offers that are a subset of what was refused")
    func subsetSemantics() throws {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a"))
        try allocator.addFramework(framework("b"))
        let offer = try #require(allocator.allocate(now: at(0)).first)
        #expect(offer.frameworkID == "a")
        // `a` refuses only half the agent and keeps the other half for now.
        try allocator.recoverResources(framework: "a", agent: "agent1", resources: resources("cpus:2;mem:2048"), refuseSeconds: 100, now: at(0))
        // The 2 cpus come back; `a` refused exactly them, `b` is next anyway (lower share).
        var offers = allocator.allocate(now: at(1))
        #expect(offers.map(\.frameworkID) == ["b"])
        try allocator.recover(offers[0], now: at(1))
        try allocator.suppressOffers(framework: "b")
        #expect(allocator.allocate(now: at(2)).isEmpty)  // a: subset of refused → blocked.
        // When `a` gives back the rest, the agent offers more than `a` refused: not blocked.
        try allocator.recoverResources(framework: "a", agent: "agent1", resources: resources("cpus:2;mem:2048"), now: at(3))
        offers = allocator.allocate(now: at(3))
        #expect(offers.map(\.frameworkID) == ["a"])
        #expect(offers.first?.scalar(named: "cpus") == 4)
    }

    @Test("REVIVE clears a framework's filters and triggers a pending round")
    func reviveClearsFilters() throws {
        var allocator = try allocator(agents: 2, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a"))
        for offer in allocator.allocate(now: at(0)) {
            try allocator.recover(offer, refuseSeconds: 1000, now: at(0))
        }
        #expect(allocator.allocate(now: at(5)).isEmpty)
        #expect(!allocator.hasPendingAllocation)
        try allocator.reviveOffers(framework: "a")
        #expect(allocator.hasPendingAllocation)
        #expect(allocator.activeFilterCount(now: at(5)) == 0)
        #expect(allocator.allocatePending(now: at(5)).count == 2)
    }

    @Test("REVIVE and filters are per role")
    func perRole() throws {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a", roles: ["x", "y"], capabilities: .multiRole))
        let first = try #require(allocator.allocate(now: at(0)).first)
        try allocator.recover(first, refuseSeconds: 1000, now: at(0))
        // Filtered in the first role only; the other role gets the agent.
        let second = try #require(allocator.allocate(now: at(1)).first)
        #expect(second.role != first.role)
        try allocator.recover(second, refuseSeconds: 1000, now: at(1))
        #expect(allocator.allocate(now: at(2)).isEmpty)
        try allocator.reviveOffers(framework: "a", roles: [first.role])
        let third = try #require(allocator.allocate(now: at(3)).first)
        #expect(third.role == first.role)
    }

    @Test("deactivating a framework clears its filters")
    func deactivationClearsFilters() throws {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a"))
        let offer = try #require(allocator.allocate(now: at(0)).first)
        try allocator.recover(offer, refuseSeconds: 1000, now: at(0))
        try allocator.deactivateFramework("a")
        #expect(allocator.allocate(now: at(1)).isEmpty)
        try allocator.activateFramework("a")
        #expect(allocator.allocate(now: at(2)).count == 1)
    }

    @Test("changed agent attributes clear the agent's filters")
    func attributesClearFilters() throws {
        var allocator = try allocator(agents: 1, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a"))
        let offer = try #require(allocator.allocate(now: at(0)).first)
        try allocator.recover(offer, refuseSeconds: 1000, now: at(0))
        try allocator.updateAgent("agent1", attributes: [])
        #expect(allocator.allocatePending(now: at(1)).isEmpty)
        try allocator.updateAgent("agent1", attributes: [Attribute(name: "rack", type: .text, text: "r1")])
        #expect(allocator.allocatePending(now: at(1)).count == 1)
    }

    @Test("SUPPRESS stops offers for the framework until REVIVE, other frameworks still get them")
    func suppress() throws {
        var allocator = try allocator(agents: 4, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a"))
        try allocator.addFramework(framework("b"))
        try allocator.suppressOffers(framework: "a")
        #expect(allocator.isSuppressed(framework: "a", role: "*"))
        var offers = allocator.allocate(now: at(0))
        #expect(offers.count == 4)
        #expect(offers.allSatisfy { $0.frameworkID == "b" })
        try allocator.suppressOffers(framework: "b")
        for offer in offers { try allocator.recover(offer, now: at(0)) }
        #expect(allocator.allocate(now: at(1)).isEmpty)
        try allocator.reviveOffers(framework: "a")
        offers = allocator.allocate(now: at(2))
        #expect(offers.count == 4)
        #expect(offers.allSatisfy { $0.frameworkID == "a" })
    }

    @Test("a framework added with suppressed roles gets nothing in them")
    func suppressedAtSubscription() throws {
        var allocator = try allocator(agents: 2, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("a", roles: ["x", "y"], capabilities: .multiRole), suppressedRoles: ["x"])
        let offers = allocator.allocate(now: at(0))
        #expect(offers.count == 2)
        #expect(offers.allSatisfy { $0.role == "y" })
    }
}
