import Foundation
import MesosMasterCore
import MesosModel
import Testing

/// What an offer carries, as allocation rounds build it from the agent's and the framework's
/// records, and what happens to a decision for a framework that is not connected.
@Suite("Offer contents")
struct OfferContentTests {
    typealias Fixture = MasterStateTests

    static let agentInfo = AgentInfo(
        hostname: "rack1-host7", resources: [.scalar(name: "cpus", value: 4), .scalar(name: "mem", value: 4096)],
        attributes: [.text(name: "rack", value: "r1"), .scalar(name: "generation", value: 3)],
        domain: DomainInfo(faultDomain: .init(region: "eu", zone: "eu-1")))

    /// A master with the agent above (stream "a") and one framework (stream "f").
    static func cluster(_ framework: FrameworkInfo) -> (MasterState, FrameworkID, AgentID) {
        var master = Fixture.master()
        let agentActions = master.agentSubscribe(.init(agentInfo: agentInfo), streamID: "a", now: Fixture.start)
        let agentID = Fixture.agentEvents(agentActions, "a").first?.subscribed?.agentID ?? "?"
        let actions = master.subscribe(.subscribe(frameworkInfo: framework), streamID: "f", now: Fixture.start)
        let frameworkID = Fixture.frameworkEvents(actions, "f").first?.subscribed?.frameworkID ?? "?"
        return (master, frameworkID, agentID)
    }

    static func offers(_ master: inout MasterState, at milliseconds: Int, stream: StreamID = "f") -> [Offer] {
        let now = Fixture.start.advanced(by: .milliseconds(milliseconds))
        return Fixture.frameworkEvents(master.allocate(now: now), stream).flatMap { $0.offers?.offers ?? [] }
    }

    @Test func anOfferCarriesTheAgentsDescriptionAndIsRecordedOnBothSides() throws {
        var (master, frameworkID, agentID) = Self.cluster(FrameworkInfo(user: "u", name: "n"))
        let offer = try #require(Self.offers(&master, at: 20).first)
        #expect(offer.frameworkID == frameworkID)
        #expect(offer.agentID == agentID)
        #expect(offer.hostname == "rack1-host7")
        #expect(offer.attributes == Self.agentInfo.attributes)
        #expect(offer.domain == Self.agentInfo.domain)
        #expect(offer.allocationInfo?.role == "*")
        #expect(offer.executorIDs.isEmpty)
        #expect(master.offerIDs(of: frameworkID) == [offer.id])
        #expect(master.offerIDsByFramework == [frameworkID: [offer.id]])
        #expect(master.agents[agentID]?.offers.map(\.id) == [offer.id])
        #expect(master.agents[agentID]?.offers.first?.resources == offer.resources)
        #expect(master.offers[offer.id]?.offer == offer)
        // Offer ids are numbered per master.
        #expect(offer.id.value.hasPrefix("M-O"))
    }

    @Test func frameworksWithoutReservationRefinementGetThePreRefinementFormat() throws {
        var (old, _, _) = Self.cluster(FrameworkInfo(user: "u", name: "n"))
        let oldOffer = try #require(Self.offers(&old, at: 20).first)
        #expect(oldOffer.resources.allSatisfy { $0.role == "*" && $0.reservations.isEmpty })

        var (refining, _, _) = Self.cluster(FrameworkInfo(user: "u", name: "n", capabilities: [.init(type: .reservationRefinement)]))
        let refinedOffer = try #require(Self.offers(&refining, at: 20).first)
        #expect(refinedOffer.resources.allSatisfy { $0.role == nil && $0.reservations.isEmpty })
        #expect(refinedOffer.resources.map(\.name).sorted() == oldOffer.resources.map(\.name).sorted())
    }

