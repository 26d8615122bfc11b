import Foundation
import Testing

@testable import MesosMaster

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
