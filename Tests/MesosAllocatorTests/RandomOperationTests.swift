import MesosAllocator
import MesosModel
import MesosResources
import PropertyBased
import Testing

/// Drives a ``DRFAllocator`` and a ``ReferenceAllocator`` with the same random events
/// and checks that they make the same offers and that resources are conserved.
private struct Simulation {
    var allocator: DRFAllocator
    var reference: ReferenceAllocator
    var now = 0.0
    var agents: [AgentID] = []
    var totals: [AgentID: Resources] = [:]
    var frameworks: [FrameworkProfile] = []
    var outstanding: [(offer: AllocatorOffer, resources: Resources)] = []
    var held: [AgentID: Resources] = [:]
    var nextID = 0
    var rounds = 0

    static let agentMenu = [
        "cpus:4;mem:4096",
        "cpus:2;mem:8192;disk:100",
        "cpus:8;mem:2048;ports:[31000-31010]",
        "cpus:4;mem:4096;gpus:1",
        "cpus:2;mem:1024;cpus(a):2;mem(a):512",
        "cpus(b):1;mem(b):256",
        "cpus:0.005;mem:16",
        "cpus:1;mem:512;cpus(a/x):1;mem(a/x):64",
    ]
    static let roleMenu: [Set<String>] = [["a"], ["b"], ["a", "b"], ["c"], ["a/x"], ["*"], ["b", "c", "a/x"]]
    static let roleNames = ["a", "b", "c", "a/x", "*"]
    static let refusals: [Double?] = [nil, 0, 1, 5, 1000, -1]

    init(seed: UInt64) {
        allocator = DRFAllocator(random: SplitMix64(seed: seed))
        reference = ReferenceAllocator(random: SplitMix64(seed: seed))
    }

    var instant: ContinuousClock.Instant { at(now) }

    mutating func apply(_ code: Int) throws {
        let parameter = code / 16
        switch code % 16 {
        case 0, 1:
            nextID += 1
            let id = AgentID("agent\(nextID)")
            let total = try Resources.parse(Self.agentMenu[parameter % Self.agentMenu.count])
            try allocator.addAgent(id, total: total)
            reference.addAgent(id, total: total)
            agents.append(id)
            totals[id] = total
        case 2:
            guard !agents.isEmpty else { return }
            let id = agents.remove(at: parameter % agents.count)
            try allocator.removeAgent(id)
            reference.removeAgent(id)
            totals[id] = nil
            held[id] = nil
            outstanding.removeAll { $0.offer.agentID == id }
        case 3, 4:
            nextID += 1
            let roles = Self.roleMenu[parameter % Self.roleMenu.count]
            var capabilities: FrameworkCapabilities = roles.count > 1 ? .multiRole : []
            if parameter % 3 == 0 { capabilities.insert(.gpuResources) }
            let profile = FrameworkProfile(id: FrameworkID("fw\(nextID)"), roles: roles, capabilities: capabilities)
            try allocator.addFramework(profile)
            reference.addFramework(profile)
            frameworks.append(profile)
        case 5:
            guard !frameworks.isEmpty else { return }
            let profile = frameworks.remove(at: parameter % frameworks.count)
            try allocator.removeFramework(profile.id)
            reference.removeFramework(profile.id)
            for (index, entry) in outstanding.enumerated().reversed() where entry.offer.frameworkID == profile.id {
                held[entry.offer.agentID]? -= entry.resources.unallocated()
                outstanding.remove(at: index)
            }
        case 6:
            guard let id = pickFramework(parameter) else { return }
            try allocator.deactivateFramework(id)
            reference.deactivateFramework(id)
        case 7:
            guard let id = pickFramework(parameter) else { return }
            try allocator.activateFramework(id)
            reference.activateFramework(id)
        case 8:
            guard let id = pickFramework(parameter) else { return }
            let roles: Set<String> = parameter % 4 == 0 ? [] : [Self.roleNames[parameter % Self.roleNames.count]]
            try allocator.suppressOffers(framework: id, roles: roles)
            reference.suppressOffers(framework: id, roles: roles)
        case 9:
            guard let id = pickFramework(parameter) else { return }
            let roles: Set<String> = parameter % 4 == 0 ? [] : [Self.roleNames[parameter % Self.roleNames.count]]
            try allocator.reviveOffers(framework: id, roles: roles)
            reference.reviveOffers(framework: id, roles: roles)
        case 10:
            let weights = [Self.roleNames[parameter % Self.roleNames.count]: [0.5, 1, 2, 3][parameter % 4]]
            try allocator.updateWeights(weights)
            reference.updateWeights(weights)
        case 11, 12, 13:
            now += Double(parameter % 4)
            try allocate()
        case 14:
            // Decline an outstanding offer, or give back only its memory.
            guard !outstanding.isEmpty else { return }
            let index = parameter % outstanding.count
            let entry = outstanding[index]
            let refuse = Self.refusals[parameter % Self.refusals.count]
            if parameter % 2 == 0 {
                if entry.resources == entry.offer.offeredResources {
                    try allocator.recover(entry.offer, refuseSeconds: refuse, now: instant)
                } else {
                    try allocator.recoverResources(
                        framework: entry.offer.frameworkID, agent: entry.offer.agentID, resources: entry.resources,
                        refuseSeconds: refuse, now: instant)
                }
                reference.recoverResources(
                    framework: entry.offer.frameworkID, agent: entry.offer.agentID, resources: entry.resources,
                    refuseSeconds: refuse, now: instant)
                held[entry.offer.agentID]? -= entry.resources.unallocated()
                outstanding.remove(at: index)
            } else {
                let memory = entry.resources.filter { $0.name == "mem" }
                guard !memory.isEmpty else { return }
                try allocator.recoverResources(
                    framework: entry.offer.frameworkID, agent: entry.offer.agentID, resources: memory,
                    refuseSeconds: refuse, now: instant)
                reference.recoverResources(
                    framework: entry.offer.frameworkID, agent: entry.offer.agentID, resources: memory,
                    refuseSeconds: refuse, now: instant)
                held[entry.offer.agentID]? -= memory.unallocated()
                outstanding[index].resources = entry.resources - memory
            }
        default:
            guard !agents.isEmpty else { return }
            let id = agents[parameter % agents.count]
            let attributes = [Attribute(name: "rack", type: .text, text: Value.Text(value: "r\(parameter % 3)"))]
            try allocator.updateAgent(id, attributes: attributes)
            reference.updateAgent(id, attributes: attributes)
        }
    }

