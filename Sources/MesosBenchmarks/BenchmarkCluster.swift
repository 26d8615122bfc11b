import MesosAllocator
import MesosModel
import MesosResources

/// The cluster of Mesos's `HierarchicalAllocator_BENCHMARK_Test.DeclineOffers`:
/// agents of `cpus:24;mem:4096;disk:4096;ports:[31000-32000]`, each with
/// `cpus:16;mem:2014;disk:1024` and 16 port ranges in use by framework `i % F`;
/// all frameworks in role `*`.
struct BenchmarkCluster {
    let agents: Int
    let frameworks: Int

    static let agentTotal = "cpus:24;mem:4096;disk:4096;ports:[31000-32000]"
    static let usedScalars = "cpus:16;mem:2014;disk:1024"

    func frameworkID(_ index: Int) -> FrameworkID { FrameworkID("framework-\(index)") }
    func agentID(_ index: Int) -> AgentID { AgentID("agent-\(index)") }

    /// Mesos's `makePortRanges(31000-32000, 16)`: 16 ranges of two ports, evenly spread.
    static func usedPorts() -> Resource {
        let step: UInt64 = 1000 / 16
        let ranges = (0..<UInt64(16)).map { Value.Range(begin: 31000 + $0 * step, end: 31000 + $0 * step + 1) }
        return Resource.ranges(name: "ports", ranges: ranges)
    }

    func total() throws -> Resources {
        try Resources.parse(Self.agentTotal)
    }

    func used() throws -> Resources {
        try Resources.parse(Self.usedScalars) + Self.usedPorts()
    }

    func build(seed: UInt64) throws -> DRFAllocator {
        var allocator = DRFAllocator(random: SplitMix64(seed: seed))
        for index in 0..<frameworks {
            try allocator.addFramework(FrameworkProfile(id: frameworkID(index), roles: ["*"]))
        }
        let total = Array(try total())
        let used = Array(try used())
        for index in 0..<agents {
            try allocator.addAgent(agentID(index), total: total, used: [frameworkID(index % frameworks): used])
        }
        return allocator
    }

    func buildReference(seed: UInt64) throws -> ReferenceAllocator {
        var allocator = ReferenceAllocator(random: SplitMix64(seed: seed))
        for index in 0..<frameworks {
            allocator.addFramework(FrameworkProfile(id: frameworkID(index), roles: ["*"]))
        }
        let total = try total()
        let used = try used()
        for index in 0..<agents {
            allocator.addAgent(agentID(index), total: total, used: [frameworkID(index % frameworks): used])
        }
        return allocator
    }
}
