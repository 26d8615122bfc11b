import Foundation
import Testing

@testable import MesosMaster
import MesosModel

/// The operator endpoints' JSON writer gives what `JSONSerialization` gives, faster.
@Suite("Operator JSON")
struct OperatorJSONTests {
    @Test func swiftAndFoundationValuesKeepTheirJSONTypes() throws {
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(#"{"t":true,"f":false,"one":1,"half":0.5,"s":"x","n":null}"#.utf8)) as? [String: Any])
        #expect(OperatorJSON(parsed["t"] as Any) == .bool(true))
        #expect(OperatorJSON(parsed["f"] as Any) == .bool(false))
        #expect(OperatorJSON(parsed["one"] as Any) == .int(1))
        #expect(OperatorJSON(parsed["half"] as Any) == .double(0.5))
        #expect(OperatorJSON(parsed["s"] as Any) == .string("x"))
        #expect(OperatorJSON(parsed["n"] as Any) == .null)
        #expect(OperatorJSON(1) == .int(1))
        #expect(OperatorJSON(true) == .bool(true))
        #expect(OperatorJSON(2.5) == .double(2.5))
        #expect(OperatorJSON(["a": [1, "b"]] as [String: Any]) == .object(["a": .array([.int(1), .string("b")])]))
    }

    @Test func writesTheSameDocumentAsJSONSerialization() throws {
        let tree: [String: Any] = [
            "hostname": "m", "port": 5050, "active": true, "ratio": 0.25, "path": "/a/b",
            "slaves": [["id": "S1", "resources": ["cpus": 4.0, "mem": 1024.0, "ports": "[31000-32000]"], "TASK_RUNNING": 3]],
            "empty": [String: Any](), "none": [Any](), "text": "quote \" and \\ and é",
        ]
        let ours = try #require(OperatorJSON.data(tree))
        let reference = try JSONSerialization.data(withJSONObject: tree, options: [.withoutEscapingSlashes])
        let a = try #require(try JSONSerialization.jsonObject(with: ours) as? NSDictionary)
        let b = try #require(try JSONSerialization.jsonObject(with: reference) as? NSDictionary)
        #expect(a == b)
        #expect(String(decoding: ours, as: UTF8.self).contains(#""path":"/a/b""#))
    }
}

/// The byte writer and the typed trees.
@Suite("Operator JSON writer")
struct OperatorJSONWriterTests {
    func text(_ json: OperatorJSON) -> String { String(decoding: json.bytes, as: UTF8.self) }

    @Test func escapesWhatJSONRequiresAndNothingElse() throws {
        let samples = ["plain", "quote \" here", "back\\slash", "line\nfeed\r\t", "bell\u{07}\u{1F}", "/a/b", "é ✓ 🚀", ""]
        for sample in samples {
            let written = text(.array([.string(sample)]))
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String])
            #expect(parsed == [sample], "\(written)")
        }
        #expect(text("a\"b") == #""a\"b""#)
        #expect(text("\u{01}") == #""\u0001""#)
        #expect(text("/a") == #""/a""#)
    }

    @Test func numbersAreWrittenInTheirShortestForm() throws {
        #expect(text(.double(4)) == "4")
        #expect(text(.double(-3)) == "-3")
        #expect(text(.double(0.25)) == "0.25")
        #expect(text(.double(.nan)) == "0")
        #expect(text(.double(.infinity)) == "0")
        #expect(text(.int(-12)) == "-12")
        #expect(text(.int(7)) == "7")
        for value in [1e20, 123456.789, 1e-7, -0.1, 1.5e15] {
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text(.array([.double(value)])).utf8)) as? [Double])
            #expect(parsed == [value])
        }
    }

    @Test func nestedTreesParseBackToTheSameValues() throws {
        let tree: OperatorJSON = [
            "a": [1, 2.5, true, false, .null, "x"], "b": ["c": [:], "d": []], "e": "f",
        ]
        let parsed = try JSONDecoder().decode(OperatorJSON.self, from: Data(tree.bytes))
        #expect(parsed == tree)
    }

    @Test func encodingAModelValueGivesItsMesosJSON() throws {
        let status = TaskStatus(taskID: TaskID("t1"), state: .running, message: "ok")
        let tree = OperatorJSON.encoding(status)
        #expect(tree["task_id"]?["value"] == .string("t1"))
        #expect(tree["state"] == .string("TASK_RUNNING"))
        let reference = try #require(try JSONSerialization.jsonObject(with: try MesosJSON.encode(status)) as? NSDictionary)
        let ours = try #require(try JSONSerialization.jsonObject(with: Data(tree.bytes)) as? NSDictionary)
        #expect(ours == reference)
    }
}