    func pickFramework(_ parameter: Int) -> FrameworkID? {
        frameworks.isEmpty ? nil : frameworks[parameter % frameworks.count].id
    }

    mutating func allocate() throws {
        rounds += 1
        let offers = allocator.allocate(now: instant)
        let expected = reference.allocate(now: instant)
        let actual = offers.map {
            ReferenceAllocator.Offer(frameworkID: $0.frameworkID, agentID: $0.agentID, role: $0.role, resources: $0.offeredResources)
        }
        #expect(actual == expected, "round \(rounds) differs from the reference")
        for offer in offers {
            let resources = offer.offeredResources
            // Never more than the agent had available.
            let total = totals[offer.agentID] ?? Resources()
            let before = held[offer.agentID] ?? Resources()
            #expect((total - before).contains(resources.unallocated()), "offer exceeds what \(offer.agentID) had available")
            held[offer.agentID, default: Resources()] += resources.unallocated()
            outstanding.append((offer, resources))
        }
        checkConservation()
    }

    /// available + offered-or-allocated == total on every agent, and offered never exceeds total.
    func checkConservation() {
        for id in agents {
            let total = totals[id] ?? Resources()
            let holding = held[id] ?? Resources()
            let available = Resources(allocator.available(on: id) ?? [])
            #expect(total.contains(holding), "\(id): offered and used exceed the total")
            #expect(available + holding == total, "\(id): available + held != total")
        }
    }
}

@Suite("Invariants under random operation sequences")
struct RandomOperationTests {
    static let operations = Gen.int(in: 0...1_599).array(of: 1...120)

    @Test("same offers as the full-sort reference, and resources are conserved")
    func matchesReference() async {
        await propertyCheck(count: 200, input: Self.operations, Gen.int(in: 0...1_000)) { codes, seed in
            var simulation = Simulation(seed: UInt64(seed))
            do {
                for code in codes { try simulation.apply(code) }
                try simulation.allocate()
            } catch {
                Issue.record("unexpected error: \(error)")
            }
        }
    }

