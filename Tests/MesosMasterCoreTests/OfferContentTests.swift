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
