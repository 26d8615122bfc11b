import Foundation
import MesosAgent
import MesosAgentCore
import MesosModel
import Synchronization
import Testing

/// Log followers (`docker logs --follow`) start after a burst of runs, or late after a restart,
/// and lose no output.
@Suite("Docker log followers (real Docker engine)", .serialized, .timeLimit(.minutes(3)))
struct DockerLogFollowerTests {
    @Test func everyTaskOfABurstGetsItsOutputEvenWhenRemovedBeforeItsFollowerStarted() async throws {
        try await withAgent { agent in
            let ids = (0..<6).map { "burst-\($0)" }
            for id in ids {
                await agent.run(try agent.task(id, command: .shell("echo out-$MESOS_TASK_ID; echo err-$MESOS_TASK_ID >&2"),
                                               container: .docker(AgentHarness.image)))
            }
            for id in ids {
                #expect(await agent.recorder.waitForTerminal(id, timeout: 60)?.state == .finished, "\(id)")
            }
            for id in ids {
                let sandbox = try #require(await agent.sandbox(of: id))
                try await waitUntil(timeout: 30) {
                    readFile(sandbox + "/stdout") == "out-\(id)\n" && readFile(sandbox + "/stderr") == "err-\(id)\n"
                }
                #expect(readFile(sandbox + "/stdout") == "out-\(id)\n")
                #expect(readFile(sandbox + "/stderr") == "err-\(id)\n")
            }
        }
    }

    /// A framework reads a finished task's output from the sandbox (as the Throttler does): it must
    /// be complete when the terminal update is sent, even for a task whose follower was still
    /// waiting for a burst of runs to end.
    @Test func theOutputIsInTheSandboxWhenTheTerminalUpdateIsSent() async throws {
        try await withAgent { agent in
            let seen = Mutex<[String: String]>([:])
            agent.recorder.onUpdate { [agent] update in
                guard update.state.isTerminal, let sandbox = await agent.sandbox(of: update.taskID.value) else { return }
                let output = readFile(sandbox + "/stdout")
                seen.withLock { $0[update.taskID.value] = output }
            }
            let ids = (0..<6).map { "told-\($0)" }
            for id in ids {
                await agent.run(try agent.task(id, command: .shell("echo out-$MESOS_TASK_ID"), container: .docker(AgentHarness.image)))
            }
            for id in ids {
                #expect(await agent.recorder.waitForTerminal(id)?.state == .finished, "\(id)")
            }
            for id in ids {
                #expect(seen.withLock { $0[id] } == "out-\(id)\n", "\(id)")
            }
        }
    }

    @Test func adoptingAContainerWithoutAFollowerStartsOne() async throws {
        let first = try await AgentHarness.start()
        var second: AgentHarness?
        do {
            await first.run(try first.task("quiet", command: .shell("echo early-output; sleep 600"),
                                           container: .docker(AgentHarness.image)))
            #expect(await first.recorder.wait(for: "quiet", state: .running) != nil)
            let sandbox = try #require(await first.sandbox(of: "quiet"))
            let name = try #require(await first.containerName(of: "quiet"))
            try await waitUntil(timeout: 30) { readFile(sandbox + "/stdout").contains("early-output") }
            // The agent "crashes" before this container's follower started: no follower, no files.
            first.timer.cancel()
            await first.runtime.handle(.masterDisconnected)
            await first.containerizer.shutdown()
            for pid in Self.processes(withArguments: ["logs", "--follow", name]) { kill(pid, SIGKILL) }
            try await waitUntil(timeout: 30) { Self.processes(withArguments: ["logs", "--follow", name]).isEmpty }
            for file in ["stdout", "stderr"] { try FileManager.default.removeItem(atPath: sandbox + "/" + file) }

            let restarted = try await AgentHarness.start(workDirectory: first.workDirectory, agentID: first.agentID,
                                                         recover: .reconnect)
            second = restarted
            try await waitUntil(timeout: 30) { readFile(sandbox + "/stdout").contains("early-output") }
            #expect(readFile(sandbox + "/stdout") == "early-output\n")
            #expect(Self.processes(withArguments: ["logs", "--follow", name]).count == 1)
        } catch {
            Issue.record(error)
        }
        await second?.cleanUp(keepWorkDirectory: true)
        await first.cleanUp()
    }

    /// The pids whose command line contains `arguments` in a row (read from `/proc`).
    static func processes(withArguments arguments: [String]) -> [pid_t] {
        let needle = arguments.joined(separator: "\0")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = pid_t(entry),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                  String(decoding: data, as: UTF8.self).contains(needle) else { return nil }
            return pid
        }
    }
}