    @Test("every offer goes to the lowest weighted-share eligible framework (Mesos mode)")
    func lowestShareFirst() async {
        let input = Gen.int(in: 1...6)  // roles
        await propertyCheck(count: 150, input: input, Gen.int(in: 2...12), Gen.int(in: 1...40), Gen.int(in: 0...10_000)) {
            roleCount, frameworkCount, agentCount, seed in
            var random = SplitMix64(seed: UInt64(seed))
            var allocator = DRFAllocator(random: random)
            let roles = (0..<roleCount).map { "role\($0)" }
            var weights: [String: Double] = [:]
            for role in roles { weights[role] = [0.5, 1, 2, 3, 4][Int(random.uniform(below: 5))] }
            var shapes: [AgentID: (cpus: Double, mem: Double)] = [:]
            do {
                try allocator.updateWeights(weights)
                for index in 0..<agentCount {
                    let cpus = Double(1 + random.uniform(below: 16))
                    let mem = Double(256 * (1 + random.uniform(below: 64)))
                    let id = AgentID("agent\(index)")
                    shapes[id] = (cpus, mem)
                    try allocator.addAgent(id, total: resources("cpus:\(cpus);mem:\(mem)"))
                }
                var frameworkRole: [String: String] = [:]
                for index in 0..<frameworkCount {
                    let role = roles[Int(random.uniform(below: UInt64(roleCount)))]
                    frameworkRole["fw\(index)"] = role
                    try allocator.addFramework(framework("fw\(index)", roles: [role]))
                }
                // The test's own bookkeeping of allocations and allocation counts.
                let totalCPU = shapes.values.reduce(0) { $0 + $1.cpus }
                let totalMem = shapes.values.reduce(0) { $0 + $1.mem }
                var allocated: [String: (cpus: Double, mem: Double)] = [:]
                var counts: [String: Int] = [:]
                var roleCounts: [String: Int] = [:]
                func share(_ amounts: (cpus: Double, mem: Double)) -> Double {
                    max(amounts.cpus / totalCPU, amounts.mem / totalMem)
                }
                func roleAmounts(_ role: String) -> (cpus: Double, mem: Double) {
                    frameworkRole.filter { $0.value == role }.keys.reduce((0.0, 0.0)) { sum, id in
                        let amounts = allocated[id] ?? (0, 0)
                        return (sum.0 + amounts.cpus, sum.1 + amounts.mem)
                    }
                }
                let activeRoles = Set(frameworkRole.values)
                for offer in allocator.allocate(now: at(0)) {
                    let id = offer.frameworkID.value
                    let role = offer.role
                    // Lowest (weighted share, count, name) among roles with frameworks...
                    func roleKey(_ role: String) -> (Double, Int, String) {
                        (share(roleAmounts(role)) / (weights[role] ?? 1), roleCounts[role] ?? 0, role)
                    }
                    let bestRole = activeRoles.min { roleKey($0) < roleKey($1) }
                    #expect(bestRole == role, "offer on \(offer.agentID) went to role \(role), not \(bestRole ?? "-")")
                    // ...then lowest (share, count, name) among the role's frameworks.
                    func key(_ id: String) -> (Double, Int, String) { (share(allocated[id] ?? (0, 0)), counts[id] ?? 0, id) }
                    let bestFramework = frameworkRole.filter { $0.value == role }.keys.min { key($0) < key($1) }
                    #expect(bestFramework == id, "offer on \(offer.agentID) went to \(id), not \(bestFramework ?? "-")")
                    let shape = shapes[offer.agentID] ?? (0, 0)
                    #expect(offer.scalar(named: "cpus") == shape.cpus)
                    let previous = allocated[id] ?? (0, 0)
                    allocated[id] = (previous.cpus + shape.cpus, previous.mem + shape.mem)
                    counts[id, default: 0] += 1
                    roleCounts[role, default: 0] += 1
                }
            } catch {
                Issue.record("unexpected error: \(error)")
            }
        }
    }
}
