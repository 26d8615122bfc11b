import Foundation
import Logging
import MesosMasterCore
import MesosModel
import PropertyBased
import Testing

@testable import MesosMaster

/// ``JSONWriter`` places commas and nests as a tree written by ``OperatorJSON`` would, and the
/// state endpoints written with it carry what Mesos's do.
@Suite("JSON writer and the state summary")
struct JSONWriterTests {
    /// Writes `tree` member by member through the writer.
    static func write(_ tree: OperatorJSON, into json: inout JSONWriter) {
        switch tree {
        case .object(let members):
            json.beginObject()
            for (key, value) in members {
                json.key(escaping: key)
                write(value, into: &json)
            }
            json.endObject()
        case .array(let elements):
            json.beginArray()
            for element in elements { write(element, into: &json) }
            json.endArray()
        case .string(let text): json.string(text)
        case .int(let number): json.int(number)
        case .double(let number): json.double(number)
        case .bool(let flag): json.bool(flag)
        case .null, .raw: json.value(tree)
        }
    }

    static func tree(_ random: inout Xoshiro, depth: Int) -> OperatorJSON {
        let texts = ["", "a", "quote \" back \\", "line\n", "é ✓"]
        switch random.next() % (depth > 3 ? 5 : 7) {
        case 0: return .string(texts[Int(random.next() % UInt64(texts.count))])
        case 1: return .int(Int(truncatingIfNeeded: random.next() % 2001) - 1000)
        case 2: return .double(Double(Int(random.next() % 1000)) / 8)
        case 3: return .bool(random.next() % 2 == 0)
        case 4: return .null
        case 5:
            return .array((0..<(random.next() % 4)).map { _ in tree(&random, depth: depth + 1) })
        default:
            var members: [String: OperatorJSON] = [:]
            for index in 0..<(random.next() % 4) { members["k\(index)"] = tree(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test("any tree written member by member parses back to the same value as the tree's own text")
    func membersGiveTheTreesDocument() async throws {
        await propertyCheck(count: 300, input: Gen<UInt64>.value()) { seed in
            var random = Xoshiro(seed: (seed, ~seed, 0x9E37_79B9_7F4A_7C15, 4))
            let tree = Self.tree(&random, depth: 0)
            var json = JSONWriter()
            Self.write(tree, into: &json)
            let ours = try JSONSerialization.jsonObject(with: Data(json.bytes), options: [.fragmentsAllowed]) as? NSObject
            let reference = try JSONSerialization.jsonObject(with: Data(tree.bytes), options: [.fragmentsAllowed]) as? NSObject
            #expect(ours == reference, "\(String(decoding: json.bytes, as: UTF8.self))")
        }
    }

    @Test("commas between siblings, none after a key or an opening bracket; raw text copied as is")
    func commas() {
        var json = JSONWriter()
        json.beginObject()
        json.member("a", 1)
        json.key("b")
        json.beginArray()
        json.beginObject()
        json.endObject()
        json.value(.raw(Array(#"{"x":[1,2]}"#.utf8)))
        json.strings(["s", "t"])
        json.endArray()
        json.member("c", true)
        json.member("d", 0.5)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"a":1,"b":[{},{"x":[1,2]},["s","t"]],"c":true,"d":0.5}"#)
    }

    /// The task pages' state (three agents, three frameworks) and its JSON.
    static func stateJSON() throws -> (MasterState, StateJSON) {
        let state = try TaskPageTests.state()
        let info = MasterInfo(id: "M", ip: 16_777_343, port: 5050, hostname: "m")
        let options = MasterOptions(ip: "127.0.0.1", port: 5050, hostname: "m", core: MasterConfiguration(masterInfo: info))
        return (state, StateJSON(state: state, options: options, leader: nil))
    }

    @Test("the state summary: every agent and framework, counts by task state, resources, ids")
    func stateSummary() throws {
        let (state, json) = try Self.stateJSON()
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.summary)) as? [String: Any])
        #expect(summary["hostname"] as? String == "m")
        let agents = try #require(summary["slaves"] as? [[String: Any]])
        #expect(agents.map { $0["id"] as? String } == state.agents.keys.sorted().map(\.value))
        let frameworks = try #require(summary["frameworks"] as? [[String: Any]])
        #expect(frameworks.map { $0["id"] as? String } == state.frameworks.keys.sorted().map(\.value))
        var running = 0
        for agent in agents {
            let id = AgentID(try #require(agent["id"] as? String))
            let record = try #require(state.agents[id])
            let staging = try #require(agent["TASK_STAGING"] as? Int)
            running += staging
            #expect(staging == record.taskCount)
            #expect(agent["TASK_FINISHED"] as? Int == 0)
            #expect(agent["framework_ids"] as? [String] == record.tasks.keys.map(\.value).sorted())
            let resources = try #require(agent["resources"] as? [String: Any])
            #expect(resources["cpus"] as? Double == 64)
            #expect(resources["mem"] as? Double == 65536)
            #expect(resources["disk"] as? Double == 0)
            let used = try #require(agent["used_resources"] as? [String: Any])
            #expect(abs((used["cpus"] as? Double ?? -1) - 0.1 * Double(record.taskCount)) < 1e-9)
            #expect(agent["active"] as? Bool == true)
            #expect(agent["hostname"] as? String == record.info.hostname)
            #expect((agent["offered_resources"] as? [String: Any])?["cpus"] != nil)
            #expect((agent["reserved_resources"] as? [String: Any])?.isEmpty == true)
        }
        // 5 + 8 + 11 tasks launched, two of each framework finished.
        #expect(running == 24 - 6)
        for framework in frameworks {
            let id = FrameworkID(try #require(framework["id"] as? String))
            let record = try #require(state.frameworks[id])
            #expect(framework["TASK_STAGING"] as? Int == record.tasks.values.filter { $0.state == .staging }.count)
            #expect(framework["slave_ids"] as? [String] == Set(record.tasks.values.map(\.agentID.value)).sorted())
            #expect(framework["name"] as? String == record.info.name)
            #expect(framework["tasks"] == nil)
        }
        // Agents count their tasks from their own records: the totals agree with the frameworks'.
        for state in StateJSON.summaryStates {
            let byAgents = agents.reduce(0) { $0 + ($1[state.rawValue] as? Int ?? -1_000) }
            let byFrameworks = frameworks.reduce(0) { $0 + ($1[state.rawValue] as? Int ?? -1_000) }
            #expect(byAgents == byFrameworks, "\(state)")
        }
    }

    @Test("the summary's offered resources are the sums of the outstanding offers, by framework and by agent")
    func summaryOfferedResources() throws {
        var state = try TaskPageTests.state()
        // A round whose offers stay outstanding (the state's frameworks have launched their tasks).
        _ = state.allocate(now: MasterTime(instant: .now.advanced(by: .seconds(3600)), wallSeconds: 1_700_003_600))
        try #require(state.offers.count >= 3)
        let json = StateJSON(state: state, options: try Self.stateJSON().1.options, leader: nil)
        func offeredCPUs(_ include: (Offer) -> Bool) -> Double {
            state.offers.values.filter { include($0.offer) }.reduce(0.0) { sum, record in
                sum + record.offer.resources.filter { $0.name == "cpus" }.reduce(0.0) { $0 + ($1.scalar?.value ?? 0) }
            }
        }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.summary)) as? [String: Any])
        // Each object's offered cpus against its offers' (`owns`: the offer is the object's); their total.
        func checkOffered(_ key: String, owns: (Offer, String) -> Bool) throws -> Double {
            var total = 0.0
            for object in try #require(summary[key] as? [[String: Any]]) {
                let id = try #require(object["id"] as? String)
                let offered = try #require((object["offered_resources"] as? [String: Any])?["cpus"] as? Double)
                #expect(abs(offered - offeredCPUs { owns($0, id) }) < 1e-9, "\(key) \(id)")
                total += offered
            }
            return total
        }
        let offeredByFrameworks = try checkOffered("frameworks") { $0.frameworkID.value == $1 }
        let offeredByAgents = try checkOffered("slaves") { $0.agentID.value == $1 }
        #expect(offeredByFrameworks > 0)
        #expect(abs(offeredByFrameworks - offeredByAgents) < 1e-9)
    }

    @Test("a task state's summary position is its place in the summary's states; TASK_UNKNOWN has none")
    func summaryPositions() {
        for state in TaskState.allCases {
            #expect(StateJSON.summaryPosition(state) == StateJSON.summaryStates.firstIndex(of: state), "\(state)")
        }
    }

    @Test("the summary written in slices on the master's actor equals the one written from a copy of the state")
    func summaryInSlices() async throws {
        let (state, json) = try Self.stateJSON()
        let runtime = MasterRuntime(state: state, store: nil, logger: Logger(label: "test.summary"), queueCapacity: 16)
        let endpoints = OperatorEndpoints(
            runtime: runtime, leadership: StandaloneLeadership(), options: json.options,
            connections: ConnectionLimiter(maximum: 10, logger: Logger(label: "test.summary")))
        #expect(state.agents.count > 2, "the state must take several slices")
        for perSlice in [1, 2, state.agents.count, 2000] {
            let slices = await StateSummarySlices(endpoints: endpoints, agentsPerSlice: perSlice).write()
            let sliced = try JSONSerialization.jsonObject(with: Data(slices)) as? NSDictionary
            let whole = try JSONSerialization.jsonObject(with: Data(json.summary)) as? NSDictionary
            #expect(sliced != nil)
            #expect(sliced == whole, "\(perSlice) agents per slice")
        }
    }

    @Test("/master/state lists the same agent objects as the summary, without the counts")
    func fullStateAgents() throws {
        let (state, json) = try Self.stateJSON()
        let full = try #require(try JSONSerialization.jsonObject(with: Data(OperatorJSON.object(json.full).bytes)) as? [String: Any])
        let agents = try #require(full["slaves"] as? [[String: Any]])
        #expect(agents.count == state.agents.count)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.summary)) as? [String: Any])
        let summaryAgents = try #require(summary["slaves"] as? [[String: Any]])
        for (agent, summarized) in zip(agents, summaryAgents) {
            #expect(agent["TASK_STAGING"] == nil)
            var trimmed = summarized
            for key in summarized.keys where key.hasPrefix("TASK_") || key == "framework_ids" { trimmed[key] = nil }
            #expect(NSDictionary(dictionary: agent) == NSDictionary(dictionary: trimmed))
        }
        let one = try #require(state.agents.keys.sorted().first)
        #expect(json.agents(only: one.value).count == 1)
        #expect(json.agents(only: "no-such-agent").isEmpty)
    }
}