    @Test func anOfferNamesTheFrameworksExecutorsOnTheAgent() throws {
        var (master, frameworkID, agentID) = Self.cluster(FrameworkInfo(user: "u", name: "n"))
        let first = try #require(Self.offers(&master, at: 20).first)
        var tasks: [TaskInfo] = []
        for name in ["exec-b", "exec-a"] {
            tasks.append(TaskInfo(
                name: name, taskID: TaskID(name), agentID: agentID, resources: [.scalar(name: "cpus", value: 1)],
                executor: ExecutorInfo(executorID: ExecutorID(name), command: CommandInfo(value: "run"))))
        }
        _ = try master.handle(
            .accept(frameworkID: frameworkID, offerIDs: [first.id], operations: [.launch(tasks)], filters: Filters(refuseSeconds: 0)),
            streamID: "f", now: Fixture.start.advanced(by: .milliseconds(20))
        ).get()
        let next = try #require(Self.offers(&master, at: 40).first)
        #expect(next.executorIDs == ["exec-a", "exec-b"])
    }

    static func cpus(_ offer: Offer) -> Double? { offer.resources.first { $0.name == "cpus" }?.scalar?.value }

    /// An agent's record keeps the resources of its last offer, to share them with the next offer
    /// of the same resources: what is offered must still follow what is free.
    @Test func anAgentsNextOfferFollowsWhatIsFreeOnIt() throws {
        var (master, frameworkID, agentID) = Self.cluster(FrameworkInfo(user: "u", name: "n"))
        let first = try #require(Self.offers(&master, at: 20).first)
        _ = try master.handle(
            .decline(frameworkID: frameworkID, offerIDs: [first.id], filters: Filters(refuseSeconds: 0)),
            streamID: "f", now: Fixture.start.advanced(by: .milliseconds(20))
        ).get()
        let second = try #require(Self.offers(&master, at: 40).first)
        #expect(second.id != first.id)
        #expect(second.resources == first.resources)
        #expect(master.agents[agentID]?.offers.first?.resources == second.resources)

        let task = TaskInfo(
            name: "t", taskID: "t", agentID: agentID, resources: [.scalar(name: "cpus", value: 1), .scalar(name: "mem", value: 1024)],
            command: CommandInfo(value: "run"))
        _ = try master.handle(
            .accept(frameworkID: frameworkID, offerIDs: [second.id], operations: [.launch([task])], filters: Filters(refuseSeconds: 0)),
            streamID: "f", now: Fixture.start.advanced(by: .milliseconds(40))
        ).get()
        let third = try #require(Self.offers(&master, at: 60).first)
        #expect(Self.cpus(third) == 3)
        #expect(third.resources.first { $0.name == "mem" }?.scalar?.value == 3072)
        #expect(master.agents[agentID]?.offers.first?.resources == third.resources)
    }

    /// The same free resources offered to a framework with RESERVATION_REFINEMENT and then to one
    /// without it come in each framework's format.
    @Test func theSameResourcesOfferedInTurnComeInEachFrameworksFormat() throws {
        var (master, _, _) = Self.cluster(FrameworkInfo(user: "u", name: "refining", capabilities: [.init(type: .reservationRefinement)]))
        _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "old")), streamID: "g", now: Fixture.start)
        var formats: [StreamID: [Bool]] = [:]
        for round in 1...2 {
            let now = Fixture.start.advanced(by: .milliseconds(20 * round))
            let actions = master.allocate(now: now)
            for stream: StreamID in ["f", "g"] {
                for offer in Fixture.frameworkEvents(actions, stream).flatMap({ $0.offers?.offers ?? [] }) {
                    formats[stream, default: []].append(offer.resources.allSatisfy { $0.role == "*" })
                    // Declined for good: the next round offers the agent to the other framework.
                    _ = try master.handle(
                        .decline(frameworkID: offer.frameworkID, offerIDs: [offer.id], filters: Filters(refuseSeconds: 1e6)),
                        streamID: stream, now: now
                    ).get()
                }
            }
        }
        #expect(formats["f"] == [false])
        #expect(formats["g"] == [true])
    }

    @Test func aDisconnectedFrameworkIsNotOfferedAndItsShareReturnsOnReconnect() throws {
        var (master, frameworkID, agentID) = Self.cluster(FrameworkInfo(user: "u", name: "n"))
        _ = master.frameworkStreamClosed("f", now: Fixture.start)
        #expect(Self.offers(&master, at: 20).isEmpty)
        #expect(master.offers.isEmpty)
        #expect(master.offerIDs(of: frameworkID).isEmpty)
        #expect(master.offerIDsByFramework.isEmpty)
        #expect(master.agents[agentID]?.offers.isEmpty == true)
        // Back on a new stream: the whole agent is offered again.
        _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "n", id: frameworkID)), streamID: "f2", now: Fixture.start)
        let offer = try #require(Self.offers(&master, at: 40, stream: "f2").first)
        let cpus = offer.resources.first { $0.name == "cpus" }?.scalar?.value
        #expect(cpus == 4)
        #expect(master.agents[agentID]?.offers.map(\.id) == [offer.id])
    }
}

