import Foundation
import MesosTestKit
import Testing

struct ChildProcessTests {
    func logURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("testkit-\(UUID().uuidString).log")
    }

    @Test func capturesOutputAndExitStatus() async throws {
        let process = try await ChildProcess.launch(
            name: "echo", executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"],
            environment: ["X": "1"], logFile: logURL())
        let status = try await process.waitForExit()
        #expect(status == .exited(3))
        #expect(process.logTail().contains("out"))
        #expect(process.logTail().contains("err"))
        #expect(!process.isRunning)
    }

    @Test func stopTerminatesTheWholeProcessGroup() async throws {
        let marker = logURL()
        // The shell starts a child that would outlive a plain kill of the shell.
        let process = try await ChildProcess.launch(
            name: "tree", executable: "/bin/sh", arguments: ["-c", "sleep 300 & echo started; wait"],
            logFile: marker)
        while !process.logTail().contains("started") { try await Task.sleep(for: .milliseconds(20)) }
        let status = await process.stop(grace: .seconds(2))
        #expect(status != nil)
        #expect(!process.isRunning)
        // No live `sleep 300` of that group is left (an unreaped zombie may linger in containers):
        // `stop` waits for the whole group, not only for the shell.
        #expect(ChildProcess.livingMembers(ofGroup: process.pid).isEmpty)
    }

    @Test func freezeAndResume() async throws {
        let process = try await ChildProcess.launch(
            name: "sleeper", executable: "/bin/sleep", arguments: ["30"], logFile: logURL())
        process.freeze()
        var state = ""
        for _ in 0..<100 where state != "T" {
            let stat = try String(contentsOfFile: "/proc/\(process.pid)/stat", encoding: .utf8)
            state = String(stat.split(separator: " ")[2])
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(state == "T")
        process.resume()
        await process.kill9()
        #expect(process.terminationStatus == .signaled(SIGKILL))
    }

    @Test func freePortsAreDistinctAndBindable() throws {
        let ports = try (0..<200).map { _ in try FreePort.next() }
        #expect(ports.allSatisfy { (20000..<32768).contains($0) }, "below the ephemeral port range")
        #expect(Set(ports).count == ports.count, "never the same port twice")
        #expect(ports.allSatisfy { FreePort.isFree($0) })
    }
}

@Suite(.serialized)
struct ZooKeeperEnsembleTests {
    @Test func standaloneServerAnswersRuok() async throws {
        let zk = try await ZooKeeperEnsemble.start()
        #expect(await FourLetterWord.send("ruok", port: zk.nodes[0].clientPort) == "imok")
        #expect(await zk.nodes[0].mode() == "standalone")
        let port = zk.nodes[0].clientPort
        await zk.shutdown()
        #expect(await FourLetterWord.send("ruok", port: port) == nil)
    }

    @Test func threeNodeEnsembleKeepsQuorumWithOneDown() async throws {
        let zk = try await ZooKeeperEnsemble.start(size: 3)
        defer { Task { await zk.shutdown() } }
        var modes: [String] = []
        for node in zk.nodes { if let mode = await node.mode() { modes.append(mode) } }
        #expect(modes.filter { $0 == "leader" }.count == 1)
        #expect(modes.filter { $0 == "follower" }.count == 2)
        var leaderNode: ZooKeeperEnsemble.Node?
        for node in zk.nodes where await node.mode() == "leader" { leaderNode = node }
        let leader = try #require(leaderNode)
        await zk.stop(leader)
        // The two remaining servers elect a new leader.
        let deadline = ContinuousClock.now + .seconds(30)
        var remaining: [String] = []
        while ContinuousClock.now < deadline {
            remaining = []
            for node in zk.nodes where node.id != leader.id { if let mode = await node.mode() { remaining.append(mode) } }
            if remaining.contains("leader") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(remaining.contains("leader"))
        await zk.shutdown()
    }
}
