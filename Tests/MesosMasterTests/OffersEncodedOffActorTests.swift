import Foundation
import Logging
import MesosMasterCore
import MesosModel
import Testing

@testable import MesosMaster

/// A large OFFERS event is encoded off the master's actor, and still reaches the framework in
/// its place among the framework's events.
@Suite("OFFERS encoded off the actor")
struct OffersEncodedOffActorTests {
    /// The `type` of each RecordIO record (`<length>\n<json>`).
    static func types(_ records: [[UInt8]]) throws -> [String] {
        try records.map { record in
            let newline = try #require(record.firstIndex(of: UInt8(ascii: "\n")))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(record[(newline + 1)...])) as? [String: Any])
            return try #require(object["type"] as? String)
        }
    }

    /// An in-process master with `agents` agents and one subscribed framework (its queue).
    static func cluster(agents: Int, agentsPerAllocationSlice: Int = 5000) async -> (MasterRuntime, SubscriberQueue) {
        let info = MasterInfo(id: "M", ip: 16_777_343, port: 5050, hostname: "m")
        let state = MasterState(configuration: MasterConfiguration(masterInfo: info), registry: nil, now: MasterRuntime.now())
        let runtime = MasterRuntime(
            state: state, store: nil, logger: Logger(label: "test.offers"), queueCapacity: 1000,
            agentsPerAllocationSlice: agentsPerAllocationSlice)
        for index in 0..<agents {
            _ = await runtime.subscribeAgent(.init(agentInfo: AgentInfo(
                hostname: "a\(index)", resources: [.scalar(name: "cpus", value: 4), .scalar(name: "mem", value: 1024)])),
                streamID: StreamID("agent-\(index)"))
        }
        let queue = await runtime.subscribeFramework(
            .subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "f", failoverTimeout: 60)), streamID: StreamID("f"))
        return (runtime, queue)
    }

    @Test("an event of many offers arrives whole, after the events before it and before those after it")
    func largeOffersInOrder() async throws {
        let agents = MasterRuntime.offersEncodedOffActor + 44
        let (runtime, queue) = await Self.cluster(agents: agents)
        await runtime.allocate()
        await runtime.heartbeat()
        var records: [[UInt8]] = []
        // SUBSCRIBED and the first HEARTBEAT come on subscribing.
        while records.count < 4, let batch = await queue.nextBatch() { records += batch }
        let types = try Self.types(records)
        #expect(types == ["SUBSCRIBED", "HEARTBEAT", "OFFERS", "HEARTBEAT"])
        let newline = try #require(records[2].firstIndex(of: UInt8(ascii: "\n")))
        let event = try MesosJSON.decode(Scheduler.Event.self, from: Data(records[2][(newline + 1)...]))
        #expect(event.offers?.offers.count == agents)
        #expect(Set(event.offers?.offers.map(\.agentID) ?? []).count == agents)
    }
}

/// A large cluster's allocation round runs in slices of agents, with the actor free between them.
@Suite("Allocation rounds in slices on the master's actor")
struct AllocationSlicesOnActorTests {
    @Test("a round over more agents than a slice offers every agent once, a slice per OFFERS event, and counts as one round")
    func slicedRound() async throws {
        let (runtime, queue) = await OffersEncodedOffActorTests.cluster(agents: 10, agentsPerAllocationSlice: 3)
        await runtime.allocate()
        await runtime.heartbeat()
        var records: [[UInt8]] = []
        // SUBSCRIBED and a HEARTBEAT, four OFFERS (3, 3, 3 and 1 agents), the HEARTBEAT after the round.
        while records.count < 7, let batch = await queue.nextBatch() { records += batch }
        #expect(try OffersEncodedOffActorTests.types(records) == ["SUBSCRIBED", "HEARTBEAT", "OFFERS", "OFFERS", "OFFERS", "OFFERS", "HEARTBEAT"])
        var agents: [AgentID] = []
        for record in records[2..<6] {
            let newline = try #require(record.firstIndex(of: UInt8(ascii: "\n")))
            let event = try MesosJSON.decode(Scheduler.Event.self, from: Data(record[(newline + 1)...]))
            agents += event.offers?.offers.map(\.agentID) ?? []
        }
        #expect(agents.count == 10)
        #expect(Set(agents) == Set(await runtime.state.agents.keys))
        #expect(await runtime.allocationRunTimes.runs == 1)
    }
}

/// A large DECLINE is applied a chunk of offers at a time, with the actor free between chunks.
@Suite("DECLINE in chunks on the master's actor")
struct DeclineInChunksTests {
    @Test("a DECLINE of more offers than a chunk declines every one of them, with its filter, and counts as one call")
    func declineInChunks() async throws {
        let info = MasterInfo(id: "M", ip: 16_777_343, port: 5050, hostname: "m")
        let state = MasterState(configuration: MasterConfiguration(masterInfo: info), registry: nil, now: MasterRuntime.now())
        let runtime = MasterRuntime(
            state: state, store: nil, logger: Logger(label: "test.decline"), queueCapacity: 1000, offersPerDeclineChunk: 3)
        for index in 0..<10 {
            _ = await runtime.subscribeAgent(.init(agentInfo: AgentInfo(
                hostname: "a\(index)", resources: [.scalar(name: "cpus", value: 4), .scalar(name: "mem", value: 1024)])),
                streamID: StreamID("agent-\(index)"))
        }
        _ = await runtime.subscribeFramework(
            .subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "f", failoverTimeout: 60)), streamID: StreamID("f"))
        await runtime.allocate()
        let frameworkID = try #require(await runtime.state.frameworks.keys.first)
        let offerIDs = await runtime.state.offerIDs(of: frameworkID)
        #expect(offerIDs.count == 10)

        // An unknown offer among them is skipped, as in one call.
        let call = Scheduler.Call.decline(frameworkID: frameworkID, offerIDs: offerIDs + ["M-O999"], filters: Filters(refuseSeconds: 3600))
        #expect(await runtime.schedulerCall(call, streamID: "f") == nil)
        #expect(await runtime.state.offers.isEmpty)
        #expect(await runtime.state.counters.offersDeclined == 10)
        #expect(await runtime.state.counters.schedulerCalls["DECLINE"] == 1)
        // Every agent is filtered for the framework: the next round offers it nothing.
        await runtime.allocate()
        #expect(await runtime.state.offers.isEmpty)

        // A chunked DECLINE on a wrong stream is refused whole, as one call is.
        let rejection = await runtime.schedulerCall(call, streamID: "other")
        #expect(rejection?.status == 400)
        #expect(await runtime.state.counters.schedulerCalls["DECLINE"] == 1)
    }
}