/// A whole round run in slices of agents, as the master runs one at scale.
@Suite("Allocation rounds in slices")
struct AllocationSliceTests {
    typealias Fixture = MasterStateTests

    /// A master with `agents` agents and two frameworks ("f0", "f1").
    static func cluster(agents: Int) -> MasterState {
        var master = Fixture.master()
        for index in 0..<agents {
            let info = AgentInfo(hostname: "h\(index)", resources: [.scalar(name: "cpus", value: 4), .scalar(name: "mem", value: 4096)])
            _ = master.agentSubscribe(.init(agentInfo: info), streamID: StreamID("a\(index)"), now: Fixture.start)
        }
        for index in 0..<2 {
            _ = master.subscribe(.subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "f\(index)")), streamID: StreamID("f\(index)"), now: Fixture.start)
        }
        return master
    }

    static func offers(_ actions: [MasterAction]) -> [Offer] {
        ["f0", "f1"].flatMap { Fixture.frameworkEvents(actions, StreamID($0)).flatMap { $0.offers?.offers ?? [] } }
    }

    @Test("the slices cover every agent once; each slice offers only its agents; together they offer what one round does")
    func slicesOfferWhatOneRoundDoes() throws {
        let now = Fixture.start.advanced(by: .seconds(1))
        var whole = Self.cluster(agents: 10)
        let wholeOffers = Self.offers(whole.allocate(now: now))
        #expect(Set(wholeOffers.map(\.agentID)) == Set(whole.agents.keys))

        var sliced = Self.cluster(agents: 10)
        let slices = sliced.allocationRoundSlices(agentsPerSlice: 3)
        #expect(slices.map(\.count) == [3, 3, 3, 1])
        #expect(Set(slices.joined()) == Set(sliced.agents.keys))
        var offered: [AgentID] = []
        for slice in slices {
            let offers = Self.offers(sliced.allocate(agents: slice, now: now))
            #expect(Set(offers.map(\.agentID)).isSubset(of: Set(slice)))
            offered += offers.map(\.agentID)
        }
        #expect(offered.count == wholeOffers.count)
        #expect(Set(offered) == Set(sliced.agents.keys))
        #expect(sliced.offers.count == whole.offers.count)
        // Everything is offered: another round, whole or in slices, has nothing to give.
        #expect(Self.offers(sliced.allocate(now: now.advanced(by: .seconds(1)))).isEmpty)
        let again = sliced.allocationRoundSlices(agentsPerSlice: 3)
        #expect(again.allSatisfy { Self.offers(sliced.allocate(agents: $0, now: now.advanced(by: .seconds(2)))).isEmpty })
    }

    @Test("an agent disconnected between slices is not offered; an unknown id is ignored")
    func agentsGoneBetweenSlicesAreSkipped() throws {
        let now = Fixture.start.advanced(by: .seconds(1))
        var master = Self.cluster(agents: 4)
        let slices = master.allocationRoundSlices(agentsPerSlice: 2)
        #expect(Self.offers(master.allocate(agents: slices[0], now: now)).count == 2)
        let gone = slices[1][0]
        _ = master.agentStreamClosed(try #require(master.agents[gone]?.streamID), now: now)
        let offers = Self.offers(master.allocate(agents: slices[1] + [AgentID("nobody")], now: now))
        #expect(offers.map(\.agentID) == [slices[1][1]])
    }
}
