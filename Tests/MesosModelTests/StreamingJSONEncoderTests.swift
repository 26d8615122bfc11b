import Foundation
import MesosModel
import PropertyBased
import Testing

/// The one-pass encoder must write what Foundation's `JSONEncoder` (configured as
/// `MesosJSON.makeEncoder()`) writes: the same document, and the same bytes wherever Foundation's
/// bytes are deterministic (it orders an object's keys by hash on Linux; the one-pass encoder
/// writes them in declaration order).
@Suite("StreamingJSONEncoder")
struct StreamingJSONEncoderTests {
    func expectSameJSON<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let foundation = try JSONValue(MesosJSON.makeEncoder().encode(value))
        let streaming = try JSONValue(Data(StreamingJSONEncoder.encode(value)))
        #expect(streaming == foundation, sourceLocation: sourceLocation)
    }

    func expectSameBytes<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let foundation = try MesosJSON.makeEncoder().encode(value)
        let streaming = try StreamingJSONEncoder.encode(value)
        #expect(
            String(decoding: streaming, as: UTF8.self) == String(decoding: foundation, as: UTF8.self),
            sourceLocation: sourceLocation)
    }

    /// Messages with every kind of field the hot paths carry, decoded from Mesos JSON.
    static let messages: [(type: String, json: String)] = [
        ("event", #"{"type":"UPDATE","update":{"status":{"task_id":{"value":"web-1"},"state":"TASK_RUNNING","message":"a \"quoted\" / slashed\tline\n","source":"SOURCE_EXECUTOR","data":"aGVsbG8=","agent_id":{"value":"a-S0"},"executor_id":{"value":"web-1"},"timestamp":1764700000.123456,"uuid":"AAECAwQFBgcICQoLDA0ODw==","healthy":true,"labels":{"labels":[{"key":"k","value":"v"}]},"container_status":{"network_infos":[{"ip_addresses":[{"ip_address":"10.0.0.1"}]}]}}}}"#),
        ("event", #"{"type":"OFFERS","offers":{"offers":[{"id":{"value":"o-1"},"framework_id":{"value":"f-1"},"agent_id":{"value":"a-S1"},"hostname":"host-1","resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":3.5},"role":"*","allocation_info":{"role":"*"}},{"name":"mem","type":"SCALAR","scalar":{"value":1024}},{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]}},{"name":"zones","type":"SET","set":{"item":["a","b"]}}],"attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}],"allocation_info":{"role":"*"}}]}}"#),
        ("event", #"{"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"f-1"},"heartbeat_interval_seconds":15,"master_info":{"id":"m","ip":16777343,"port":5050,"hostname":"localhost","version":"1.11.0","address":{"hostname":"localhost","ip":"127.0.0.1","port":5050}}}}"#),
        ("event", #"{"type":"ERROR","error":{"message":"Framework has been removed \u0001 é ✓ 🚀"}}"#),
        ("call", #"{"framework_id":{"value":"f-1"},"type":"ACCEPT","accept":{"offer_ids":[{"value":"o-1"},{"value":"o-2"}],"operations":[{"type":"LAUNCH","launch":{"task_infos":[{"name":"t","task_id":{"value":"t-1"},"agent_id":{"value":"a-S1"},"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.1}},{"name":"mem","type":"SCALAR","scalar":{"value":32}}],"command":{"uris":[{"value":"http://example.com/x.tgz","extract":true}],"environment":{"variables":[{"name":"A","value":"1"}]},"shell":true,"value":"sleep 10"},"container":{"type":"DOCKER","volumes":[{"mode":"RW","container_path":"/data","host_path":"/tmp"}],"docker":{"image":"busybox","network":"HOST","parameters":[{"key":"label","value":"x=y"}],"force_pull_image":false}},"health_check":{"delay_seconds":1.5,"interval_seconds":10,"type":"COMMAND","command":{"value":"true"}}}]}}],"filters":{"refuse_seconds":5}}}"#),
        ("call", #"{"framework_id":{"value":"f-1"},"type":"ACKNOWLEDGE","acknowledge":{"agent_id":{"value":"a-S1"},"task_id":{"value":"t-1"},"uuid":"AAECAwQFBgcICQoLDA0ODw=="}}"#),
        ("call", #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"marathon","id":{"value":"M1-0000"},"failover_timeout":604800,"checkpoint":true,"roles":["web","batch"],"hostname":"sched1","principal":"marathon","webui_url":"http://sched1:8080/","capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"}],"labels":{"labels":[{"key":"team","value":"infra"}]}},"suppressed_roles":["batch"]}}"#),
        ("agentEvent", #"{"type":"RUN_TASK","run_task":{"framework_info":{"user":"u","name":"n","id":{"value":"f-1"}},"task":{"name":"t","task_id":{"value":"t-1"},"agent_id":{"value":"a-S1"},"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.25}}],"command":{"value":"echo hi"}}}}"#),
        ("agentEvent", #"{"type":"ACKNOWLEDGE","acknowledge":{"framework_id":{"value":"f-1"},"task_id":{"value":"t-1"},"uuid":"AAECAwQFBgcICQoLDA0ODw=="}}"#),
        ("agentCall", #"{"type":"UPDATE","agent_id":{"value":"a-S1"},"update":{"status":{"task_id":{"value":"t-1"},"state":"TASK_FINISHED","source":"SOURCE_EXECUTOR","timestamp":1764700000,"uuid":"AAECAwQFBgcICQoLDA0ODw=="},"latest_state":"TASK_FINISHED","framework_id":{"value":"f-1"}}}"#),
    ]

    @Test("Mesos messages encode to Foundation's document, keys in declaration order", arguments: messages.indices)
    func messagesMatchFoundation(index: Int) throws {
        let (type, json) = Self.messages[index]
        let data = Data(json.utf8)
        let streaming: [UInt8]
        switch type {
        case "event":
            let event = try MesosJSON.decode(Scheduler.Event.self, from: data)
            try expectSameJSON(event)
            streaming = try StreamingJSONEncoder.encode(event)
        case "call":
            let call = try MesosJSON.decode(Scheduler.Call.self, from: data)
            try expectSameJSON(call)
            streaming = try StreamingJSONEncoder.encode(call)
        case "agentEvent":
            let event = try MesosJSON.decode(AgentProtocol.Event.self, from: data)
            try expectSameJSON(event)
            streaming = try StreamingJSONEncoder.encode(event)
        default:
            let call = try MesosJSON.decode(AgentProtocol.Call.self, from: data)
            try expectSameJSON(call)
            streaming = try StreamingJSONEncoder.encode(call)
        }
        // The fixtures list keys in declaration order, numbers and escapes as Foundation writes them.
        #expect(String(decoding: streaming, as: UTF8.self) == json)
    }

    @Test("MesosJSON.encode writes the one-pass bytes and they decode to the same message")
    func mesosJSONRoundTrips() throws {
        let status = TaskStatus(
            taskID: "t-1", state: .running, message: "ok", source: .executor, agentID: "a-S1",
            timestamp: 1_764_700_000.5, uuid: Data((0..<16).map { UInt8($0) }))
        let event = Scheduler.Event.update(status)
        let bytes = try MesosJSON.encodeBytes(event)
        #expect(try Array(MesosJSON.encode(event)) == bytes)
        #expect(try MesosJSON.decode(Scheduler.Event.self, from: Data(bytes)) == event)
    }

    @Test("strings: every escape Foundation writes, and UTF-8 as is")
    func strings() async throws {
        for text in ["", "plain", "\"", "\\", "/", "a/b", "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}", "é✓🚀", "\u{2028}\u{2029}"] {
            try expectSameBytes([text])
            try expectSameBytes(["key \(text)": text])
        }
        let scalar = Gen.unicodeScalar(in: "\u{0}"..."\u{D7FF}")
        await propertyCheck(count: 200, input: scalar.array(of: 0...24)) { scalars in
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            try expectSameBytes([text])
        }
    }

    @Test("numbers: integers of every width and doubles as Foundation prints them")
    func numbers() async throws {
        try expectSameBytes([Int.min, -1, 0, 1, Int.max])
        try expectSameBytes([UInt64.max, 0])
        try expectSameBytes([Int8.min, Int8.max])
        try expectSameBytes([UInt32.max])
        try expectSameBytes([0.0, -0.0, 1.0, -1.5, 0.1, 1e21, 1e-7, 123_456.789, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 1_764_700_000.123456])
        try expectSameBytes([Float(0.1), Float(3), Float.greatestFiniteMagnitude])
        await propertyCheck(count: 300, input: Gen<UInt64>.value()) { bits in
            let value = Double(bitPattern: bits)
            guard value.isFinite else { return }
            try expectSameBytes([value])
        }
        await propertyCheck(count: 200, input: Gen.int64()) { value in
            try expectSameBytes([value])
        }
    }

    @Test("non-finite numbers are refused, as Foundation refuses them")
    func nonFinite() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(["x": Double.infinity]) }
        #expect(throws: EncodingError.self) { try MesosJSON.encodeBytes(Resource.scalar(name: "cpus", value: .infinity)) }
    }

    /// Container uses that synthesized conformances do not make, written by hand.
    struct Unusual: Encodable {
        enum Keys: String, CodingKey { case a, nested, list, empty, optional, again }
        struct Empty: Encodable {
            func encode(to encoder: any Encoder) throws {}
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode("x", forKey: .a)
            var list = nested.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encodeNil(forKey: .a)
            var innerList = list.nestedUnkeyedContainer()
            try innerList.encode(2.5)
            try list.encode(Empty())
            try container.encode(Empty(), forKey: .empty)
            try container.encode(Optional<Int>.none, forKey: .optional)
            // Asking for the container again continues the same object.
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode([[1, 2], []], forKey: .again)
        }
    }

    @Test("nested containers, repeated container requests, empty values and explicit nulls")
    func unusualContainers() throws {
        try expectSameJSON(Unusual())
        try expectSameJSON([Unusual(), Unusual()])
        #expect(
            try String(decoding: StreamingJSONEncoder.encode(Unusual()), as: UTF8.self)
                == #"{"a":1,"nested":{"a":"x","list":[true,{"a":null},[2.5],{}]},"empty":{},"optional":null,"again":[[1,2],[]]}"#)
        try expectSameBytes([[String: Int]()])
        try expectSameBytes(["a": [Int]()])
    }

    struct UsesSuperEncoder: Encodable {
        enum Keys: String, CodingKey { case a }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            try "parent".encode(to: container.superEncoder())
        }
    }

    @Test("a super encoder is left to Foundation's encoder")
    func superEncoderFallsBack() throws {
        #expect(throws: StreamingJSONEncoder.Unsupported.self) { try StreamingJSONEncoder.encode(UsesSuperEncoder()) }
        #expect(
            try JSONValue(Data(MesosJSON.encodeBytes(UsesSuperEncoder())))
                == JSONValue(MesosJSON.makeEncoder().encode(UsesSuperEncoder())))
    }

    @Test("a top-level value that encodes nothing is an error, as with Foundation (nested, it is {})")
    func emptyTopLevel() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(Unusual.Empty()) }
        #expect(throws: EncodingError.self) { try MesosJSON.makeEncoder().encode(Unusual.Empty()) }
    }
}
