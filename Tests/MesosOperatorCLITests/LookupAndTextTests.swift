import Foundation
@testable import MesosOperatorCLI
import Testing

@Suite struct IdentifierLookupTests {
    let lookup = IdentifierLookup<String>(noun: "task", hint: "swift-mesos ps --all lists the tasks") { $0 }
    let ids = ["web-1", "web-2", "worker-1", "db"]

    @Test func findsByExactIdOrUniquePrefix() throws {
        #expect(try lookup.find("db", in: ids) == "db")
        #expect(try lookup.find("web-2", in: ids) == "web-2")
        #expect(try lookup.find("wo", in: ids) == "worker-1")
        #expect(try lookup.find("web", in: ["web", "web-1"]) == "web")  // an exact id beats longer ones
    }

    @Test func unknownIdsAndAmbiguousPrefixesAreExplained() {
        #expect(throws: OperatorCLIError("no task 'x' (swift-mesos ps --all lists the tasks)")) { try lookup.find("x", in: ids) }
        #expect(throws: OperatorCLIError("task prefix 'w' is ambiguous: it matches 3 tasks: web-1, web-2, worker-1")) {
            try lookup.find("w", in: ids)
        }
        #expect(throws: OperatorCLIError("task id 'a' is ambiguous: it matches 2 tasks: a, a")) { try lookup.find("a", in: ["a", "a"]) }
        #expect(throws: OperatorCLIError("no task id given")) { try lookup.find("", in: ids) }
    }

    @Test func longCandidateListsAreCut() {
        let many = (10..<40).map { "t\($0)" }
        #expect(throws: OperatorCLIError("task prefix 't' is ambiguous: it matches 30 tasks: t10, t11, t12, t13, t14, t15, t16, t17, t18, t19, and 20 more")) {
            try lookup.find("t", in: many)
        }
    }
}

@Suite struct TextTests {
    @Test func tablesAlignColumnsAndTrimTrailingSpaces() {
        let table = TextTable(
            columns: [.init("ID"), .init("NAME"), .init("CPUS", .right)],
            rows: [["a", "long-name", "0.5"], ["bbbb", "x", "12"]])
        #expect(table.render() == """
            ID    NAME       CPUS
            a     long-name   0.5
            bbbb  x            12

            """)
        #expect(TextTable(columns: [.init("ID"), .init("NAME")]).render() == "ID  NAME\n")
    }

    @Test func elapsedTimesAreShort() {
        #expect(CellText.elapsed(0) == "0s")
        #expect(CellText.elapsed(42.9) == "42s")
        #expect(CellText.elapsed(192) == "3m12s")
        #expect(CellText.elapsed(2 * 3600 + 5 * 60 + 9) == "2h05m")
        #expect(CellText.elapsed(3 * 86_400 + 4 * 3600) == "3d04h")
        #expect(CellText.elapsed(nil) == "-")
        #expect(CellText.elapsed(-5) == "-")
    }

    @Test func quantitiesHaveNoTrailingZeros() {
        #expect(CellText.quantity(2) == "2")
        #expect(CellText.quantity(0.5) == "0.5")
        #expect(CellText.quantity(0.1 + 0.2) == "0.3")
        #expect(CellText.quantity(1.125) == "1.125")
        #expect(CellText.quantity(0.05) == "0.05")
        #expect(CellText.quantity(1024) == "1024")
        #expect(CellText.quantity(-0.5) == "-0.5")
    }

    @Test func tailKeepsTheLastLines() {
        #expect(TailText.lastLines("a\nb\nc\n", count: 2) == "b\nc\n")
        #expect(TailText.lastLines("a\nb\nc", count: 2) == "b\nc")
        #expect(TailText.lastLines("a\nb\n", count: 5) == "a\nb\n")
        #expect(TailText.lastLines("a\nb\n", count: 0) == "")
        #expect(TailText.lastLines("", count: 3) == "")
        #expect(TailText.holdsLastLines("x\nb\nc\n", count: 2))
        #expect(!TailText.holdsLastLines("b\nc\n", count: 2))  // "b" may be the end of a longer line
    }
}

@Suite struct PrettyJSONTests {
    @Test func indentsWithSortedKeysAndKeepsEmptyContainersShort() throws {
        let json = #"{"b": [1, 2.5, "x/y"], "a": {}, "c": [], "d": {"z": true, "y": null, "q\"": "é"}}"#
        #expect(PrettyJSON.render(data: Data(json.utf8)) == """
            {
              "a": {},
              "b": [
                1,
                2.5,
                "x/y"
              ],
              "c": [],
              "d": {
                "q\\"": "é",
                "y": null,
                "z": true
              }
            }
            """)
        #expect(PrettyJSON.render(data: Data("not json".utf8)) == nil)
        let roundTrip = try #require(PrettyJSON.render(data: Data(stateJSON.utf8)))
        let again = try #require(try JSONSerialization.jsonObject(with: Data(roundTrip.utf8)) as? [String: Any])
        #expect((again["frameworks"] as? [Any])?.count == 2)
    }
}
