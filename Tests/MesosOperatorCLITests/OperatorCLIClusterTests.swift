import Foundation
import MesosTestKit
import Testing

/// The built `swift-mesos` against a live cluster: a real master and agent (process
/// containerizer) and a framework whose tasks write to their sandboxes.
@Suite(.serialized, .timeLimit(.minutes(5))) struct OperatorCLIClusterTests {
    static let marker = "swift-mesos-cli-marker-7f3a"

    @Test func psCatTailFrameworksAgentsStateAndTeardown() async throws {
        // The counter waits for a trigger file, so that `tail --follow` starts while it runs.
        let trigger = FileManager.default.temporaryDirectory.appendingPathComponent("cli-trigger-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: trigger) }
        let tasks = [
            try TestCluster.commandTask("cli-echoer", "echo \(Self.marker); echo 'second line'; exec sleep 120"),
            try TestCluster.commandTask(
                "cli-counter",
                "echo waiting; i=0; while [ ! -e \(trigger.path) ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; "
                    + "for i in 1 2 3; do echo line-$i; sleep 0.5; done; echo to-stderr >&2"),
        ]
        try await TestCluster.with(frameworkName: "cli-test", tasks: tasks) { cluster in
            let master = "--master=\(cluster.masterAddress)"

            // ps: the echoer runs; its row has the framework, the agent host and the resources.
            let ps = try await CLIProcess.poll(["ps", master]) { result in
                result.status == 0 && result.standardOutput.split(separator: "\n").contains { $0.hasPrefix("cli-echoer ") && $0.contains(" RUNNING ") }
            }
            let lines = ps.standardOutput.split(separator: "\n")
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["ID", "NAME", "FRAMEWORK", "STATE", "AGENT", "CPUS", "MEM", "AGE"])
            let echoer = try #require(lines.first { $0.hasPrefix("cli-echoer ") }).split(separator: " ")
            #expect(Array(echoer.prefix(7)) == ["cli-echoer", "cli-echoer", "cli-test", "RUNNING", "127.0.0.1", "0.1", "32"])
            #expect(ps.standardError.isEmpty)

            // cat: the marker from stdout (by id and by unique prefix); any sandbox file.
            let cat = try await CLIProcess.poll(["cat", "cli-echoer", "stdout", master]) { $0.standardOutput.contains("second line") }
            #expect(cat.status == 0)
            #expect(cat.standardOutput.contains(Self.marker + "\n"))
            let byPrefix = try await CLIProcess.run(["cat", master, "cli-e"])
            #expect(byPrefix.status == 0, "\(byPrefix)")
            #expect(byPrefix.standardOutput == cat.standardOutput)

            // tail -n 1: the last line only.
            let tail = try await CLIProcess.run(["tail", "cli-echoer", "-n", "1", master])
            #expect(tail.status == 0, "\(tail)")
            #expect(tail.standardOutput == "second line\n")

            // tail --follow on the counter (still waiting, so running): every line as it is appended,
            // and it ends by itself once the task finished.
            let waiting = try await CLIProcess.run(["ps", master])
            #expect(waiting.standardOutput.split(separator: "\n").contains { $0.hasPrefix("cli-counter ") && $0.contains(" RUNNING ") }, "\(waiting)")
            // --framework keeps one framework's tasks (by name or id prefix).
            let ofFramework = try await CLIProcess.run(["ps", "--framework", "cli-test", master])
            #expect(ofFramework.standardOutput.split(separator: "\n").count == 3, "\(ofFramework)")
            let ofNone = try await CLIProcess.run(["ps", "--framework", "no-such-framework", master])
            #expect(ofNone.status == 0)
            #expect(ofNone.standardOutput == "ID  NAME  FRAMEWORK  STATE  AGENT  CPUS  MEM  AGE\n")
            // Both run: a prefix of both is ambiguous, and the error lists them.
            let ambiguous = try await CLIProcess.run(["tail", "cli-", master])
            #expect(ambiguous.status == 1)
            #expect(ambiguous.standardError == "swift-mesos: task prefix 'cli-' is ambiguous: it matches 2 tasks: cli-counter, cli-echoer\n")
            let following = Task { try await CLIProcess.run(["tail", "cli-counter", "--follow", "-n", "100", "--interval", "0.3", master], timeout: .seconds(120)) }
            try await Task.sleep(for: .seconds(1))  // not a timing assertion: the output is the same if tail starts later
            #expect(FileManager.default.createFile(atPath: trigger.path, contents: nil))
            let follow = try await following.value
            #expect(follow.status == 0, "\(follow)")
            #expect(follow.standardOutput == "waiting\nline-1\nline-2\nline-3\n")
            let stderr = try await CLIProcess.run(["cat", "cli-counter", "stderr", master])
            #expect(stderr.standardOutput.hasSuffix("to-stderr\n"), "\(stderr)")
            let all = try await CLIProcess.run(["ps", "--all", master])
            #expect(all.standardOutput.split(separator: "\n").contains { $0.hasPrefix("cli-counter ") && $0.contains(" FINISHED ") }, "\(all)")
            let live = try await CLIProcess.run(["ps", master])
            #expect(!live.standardOutput.contains("cli-counter"), "\(live)")

            // Errors: an unknown task, a missing file; one line on stderr, exit 1.
            let unknown = try await CLIProcess.run(["cat", "no-such-task", master])
            #expect(unknown.status == 1)
            #expect(unknown.standardError == "swift-mesos: no task 'no-such-task' (swift-mesos ps --all lists the tasks)\n")
            let missing = try await CLIProcess.run(["cat", "cli-echoer", "nothing-here", master])
            #expect(missing.status == 1)
            #expect(missing.standardError.contains("task 'cli-echoer' has no file 'nothing-here' in its sandbox"), "\(missing)")

            // frameworks and agents.
            // Active once subscribed (polled: a framework that reconnected is inactive for a moment).
            let frameworks = try await CLIProcess.poll(["frameworks", master]) { result in
                result.status == 0 && result.standardOutput.split(separator: "\n").contains { $0.contains(" cli-test ") && $0.contains(" active ") }
            }
            let frameworkRow = try #require(frameworks.standardOutput.split(separator: "\n").first { $0.contains(" cli-test ") }).split(separator: " ")
            let frameworkID = String(frameworkRow[0])
            #expect(Array(frameworkRow[1...4]) == ["cli-test", "*", "active", "1"])
            let agents = try await CLIProcess.run(["agents", master])
            #expect(agents.status == 0)
            let agentRow = try #require(agents.standardOutput.split(separator: "\n").dropFirst().first).split(separator: " ")
            #expect(Array(agentRow[1...5]) == ["127.0.0.1:\(cluster.agent.port)", "yes", "1", "0.1/2", "32/1024"])

            // state: the master's JSON, indented.
            let state = try await CLIProcess.run(["state", master])
            #expect(state.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(state.standardOutput.utf8)) as? [String: Any])
            #expect((object["frameworks"] as? [Any])?.count == 1)
            #expect(state.standardOutput.contains("\n  \"frameworks\": [\n    {\n"))

            // The master from MESOS_MASTER, then from ~/.swift-mesos.json.
            let fromEnvironment = try await CLIProcess.run(["ps"], environment: ["MESOS_MASTER": cluster.masterAddress])
            #expect(fromEnvironment.status == 0)
            #expect(fromEnvironment.standardOutput.contains("cli-echoer"))
            let home = FileManager.default.temporaryDirectory.appendingPathComponent("cli-config-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: home) }
            try Data(#"{"master": "http://\#(cluster.masterAddress)"}"#.utf8).write(to: home.appendingPathComponent(".swift-mesos.json"))
            let fromConfig = try await CLIProcess.run(["frameworks"], environment: ["HOME": home.path])
            #expect(fromConfig.status == 0, "\(fromConfig)")
            #expect(fromConfig.standardOutput.contains(frameworkID))
            try Data("{not json".utf8).write(to: home.appendingPathComponent(".swift-mesos.json"))
            let badConfig = try await CLIProcess.run(["ps"], environment: ["HOME": home.path])
            #expect(badConfig.status == 1)
            #expect(badConfig.standardError == "swift-mesos: \(home.path)/.swift-mesos.json is not valid JSON: expected {\"master\": \"host:port\"}\n")

            // teardown by a unique prefix of the framework id: its tasks are killed.
            let teardown = try await CLIProcess.run(["teardown", String(frameworkID.prefix(frameworkID.count - 2)), master])
            #expect(teardown.status == 0, "\(teardown)")
            #expect(teardown.standardOutput == "Tore down framework \(frameworkID) (cli-test)\n")
            let killed = try await CLIProcess.poll(["ps", "--all", master]) { result in
                result.standardOutput.split(separator: "\n").contains { $0.hasPrefix("cli-echoer ") && $0.contains(" KILLED ") }
            }
            #expect(killed.status == 0)
            let afterwards = try await CLIProcess.run(["frameworks", "--all", master])
            #expect(afterwards.standardOutput.split(separator: "\n").contains { $0.hasPrefix(frameworkID) && $0.contains(" completed ") }, "\(afterwards)")
            let again = try await CLIProcess.run(["teardown", frameworkID, master])
            #expect(again.status == 1)
            #expect(again.standardError == "swift-mesos: no framework '\(frameworkID)' (swift-mesos frameworks lists them)\n")
        }
    }
}
