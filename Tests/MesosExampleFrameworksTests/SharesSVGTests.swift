import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MesosExampleFrameworks
import Testing

@Suite("The shares plot and table")
struct SharesSVGTests {
    func history() -> ShareHistory {
        var history = ShareHistory()
        for second in 0...60 {
            history.record("A", seconds: Double(second), share: min(0.5, Double(second) / 60))
            history.record("B", seconds: Double(second), share: 0.3)
            history.record("C&D", seconds: Double(second), share: 0.1)
        }
        return history
    }

    @Test func oneLinePerFrameworkWithALegendAndAxes() throws {
        let svg = SharesSVG().render(history())
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.components(separatedBy: "<polyline class=\"series\"").count - 1 == 3)
        #expect(svg.contains("data-framework=\"A\""))
        #expect(svg.contains("data-framework=\"C&amp;D\""))
        #expect(svg.contains(">C&amp;D</text>"))  // the legend entry
        let labelled = SharesSVG().render(history(), legend: ["A": "A: 2 cpus, 1000 MB"])
        #expect(labelled.contains(">A: 2 cpus, 1000 MB</text>") && labelled.contains(">B</text>"))
        #expect(svg.contains("time (s)") && svg.contains("dominant share"))
        #expect(svg.contains(">100 %</text>") && svg.contains(">60</text>"))
        // Well-formed XML.
        _ = try XMLDocument(xmlString: svg)
    }

    @Test func theLineFollowsTheShares() throws {
        let svg = SharesSVG().render(history())
        let line = try #require(svg.split(separator: "\n").first { $0.contains("data-framework=\"B\"") })
        // 30 % on a plot from y=50 (100 %) to y=390 (0 %): y = 50 + 0.7 * 340 = 288.
        #expect(line.contains(",288 "))
    }

    @Test func aTableRowPerFramework() {
        let snapshot = ClusterSnapshot(
            totals: ClusterTotals(cpus: 6, memoryMB: 8000),
            frameworks: [
                .init(id: "1", name: "A", runningTasks: 2, cpus: 4, memoryMB: 2000, dominantShare: 4.0 / 6),
                .init(id: "2", name: "B", runningTasks: 1, cpus: 1, memoryMB: 2500, dominantShare: 2500.0 / 8000),
            ])
        let table = ShareTable.render(snapshot)
        let rows = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.contains(["A", "2", "4", "2000", "66.7", "%"]))
        #expect(rows.contains(["B", "1", "1", "2500", "31.3", "%"]))
        #expect(rows.contains(["cluster", "3", "5/6", "4500/8000"]))
    }

    @Test func readsTheMastersState() throws {
        let json = """
            {"slaves": [{"active": true, "resources": {"cpus": 9.0, "mem": 18432.0}}],
             "frameworks": [
               {"id": "f2", "name": "B", "used_resources": {"cpus": 6.0, "mem": 2048.0},
                "tasks": [{"state": "TASK_RUNNING"}, {"state": "TASK_STAGING"}]},
               {"id": "f1", "name": "A", "used_resources": {"cpus": 3.0, "mem": 12288.0},
                "tasks": [{"state": "TASK_RUNNING"}, {"state": "TASK_RUNNING"}, {"state": "TASK_RUNNING"}]}]}
            """
        let snapshot = try ClusterSnapshot(stateJSON: Data(json.utf8))
        #expect(snapshot.totals == ClusterTotals(cpus: 9, memoryMB: 18432))
        #expect(snapshot.frameworks.map(\.name) == ["A", "B"])
        #expect(snapshot.framework(named: "A")?.runningTasks == 3)
        #expect(snapshot.framework(named: "B")?.runningTasks == 1)
        #expect(abs((snapshot.framework(named: "A")?.dominantShare ?? 0) - 2.0 / 3) < 1e-9)
        #expect(throws: ClusterSnapshotError.self) { try ClusterSnapshot(stateJSON: Data("[1]".utf8)) }
    }
}
