import MesosAllocator

/// Results of the allocator benchmarks at one size, for one implementation.
struct ScenarioResult: Codable, Sendable {
    var implementation: String
    var agents: Int
    var frameworks: Int
    var setupMs: Double
    /// One round offering every agent's free resources (offers recovered, unfiltered, between rounds).
    var fullRound: Timings
    var offersPerFullRound: Int
    /// Rounds of Mesos's DeclineOffers: every offer declined with a 365-day filter.
    var declineOffers: Timings
    var declineOffersPerRound: [Int]
    /// Time to give all of a round's offers back (declines with filters), per round.
    var declineRecovery: Timings
    var peakRSSMiB: Double?
}

/// Runs the scenarios in-process for one size.
struct AllocatorScenario {
    var cluster: BenchmarkCluster
    var fullRounds: Int
    var declineRounds: Int
    var seed: UInt64

    /// `refuse_seconds` of Mesos's benchmark (`INT_MAX`), capped to 365 days by the allocator.
    static let refuseForever = Double(Int32.max)

    func runOptimized() throws -> ScenarioResult {
        let clock = ContinuousClock()
        var now = clock.now
        var (allocator, setup) = try measure { try cluster.build(seed: seed) }

        var full: [Double] = []
        var offersPerRound = 0
        for _ in 0..<fullRounds {
            now = now.advanced(by: .seconds(1))
            let (offers, ms) = measure { allocator.allocate(now: now) }
            full.append(ms)
            offersPerRound = offers.count
            for offer in offers { try allocator.recover(offer, now: now) }
        }

        var decline: [Double] = []
        var recovery: [Double] = []
        var counts: [Int] = []
        for _ in 0..<declineRounds {
            now = now.advanced(by: .seconds(1))
            let (offers, ms) = measure { allocator.allocate(now: now) }
            decline.append(ms)
            counts.append(offers.count)
            let (_, recoverMs) = try measure {
                for offer in offers { try allocator.recover(offer, refuseSeconds: Self.refuseForever, now: now) }
            }
            recovery.append(recoverMs)
        }
        return ScenarioResult(
            implementation: "swift-mesos", agents: cluster.agents, frameworks: cluster.frameworks, setupMs: setup,
            fullRound: Timings(full), offersPerFullRound: offersPerRound,
            declineOffers: Timings(decline), declineOffersPerRound: counts, declineRecovery: Timings(recovery),
            peakRSSMiB: peakResidentMiB())
    }

    func runReference() throws -> ScenarioResult {
        let clock = ContinuousClock()
        var now = clock.now
        var (allocator, setup) = try measure { try cluster.buildReference(seed: seed) }

        var full: [Double] = []
        var offersPerRound = 0
        for _ in 0..<fullRounds {
            now = now.advanced(by: .seconds(1))
            let (offers, ms) = measure { allocator.allocate(now: now) }
            full.append(ms)
            offersPerRound = offers.count
            for offer in offers {
                allocator.recoverResources(framework: offer.frameworkID, agent: offer.agentID, resources: offer.resources, now: now)
            }
        }

        var decline: [Double] = []
        var recovery: [Double] = []
        var counts: [Int] = []
        for _ in 0..<declineRounds {
            now = now.advanced(by: .seconds(1))
            let (offers, ms) = measure { allocator.allocate(now: now) }
            decline.append(ms)
            counts.append(offers.count)
            let (_, recoverMs) = measure {
                for offer in offers {
                    allocator.recoverResources(
                        framework: offer.frameworkID, agent: offer.agentID, resources: offer.resources,
                        refuseSeconds: Self.refuseForever, now: now)
                }
            }
            recovery.append(recoverMs)
        }
        return ScenarioResult(
            implementation: "reference", agents: cluster.agents, frameworks: cluster.frameworks, setupMs: setup,
            fullRound: Timings(full), offersPerFullRound: offersPerRound,
            declineOffers: Timings(decline), declineOffersPerRound: counts, declineRecovery: Timings(recovery),
            peakRSSMiB: peakResidentMiB())
    }
}
