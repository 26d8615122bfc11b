import Foundation
import MesosResources
import MesosScheduler
import Testing

/// The framework of Docs/writing-a-framework.md runs, and the document quotes it verbatim.
@Suite(.timeLimit(.minutes(1))) struct ExampleFrameworkTests {
    static func offers(_ master: FakeMaster, count: Int) throws -> MesosModel.Scheduler.Event {
        let resources = Array(try Resources.parse("cpus:0.25;mem:100").allocated(to: "*"))  // as masters offer them
        return .offers((1...count).map {
            Offer(id: OfferID("o\($0)"), frameworkID: master.frameworkID, agentID: AgentID("agent-\($0)"),
                  hostname: "agent-\($0)", resources: resources)
        })
    }

    @Test func helloFrameworkRunsItsTasksAndStops() async throws {
        try await FakeMaster.with { master in
            master.runLaunchedTasks()
            master.script([.stream(initial: [master.subscribed(), try Self.offers(master, count: 2)], chunkSize: 64)])
            let (status, finished) = try await withTimeout(.seconds(20), "the hello framework") {
                try await runHelloFramework(master: master.address)
            }
            #expect(status == .stopped)
            #expect(finished == 3)
            // Two tasks fit on each offer: two offers are enough for three tasks.
            let launched = master.calls.compactMap { $0.call.accept }.flatMap { $0.operations.flatMap { $0.launch?.taskInfos ?? [] } }
            #expect(launched.map(\.taskID.value).sorted() == ["hello-1", "hello-2", "hello-3"])
            #expect(master.calls.contains { $0.call.type == .suppress })
            #expect(master.calls.filter { $0.call.type == .acknowledge }.count == 6)
            _ = try await master.waitForCall(.teardown)
        }
    }

    @Test func asyncHelloRunsItsTasks() async throws {
        try await FakeMaster.with { master in
            master.runLaunchedTasks()
            master.script([.stream(initial: [master.subscribed(), try Self.offers(master, count: 3)], chunkSize: 64)])
            let finished = try await withTimeout(.seconds(20), "the async hello framework") {
                try await runHello(master: master.address, taskCount: 2)
            }
            #expect(finished == 2)
            #expect(master.calls.contains { $0.call.type == .decline })
            _ = try await master.waitForCall(.teardown)
        }
    }

    @Test func theGuideQuotesTheCompiledExample() throws {
        let tests = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let example = try String(contentsOf: tests.appendingPathComponent("Example/HelloFramework.swift"), encoding: .utf8)
        let root = tests.deletingLastPathComponent().deletingLastPathComponent()
        for document in ["Docs/writing-a-framework.md", "Sources/MesosScheduler/MesosScheduler.docc/WritingAFramework.md"] {
            let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
            let blocks = Self.swiftBlocks(in: text)
            #expect(blocks.count >= 4, "\(document) has too few code blocks")
            for block in blocks {
                #expect(example.contains(block), "\(document) quotes code that is not in Example/HelloFramework.swift:\n\(block)")
            }
        }
    }

    static func swiftBlocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" {
                current = []
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append((current ?? []).joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }
}
