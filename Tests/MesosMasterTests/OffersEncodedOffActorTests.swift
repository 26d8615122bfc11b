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

    @Test("an event of many offers arrives whole, after the events before it and before those after it")
    func largeOffersInOrder() async throws {
        let agents = MasterRuntime.offersEncodedOffActor + 44
        let info = MasterInfo(id: "M", ip: 16_777_343, port: 5050, hostname: "m")
        let state = MasterState(configuration: MasterConfiguration(masterInfo: info), registry: nil, now: MasterRuntime.now())
        let runtime = MasterRuntime(state: state, store: nil, logger: Logger(label: "test.offers"), queueCapacity: 1000)
        for index in 0..<agents {
            _ = await runtime.subscribeAgent(.init(agentInfo: AgentInfo(
                hostname: "a\(index)", resources: [.scalar(name: "cpus", value: 4), .scalar(name: "mem", value: 1024)])),
                streamID: StreamID("agent-\(index)"))
        }
        let queue = await runtime.subscribeFramework(
            .subscribe(frameworkInfo: FrameworkInfo(user: "u", name: "big", failoverTimeout: 60)), streamID: StreamID("f"))
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
