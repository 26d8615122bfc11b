import MesosAllocator
import MesosModel
import Testing

@Suite("Quota, reservations, GPUs, minimum allocatable")
struct PolicyTests {
    @Test("quota guarantees are met before other roles are served")
    func guaranteesFirst() throws {
        var allocator = try allocator(agents: 10, each: "cpus:2;mem:2048")
        // `other` has the lower share (nothing) but `quota` is guaranteed 8 cpus.
        try allocator.addFramework(framework("q", roles: ["quota"]))
        try allocator.addFramework(framework("o", roles: ["other"]))
        try allocator.updateQuota(role: "quota", quota: RoleQuota(guarantees: ["cpus": 8]))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.scalar("cpus", for: "q") >= 8)
        #expect(offers.scalar("cpus", for: "q") + offers.scalar("cpus", for: "o") == 20)
    }

    @Test("headroom is held back for an unsatisfied guarantee")
    func headroom() throws {
        var allocator = try allocator(agents: 4, each: "cpus:2;mem:2048")
        try allocator.addFramework(framework("o", roles: ["other"]))
        // The guaranteed role has no framework yet: its 4 cpus must stay unallocated.
        try allocator.updateQuota(role: "quota", quota: RoleQuota(guarantees: ["cpus": 4]))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.scalar("cpus", for: "o") == 4)
        // When the quota role's framework arrives it gets the held-back cpus.
        try allocator.addFramework(framework("q", roles: ["quota"]))
        let later = allocator.allocatePending(now: at(1))
        #expect(later.scalar("cpus", for: "q") == 4)
    }

    @Test("quota limits cap a role, chopping agents if needed")
    func limits() throws {
        var allocator = try allocator(agents: 3, each: "cpus:4;mem:4096")
        try allocator.addFramework(framework("capped", roles: ["capped"]))
        try allocator.updateQuota(role: "capped", quota: RoleQuota(limits: ["cpus": 6]))
        let offers = allocator.allocate(now: at(0))
        #expect(offers.scalar("cpus", for: "capped") == 6)
        // Memory has no limit.
        #expect(offers.scalar("mem", for: "capped") == 12288)
        #expect(allocator.allocate(now: at(1)).scalar("cpus", for: "capped") == 0)
    }

    @Test("quota is validated")
    func quotaValidation() throws {
        var allocator = DRFAllocator()
        #expect(throws: AllocatorError.self) {
            try allocator.updateQuota(role: "a/b", quota: RoleQuota(guarantees: ["cpus": 1]))
        }
        #expect(throws: AllocatorError.self) {
            try allocator.updateQuota(role: "a", quota: RoleQuota(guarantees: ["cpus": 2], limits: ["cpus": 1]))
        }
        #expect(throws: AllocatorError.self) {
            try allocator.updateQuota(role: "a", quota: RoleQuota(guarantees: ["cpus": -1]))
        }
    }

    @Test("statically reserved resources are offered only to frameworks of their role")
    func reservations() throws {
        var allocator = DRFAllocator(random: SplitMix64(seed: 3))
        try allocator.addAgent("agent1", total: resources("cpus(web):4;mem(web):4096"))
        try allocator.addAgent("agent2", total: resources("cpus:2;mem:1024;cpus(web):1"))
        try allocator.addFramework(framework("other", roles: ["batch"]))
        var offers = allocator.allocate(now: at(0))
        #expect(offers.count == 1)
        #expect(offers[0].agentID == "agent2")
        #expect(offers[0].scalar(named: "cpus") == 2)  // Only the unreserved cpus.
        try allocator.addFramework(framework("web", roles: ["web"]))
        offers = allocator.allocatePending(now: at(1))
        #expect(offers.allSatisfy { $0.frameworkID == "web" })
        #expect(offers.scalar("cpus", for: "web") == 5)
        for offer in offers {
            #expect(offer.resources.allSatisfy { $0.reservations.last?.role == "web" })
        }
    }

    @Test("reservations of an ancestor role are offered to its subroles")
    func ancestorReservations() throws {
        var allocator = DRFAllocator()
        try allocator.addAgent("agent1", total: resources("cpus(eng):4;mem(eng):1024"))
        try allocator.addFramework(framework("dev", roles: ["eng/dev"]))
        #expect(allocator.allocate(now: at(0)).scalar("cpus", for: "dev") == 4)
    }

    @Test("agents with GPUs are offered only to GPU_RESOURCES frameworks")
    func gpuGating() throws {
        var allocator = DRFAllocator(random: SplitMix64(seed: 5))
        try allocator.addAgent("gpu", total: resources("cpus:8;mem:8192;gpus:2"))
        try allocator.addAgent("plain", total: resources("cpus:8;mem:8192"))
        try allocator.addFramework(framework("cpu-only"))
        var offers = allocator.allocate(now: at(0))
        #expect(offers.map(\.agentID) == ["plain"])
        try allocator.addFramework(framework("ml", capabilities: .gpuResources))
        offers = allocator.allocatePending(now: at(1))
        #expect(offers.map(\.agentID) == ["gpu"])
        #expect(offers.first?.scalar(named: "gpus") == 2)
        // GPUs are excluded from fair share by default: 8 of 16 cpus is the dominant share.
        #expect(allocator.dominantShare(of: "ml", role: "*") == 0.5)
    }

    @Test("GPU gating can be turned off")
    func gpuGatingOff() throws {
        var allocator = DRFAllocator(options: AllocatorOptions(filterGPUResources: false))
        try allocator.addAgent("gpu", total: resources("cpus:8;mem:8192;gpus:2"))
        try allocator.addFramework(framework("cpu-only"))
        #expect(allocator.allocate(now: at(0)).count == 1)
    }

    @Test("leftovers below the minimum allocatable resources are not offered")
    func minimumAllocatable() throws {
        var allocator = DRFAllocator()
        try allocator.addAgent("tiny", total: resources("cpus:0.005;mem:16;disk:100"))
        try allocator.addAgent("cpu", total: resources("cpus:0.01"))
        try allocator.addAgent("mem", total: resources("mem:32"))
        try allocator.addFramework(framework("a"))
        let offers = allocator.allocate(now: at(0))
        #expect(Set(offers.map(\.agentID)) == ["cpu", "mem"])
    }

    @Test("the minimum allocatable resources are configurable, also per framework role")
    func minimumConfigurable() throws {
        let minimum = try MinimumAllocatable.parse("cpus:1;mem:128|gpus:1")
        #expect(minimum.alternatives == [["cpus": 1, "mem": 128], ["gpus": 1]])
        #expect(throws: AllocatorError.self) { try MinimumAllocatable.parse("cpus:x") }
        #expect(throws: AllocatorError.self) { try MinimumAllocatable.parse("cpus:1|") }
        var allocator = DRFAllocator(options: AllocatorOptions(minAllocatableResources: minimum))
        try allocator.addAgent("small", total: resources("cpus:1;mem:64"))
        try allocator.addAgent("big", total: resources("cpus:1;mem:128"))
        try allocator.addFramework(framework("a"))
        #expect(allocator.allocate(now: at(0)).map(\.agentID) == ["big"])
        var permissive = DRFAllocator(options: AllocatorOptions(minAllocatableResources: minimum))
        try permissive.addAgent("small", total: resources("cpus:1;mem:64"))
        try permissive.addFramework(
            FrameworkProfile(id: "a", roles: ["*"], minAllocatableResources: ["*": .none]))
        #expect(permissive.allocate(now: at(0)).map(\.agentID) == ["small"])
    }

    @Test("revocable resources go only to REVOCABLE_RESOURCES frameworks")
    func revocable() throws {
        var revocableCPU = resources("cpus:2")[0]
        revocableCPU.revocable = RevocableInfo()
        var allocator = DRFAllocator()
        try allocator.addAgent("agent1", total: resources("cpus:1;mem:1024") + [revocableCPU])
        try allocator.addFramework(framework("plain"))
        var offers = allocator.allocate(now: at(0))
        #expect(offers.first?.scalar(named: "cpus") == 1)
        try allocator.addFramework(framework("opportunist", capabilities: .revocableResources))
        offers = allocator.allocatePending(now: at(1))
        #expect(offers.scalar("cpus", for: "opportunist") == 2)
    }
}
