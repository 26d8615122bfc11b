import Foundation
import PropertyBased
import Testing

@testable import MesosModel

/// The tape decoder must return what Foundation's `JSONDecoder` (configured as
/// `MesosJSON.makeDecoder()`) returns whenever it returns anything; what it declines,
/// `MesosJSON.decode` hands to Foundation, so `MesosJSON.decode` answers exactly as Foundation does
/// (the same value, or an error with the same description and coding path).
@Suite("TapeJSONDecoder")
struct TapeJSONDecoderTests {
    /// The fixtures of the encoder's tests: every kind of field the hot paths carry.
    static let messages = StreamingJSONEncoderTests.messages + offersMessages

    /// OFFERS events with every field of an offer and of its resources (the tape decoder reads
    /// offers without `Codable` containers: TapeJSONDecoder+Offers.swift).
    static let offersMessages: [(type: String, json: String)] = [
        ("event", #"{"type":"OFFERS","offers":{"offers":[{"id":{"value":"o-1"},"framework_id":{"value":"f-1"},"agent_id":{"value":"a-S1"},"hostname":"host-1","url":{"scheme":"http","address":{"hostname":"host-1","ip":"10.0.0.1","port":5051},"path":"/slave(1)","query":[{"key":"k","value":"v"}],"fragment":"f"},"domain":{"fault_domain":{"region":{"name":"eu"},"zone":{"name":"eu-1"}}},"resources":[{"provider_id":{"value":"p-1"},"name":"disk","type":"SCALAR","scalar":{"value":1024.5},"allocation_info":{"role":"web"},"reservations":[{"type":"DYNAMIC","role":"web","principal":"ops","labels":{"labels":[{"key":"a","value":"b"}]}}],"disk":{"persistence":{"id":"vol-1","principal":"ops"},"volume":{"mode":"RW","container_path":"data"},"source":{"type":"MOUNT","mount":{"root":"/mnt/1"}}},"shared":{}},{"name":"cpus","type":"SCALAR","scalar":{"value":0.5},"role":"web","reservation":{"principal":"ops"},"revocable":{}},{"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31005},{"begin":0,"end":18446744073709551615}]}},{"name":"zones","type":"SET","set":{"item":["a","é✓"]}}],"attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}},{"name":"level","type":"SCALAR","scalar":{"value":3}}],"executor_ids":[{"value":"e-1"},{"value":"e-2"}],"unavailability":{"start":{"nanoseconds":1764700000000000000},"duration":{"nanoseconds":3600000000000}},"allocation_info":{"role":"web"}},{"id":{"value":"o-2"},"framework_id":{"value":"f-1"},"agent_id":{"value":"a-S2"},"hostname":"host-\"2\""}]}}"#),
        ("event", #"{"type":"OFFERS","offers":{"offers":[{"hostname":"h","agent_id":{"value":"a"},"id":{"value":"o"},"framework_id":{"value":"f"},"resources":null,"executor_ids":null,"attributes":null,"allocation_info":null,"url":null,"domain":null,"unavailability":null,"future_field":{"x":[1,2]}},{"id":{"value":"o2","extra":1},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","allocation_info":{"role":null},"resources":[{"type":"RANGES","name":"ports","ranges":{"range":null},"role":null,"allocation_info":null,"reservations":null,"reservation":null,"disk":null,"provider_id":null,"revocable":null,"shared":null,"scalar":null,"set":null},{"name":"s","type":"SET","set":{"item":null}},{"name":"s","type":"SET","set":{}},{"name":"r","type":"RANGES","ranges":{}}]}]}}"#),
        ("event", #"{"type":"OFFERS","offers":{"offers":null}}"#),
        ("event", #"{"type":"OFFERS","offers":{}}"#),
    ]

    /// Decodes `data` with the tape decoder, Foundation's decoder and `MesosJSON.decode`, and checks
    /// that they agree. Returns whether the tape decoder returned a value.
    @discardableResult
    static func agree<T: Decodable & Equatable>(
        _ type: T.Type, _ data: Data, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let foundation = Result { try MesosJSON.makeDecoder().decode(T.self, from: data) }
        let tape = Result { try TapeJSONDecoder.decode(T.self, from: data) }
        let mesos = Result { try MesosJSON.decode(T.self, from: data) }
        let text = String(decoding: data, as: UTF8.self)
        if case .success(let value) = tape {
            guard case .success(let expected) = foundation else {
                Issue.record("the tape decoder accepted what Foundation refuses: \(text)", sourceLocation: sourceLocation)
                return true
            }
            #expect(value == expected, "\(text)", sourceLocation: sourceLocation)
        }
        switch (foundation, mesos) {
        case (.success(let expected), .success(let value)):
            #expect(value == expected, "\(text)", sourceLocation: sourceLocation)
        case (.failure(let expected), .failure(let error)):
            #expect("\(error)" == "\(expected)", "\(text)", sourceLocation: sourceLocation)
        default:
            Issue.record("MesosJSON.decode and Foundation disagree on \(text)", sourceLocation: sourceLocation)
        }
        return (try? tape.get()) != nil
    }

    @discardableResult
    static func agree(kind: String, _ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        switch kind {
        case "event": agree(Scheduler.Event.self, data, sourceLocation: sourceLocation)
        case "call": agree(Scheduler.Call.self, data, sourceLocation: sourceLocation)
        case "agentEvent": agree(AgentProtocol.Event.self, data, sourceLocation: sourceLocation)
        default: agree(AgentProtocol.Call.self, data, sourceLocation: sourceLocation)
        }
    }

    @Test("Mesos messages decode with the tape decoder to Foundation's value", arguments: messages.indices)
    func messagesMatchFoundation(index: Int) throws {
        let (kind, json) = Self.messages[index]
        #expect(Self.agree(kind: kind, Data(json.utf8)), "the tape decoder declined \(json)")
    }

    @Test("members in any order, with whitespace, unknown members and nulls", arguments: messages.indices)
    func orderAndWhitespace(index: Int) throws {
        let (kind, json) = Self.messages[index]
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        // JSONSerialization writes members in hash order, not in declaration order.
        for options: JSONSerialization.WritingOptions in [[], [.prettyPrinted]] {
            let data = try JSONSerialization.data(withJSONObject: object, options: options)
            #expect(Self.agree(kind: kind, data), "declined: \(String(decoding: data, as: UTF8.self))")
        }
        var withExtras = try #require(object as? [String: Any])
        withExtras["unknown_field"] = ["nested": [1, "two", NSNull(), ["deep": true]]]
        withExtras["framework_id"] = NSNull()
        let data = try JSONSerialization.data(withJSONObject: withExtras)
        Self.agree(kind: kind, data)
    }

    /// What a mutation inserts: JSON's punctuation, literals, escapes and bytes that are not UTF-8.
    static let fragments: [[UInt8]] = [
        "\"", "\\", ",", ":", "{", "}", "[", "]", "null", "true", "0", "-", "01", ".5", "e9", "1e400", " ", "\"x\"",
        "\\u00e9", "\\ud83d\\ude80", "\\ud800", "\\q", "18446744073709551616", "-9223372036854775809", "1.0",
        "\"SOURCE_MAGIC\"", "[]", "{}",
    ].map { Array($0.utf8) } + [[0x00], [0x1F], [0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

    @Test("mutated messages: the tape decoder is never wrong, and MesosJSON.decode answers as Foundation does")
    func mutations() async throws {
        let counts = Counts()
        await propertyCheck(count: 1500, input: Gen<UInt64>.value()) { seed in
            var random = Xoshiro(seed: (seed, ~seed, 0x9E37_79B9_7F4A_7C15, 1))  // a failing seed reproduces
            let (kind, json) = Self.messages[Int(random.next() % UInt64(Self.messages.count))]
            var bytes = Array(json.utf8)
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let at = Int(random.next() % UInt64(bytes.count + 1))
                let fragment = Self.fragments[Int(random.next() % UInt64(Self.fragments.count))]
                switch random.next() % 3 {
                case 0: bytes.insert(contentsOf: fragment, at: at)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(random.next() % 4)))
                default: bytes.replaceSubrange(at..<min(bytes.count, at + fragment.count), with: fragment)
                }
            }
            counts.add(accepted: Self.agree(kind: kind, Data(bytes)))
        }
        // Both outcomes must occur, or the check above proved nothing. A few percent of the
        // mutated messages stay valid (50 of 1,500 in a run that failed a bound of 50): the bound
        // is below that spread, and still far from none.
        #expect(counts.accepted > 15)
        #expect(counts.declined > 50)
    }

    @Test("malformed JSON is refused by the tape (and by Foundation)")
    func malformed() {
        let documents: [[UInt8]] = [
            "", " ", "{", "}", #"{"a" 1}"#, #"{"a":}"#, #"{a:1}"#, "01", "1.", "-", "1e", ".5", "+1",
            #""\x""#, #""\u12""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, "nul", "tru", "[1 2]", "{} x", "[]]",
            "\"abc", "[\"a\",", "NaN", "Infinity",
        ].map { Array($0.utf8) } + [
            [0x22, 0x01, 0x22],  // a raw control character in a string
            [0x22, 0xC3, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22],  // not UTF-8
            Array(repeating: UInt8(ascii: "["), count: 600) + Array(repeating: UInt8(ascii: "]"), count: 600),
        ]
        for bytes in documents {
            let data = Data(bytes)
            let text = String(decoding: bytes.prefix(40), as: UTF8.self)
            #expect(throws: JSONTape.Refused.self, "\(text)") { try TapeJSONDecoder.decode(JSONValue.self, from: data) }
            #expect(throws: (any Error).self, "\(text)") { try JSONDecoder().decode(JSONValue.self, from: data) }
        }
        // Foundation accepts trailing commas; the tape does not, so MesosJSON.decode gives Foundation's value.
        for text in ["[1,]", #"{"a":1,}"#] {
            #expect(throws: JSONTape.Refused.self) { try TapeJSONDecoder.decode(JSONValue.self, from: Data(text.utf8)) }
            Self.agree(JSONValue.self, Data(text.utf8))
        }
    }

    @Test("well-formed JSON of every kind is read as Foundation reads it")
    func wellFormed() {
        let documents = [
            "null", "true", " false ", "0", "-0", "-12.5e-3", "1E2", "\"\"", #""é\u00e9\ud83d\ude80\n\t\"\\\/\b\f\r""#,
            "[]", "{}", "[[],[[]],{}]", #"{"":1,"a\u0062":[null,1.5,"x"]}"#, "\t\r\n[1 , 2 ]\n",
            String(repeating: "[", count: 500) + String(repeating: "]", count: 500),
        ]
        for text in documents {
            #expect(Self.agree(JSONValue.self, Data(text.utf8)), "declined \(text)")
        }
        #expect(Self.agree([String: Int].self, Data(#"{"b":2,"a":1,"c":3}"#.utf8)))
        #expect(Self.agree([String].self, Data(#"["é✓🚀","\u2028"]"#.utf8)))
    }

    @Test("numbers: integers of every width, doubles to the last bit, and Foundation's answer beyond")
    func numbers() async throws {
        #expect(Self.agree([Int64].self, Data("[-9223372036854775808,9223372036854775807,0,-1]".utf8)))
        #expect(Self.agree([UInt64].self, Data("[18446744073709551615,0]".utf8)))
        #expect(Self.agree([Int8].self, Data("[-128,127]".utf8)))
        #expect(Self.agree([Double].self, Data("[-0,0.1,1e21,5e-324,1.7976931348623157e308,1764700000.123456,12345678901234567890]".utf8)))
        #expect(Self.agree([Float].self, Data("[0.1,3,3.4028235e38]".utf8)))
        // Declined by the tape decoder; Foundation's value or error stands.
        for (type, text) in [("Int8", "[128]"), ("UInt64", "[-1]"), ("Int64", "[9223372036854775808]"), ("Int", "[1.0]"),
            ("Int", "[1e2]"), ("Double", "[1e400]"), ("Float", "[1e39]"), ("Int32", "[\"5\"]")]
        {
            let data = Data(text.utf8)
            let accepted: Bool
            switch type {
            case "Int8": accepted = Self.agree([Int8].self, data)
            case "UInt64": accepted = Self.agree([UInt64].self, data)
            case "Int64": accepted = Self.agree([Int64].self, data)
            case "Double": accepted = Self.agree([Double].self, data)
            case "Float": accepted = Self.agree([Float].self, data)
            case "Int32": accepted = Self.agree([Int32].self, data)
            default: accepted = Self.agree([Int].self, data)
            }
            #expect(!accepted, "\(type) \(text)")
        }
        await propertyCheck(count: 300, input: Gen<UInt64>.value()) { bits in
            let value = Double(bitPattern: bits)
            guard value.isFinite else { return }
            let data = try MesosJSON.makeEncoder().encode([value])
            let decoded = try TapeJSONDecoder.decode([Double].self, from: data)
            #expect(decoded.map(\.bitPattern) == [value.bitPattern], "\(String(decoding: data, as: UTF8.self))")
        }
        await propertyCheck(count: 200, input: Gen.int64()) { value in
            let decoded = try TapeJSONDecoder.decode([Int64].self, from: MesosJSON.makeEncoder().encode([value]))
            #expect(decoded == [value])
        }
    }

    @Test("strings: every escape and any Unicode text round-trip through Foundation's encoder")
    func strings() async throws {
        // Any scalar, astral planes included (surrogate code points are not scalars).
        let scalar = Gen<UInt32>.value(in: 0...0x10FFFF).map { Unicode.Scalar($0) ?? "\u{FFFD}" }
        await propertyCheck(count: 300, input: scalar.array(of: 0...24)) { scalars in
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            for encoder in [JSONEncoder(), MesosJSON.makeEncoder()] {
                let data = try encoder.encode([text: text])
                #expect(try TapeJSONDecoder.decode([String: String].self, from: data) == [text: text])
            }
        }
    }

    @Test("bytes fields: base64 with or without padding; not base64 is Foundation's error")
    func bytes() {
        #expect(Self.agree(TaskStatus.self, Data(#"{"task_id":{"value":"t"},"state":"TASK_RUNNING","uuid":"AAECAw=="}"#.utf8)))
        #expect(Self.agree(TaskStatus.self, Data(#"{"task_id":{"value":"t"},"state":"TASK_RUNNING","uuid":"AAECAw"}"#.utf8)))
        #expect(!Self.agree(TaskStatus.self, Data(#"{"task_id":{"value":"t"},"state":"TASK_RUNNING","uuid":"*"}"#.utf8)))
    }

    @Test("a missing required field is declined, and MesosJSON.decode throws Foundation's error with its coding path")
    func missingField() throws {
        let data = Data(#"{"type":"ACKNOWLEDGE","framework_id":{"value":"f"},"acknowledge":{"agent_id":{"value":"a"},"uuid":"AA=="}}"#.utf8)
        #expect(!Self.agree(Scheduler.Call.self, data))
        do {
            _ = try MesosJSON.decode(Scheduler.Call.self, from: data)
            Issue.record("decoded a call without its task_id")
        } catch DecodingError.keyNotFound(let key, let context) {
            #expect(key.stringValue == "task_id")
            #expect(context.codingPath.map(\.stringValue) == ["acknowledge"])
        }
    }

    @Test("offers: what the hand-written reader declines, Foundation answers", arguments: [
        // A repeated member: declined by the offers' reader (the `Codable` path would use one).
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","hostname":"i"}]}"#,
        #"{"offers":[],"offers":[]}"#,
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","resources":[{"name":"c","type":"SCALAR","scalar":{"value":1,"value":2}}]}]}"#,
        // An escaped key that spells a field's name (an optional one: it must not be skipped).
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","allocation\u005finfo":{"role":"r"}}]}"#,
    ])
    func offersDeclined(json: String) throws {
        let data = Data(json.utf8)
        #expect(throws: TapeJSONDecoder.Declined.self) { try TapeJSONDecoder.decode(Scheduler.Event.Offers.self, from: data) }
        Self.agree(Scheduler.Event.Offers.self, data)
    }

    @Test("offers: missing, null and mistyped required fields are Foundation's errors", arguments: [
        #"{"offers":[{"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h"}]}"#,
        #"{"offers":[{"id":null,"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h"}]}"#,
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":7}]}"#,
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","resources":[{"name":"c","type":"BOGUS"}]}]}"#,
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","resources":[{"name":"c","type":"SCALAR","scalar":{}}]}]}"#,
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","resources":[{"name":"p","type":"RANGES","ranges":{"range":[{"begin":-1,"end":2}]}}]}]}"#,
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","resources":{}}]}"#,
        #"{"offers":[{"id":{"value":"o"},"framework_id":{"value":"f"},"agent_id":{"value":"a"},"hostname":"h","executor_ids":[null]}]}"#,
        #"{"offers":[null]}"#,
        #"{"offers":"none"}"#,
    ])
    func offersErrors(json: String) throws {
        let data = Data(json.utf8)
        #expect(!Self.agree(Scheduler.Event.Offers.self, data), "the tape decoder accepted \(json)")
        #expect(throws: DecodingError.self) { try MesosJSON.decode(Scheduler.Event.Offers.self, from: data) }
    }

    @Test("a repeated key: one of the occurrences is used")
    func repeatedKey() throws {
        let id = try TapeJSONDecoder.decode(TaskID.self, from: Data(#"{"value":"a","value":"b"}"#.utf8))
        #expect(["a", "b"].contains(id.value))
    }
}

/// Counts of a property check's outcomes.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var acceptedCount = 0
    private var declinedCount = 0
    var accepted: Int { lock.withLock { acceptedCount } }
    var declined: Int { lock.withLock { declinedCount } }

    func add(accepted: Bool) {
        lock.withLock {
            if accepted { acceptedCount += 1 } else { declinedCount += 1 }
        }
    }
}
