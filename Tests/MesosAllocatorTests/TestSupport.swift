import MesosAllocator
import MesosModel
import MesosResources
import Testing

/// Parses Mesos's resource text (`cpus:4;mem:8192;ports:[31000-32000];cpus(web):2`).
func resources(_ text: String) -> [Resource] {
    do {
        return Array(try Resources.parse(text))
    } catch {
        Issue.record("cannot parse '\(text)': \(error)")
        return []
    }
}

func framework(_ id: String, roles: Set<String> = ["*"], capabilities: FrameworkCapabilities = []) -> FrameworkProfile {
    FrameworkProfile(id: FrameworkID(id), roles: roles, capabilities: capabilities)
}

/// A fixed origin for the injected clock; only differences matter.
let epoch = ContinuousClock.now

func at(_ seconds: Double) -> ContinuousClock.Instant {
    epoch.advanced(by: .seconds(seconds))
}

extension Array where Element == AllocatorOffer {
    func offers(for framework: String) -> [AllocatorOffer] {
        filter { $0.frameworkID.value == framework }
    }

    func scalar(_ name: String, for framework: String) -> Double {
        offers(for: framework).reduce(0) { $0 + $1.scalar(named: name) }
    }
}

/// An allocator with `count` identical agents `agent1...agentN`.
func allocator(
    agents count: Int,
    each text: String,
    options: AllocatorOptions = AllocatorOptions(),
    seed: UInt64 = 7
) throws -> DRFAllocator {
    var allocator = DRFAllocator(options: options, random: SplitMix64(seed: seed))
    for index in 1...max(count, 1) where count > 0 {
        try allocator.addAgent(AgentID("agent\(index)"), total: resources(text))
    }
    return allocator
}
