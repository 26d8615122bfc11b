import Foundation
import MesosHTTPClient
import MesosModel
import MesosTestKit
import Testing

/// Offers, launches, status updates and failures end to end: the real daemon, a
/// test scheduler and a ``SimulatedAgent``.
@Suite("Task lifecycle", .timeLimit(.minutes(2)))
struct LifecycleTests {
    @Test func offerLaunchRunFinishAcknowledgeComplete() async throws {
        try await withMaster { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let offer = try await scheduler.offer(on: agentID)
            #expect(offer.frameworkID == scheduler.frameworkID)
            #expect(offer.hostname == "agent.local")
            #expect(offer.id.value.contains("-O"))

            let accept = try await scheduler.call(.accept(
                frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                operations: [.launch([commandTask("web-1", on: agentID, resources: smallTask)])],
                filters: Filters(refuseSeconds: 0)))
            #expect(accept.status == 202)
            let run = try await agent.next(.runTask)
            #expect(run.runTask?.task.taskID == "web-1")
            #expect(run.runTask?.frameworkInfo.id == scheduler.frameworkID)

            let runningUUID = try await agent.update("web-1", .running)
            let running = try await scheduler.update(of: "web-1")
            #expect(running.state == .running)
            #expect(running.uuid == runningUUID)
            #expect(running.agentID == agentID)
            #expect(try await scheduler.call(.acknowledge(frameworkID: scheduler.frameworkID, agentID: agentID, taskID: "web-1", uuid: runningUUID)).status == 202)
            let ack = try await agent.next(.acknowledge)
            #expect(ack.acknowledge?.uuid == runningUUID)

            let state = try await getJSON(client, daemon, "/master/state")
            let framework = try #require((state["frameworks"] as? [[String: Any]])?.first)
            let tasks = try #require(framework["tasks"] as? [[String: Any]])
            #expect(tasks.first?["state"] as? String == "TASK_RUNNING")
            #expect(tasks.first?["slave_id"] as? String == agentID.value)

            let finishedUUID = try await agent.update("web-1", .finished)
            #expect(try await scheduler.update(of: "web-1").state == .finished)
            #expect(try await scheduler.call(.acknowledge(frameworkID: scheduler.frameworkID, agentID: agentID, taskID: "web-1", uuid: finishedUUID)).status == 202)
            #expect(try await agent.next(.acknowledge).acknowledge?.uuid == finishedUUID)
            let completed = try await eventually {
                let state = try await getJSON(client, daemon, "/master/state")
                let framework = (state["frameworks"] as? [[String: Any]])?.first
                let done = framework?["completed_tasks"] as? [[String: Any]] ?? []
                return (framework?["tasks"] as? [Any])?.isEmpty == true && done.first?["state"] as? String == "TASK_FINISHED"
            }
            #expect(completed)
            let metrics = try await getJSON(client, daemon, "/metrics/snapshot")
            #expect(metrics["master/tasks_finished"] as? Double == 1)
            #expect(metrics["master/elected"] as? Double == 1)
            let paged = try await getJSON(client, daemon, "/master/tasks?limit=1&offset=0")
            #expect((paged["tasks"] as? [Any])?.count == 1)
        }
    }

    @Test func invalidLaunchesAnswerWithTaskStates() async throws {
        try await withMaster { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let offer = try await scheduler.offer(on: agentID)
            let tooBig = commandTask("big", on: agentID, resources: [.scalar(name: "cpus", value: 64)])
            let negative = commandTask("neg", on: agentID, resources: [.scalar(name: "cpus", value: -1)])
            let first = commandTask("dup", on: agentID, resources: smallTask)
            let duplicate = commandTask("dup", on: agentID, resources: smallTask)
            #expect(try await scheduler.call(.accept(
                frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                operations: [.launch([tooBig, negative, first, duplicate])])).status == 202)
            let big = try await scheduler.update(of: "big")
            #expect(big.state == .error)
            #expect(big.source == .master)
            #expect(big.message?.hasPrefix("Task uses more resources") == true)
            let neg = try await scheduler.update(of: "neg")
            #expect(neg.state == .error)
            #expect(neg.message?.contains("invalid resources") == true)
            let dup = try await scheduler.update(of: "dup")
            #expect(dup.state == .error)
            #expect(dup.message == "Task has duplicate ID: dup")
            #expect(try await agent.next(.runTask).runTask?.task.taskID == "dup")

            // The offer is used: accepting it again drops the tasks (TASK_LOST without PARTITION_AWARE).
            #expect(try await scheduler.call(.accept(
                frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                operations: [.launch([commandTask("late", on: agentID, resources: smallTask)])])).status == 202)
            let late = try await scheduler.update(of: "late")
            #expect(late.state == .lost)
            #expect(late.reason == .invalidOffers)
        }
    }

    @Test func killDeclineAndTeardown() async throws {
        try await withMaster { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let offer = try await scheduler.offer(on: agentID)
            #expect(try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                                                      operations: [.launch([commandTask("k", on: agentID, resources: smallTask)])])).status == 202)
            _ = try await agent.next(.runTask)
            #expect(try await scheduler.call(.kill(frameworkID: scheduler.frameworkID, taskID: "k")).status == 202)
            let kill = try await agent.next(.killTask)
            #expect(kill.killTask?.taskID == "k")

            // Unused resources come back in a later offer; declining with a long filter stops them.
            let again = try await scheduler.offer(on: agentID)
            #expect(try await scheduler.call(.decline(frameworkID: scheduler.frameworkID, offerIDs: [again.id], filters: Filters(refuseSeconds: 3600))).status == 202)

            #expect(try await scheduler.call(.teardown(frameworkID: scheduler.frameworkID)).status == 202)
            #expect(try await agent.next(.shutdownFramework).shutdownFramework?.frameworkID == scheduler.frameworkID)
            #expect(await scheduler.stream.waitUntilFinished())
            let state = try await getJSON(client, daemon, "/master/state")
            let completed = try #require(state["completed_frameworks"] as? [[String: Any]])
            #expect(completed.first?["id"] as? String == scheduler.frameworkID.value)
            let tasks = completed.first?["completed_tasks"] as? [[String: Any]] ?? []
            #expect(tasks.first?["state"] as? String == "TASK_KILLED")
        }
    }

    @Test func failoverTimeoutExpiryRemovesTheFramework() async throws {
        try await withMaster { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            let info = FrameworkInfo(user: "u", name: "short", failoverTimeout: 1)
            let scheduler = try await TestScheduler.subscribe(client, daemon, info: info)
            let offer = try await scheduler.offer(on: agentID)
            #expect(try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                                                      operations: [.launch([commandTask("f", on: agentID, resources: smallTask)])])).status == 202)
            _ = try await agent.next(.runTask)
            scheduler.stream.close()
            // Heartbeats reveal the closed connection; after 1 s of failover timeout the framework is removed.
            let shutdown = try await agent.next(.shutdownFramework, timeout: .seconds(30))
            #expect(shutdown.shutdownFramework?.frameworkID == scheduler.frameworkID)
            let state = try await getJSON(client, daemon, "/master/state")
            #expect((state["frameworks"] as? [Any])?.isEmpty == true)
            #expect((state["completed_frameworks"] as? [[String: Any]])?.first?["id"] as? String == scheduler.frameworkID.value)
        }
    }

    @Test func offerTimeoutRescindsOffers() async throws {
        try await withMaster(["--offer_timeout=300ms"]) { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let offer = try await scheduler.offer(on: agentID)
            let rescind = try await scheduler.next(.rescind)
            #expect(rescind.rescind?.offerID == offer.id)
        }
    }

    @Test func agentPingTimeoutMakesTasksLostOrUnreachable() async throws {
        try await withMaster(["--agent_ping_timeout=4secs", "--max_agent_ping_timeouts=3"]) { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            _ = try await agent.next(.ping, timeout: .seconds(30))
            let aware = FrameworkInfo(user: "u", name: "aware", capabilities: [.init(type: .partitionAware)])
            let scheduler = try await TestScheduler.subscribe(client, daemon, info: aware)
            let offer = try await scheduler.offer(on: agentID, timeout: .seconds(30))
            #expect(try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                                                      operations: [.launch([commandTask("p", on: agentID, resources: smallTask)])])).status == 202)
            _ = try await agent.next(.runTask, timeout: .seconds(30))
            try await agent.update("p", .running)
            #expect(try await scheduler.update(of: "p", timeout: .seconds(30)).state == .running)

            await agent.setAnswersPings(false)
            let unreachable = try await scheduler.update(of: "p", timeout: .seconds(60))
            #expect(unreachable.state == .unreachable)
            #expect(unreachable.source == .master)
            #expect(unreachable.unreachableTime != nil)
            let state = try await getJSON(client, daemon, "/master/state")
            #expect(state["unreachable_slaves"] as? Int == 1)

            // The agent comes back: re-admitted with its task.
            await agent.setAnswersPings(true)
            #expect(try await agent.subscribe() == agentID)
            let readmitted = try await eventually {
                let state = try await getJSON(client, daemon, "/master/state")
                return state["activated_slaves"] as? Int == 1 && state["unreachable_slaves"] as? Int == 0
            }
            #expect(readmitted)
        }
    }

    @Test func agentUnsubscribeRemovesItForGood() async throws {
        try await withMaster { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let agentID = try await agent.subscribe()
            #expect(try await agent.call(.unsubscribe(agentID: agentID)) == 202)
            await #expect(throws: TestKitError.self) { try await agent.subscribe() }
            let stale = try await agent.call(.pong(agentID: agentID))
            #expect(stale == 404)
        }
    }

    @Test func sigtermShutsDownGracefullyWithOpenStreams() async throws {
        let client = try HTTPClient(logger: .init(label: "test.sigterm"))
        defer { Task { await client.shutdown() } }
        let daemon = try await Daemon.start("swift-mesos-master", arguments: ["--port={port}", "--ip=127.0.0.1", "--work_dir={dir}/work"])
        let scheduler: TestScheduler
        do {
            scheduler = try await TestScheduler.subscribe(client, daemon)
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            _ = try await agent.subscribe()
        } catch {
            print("---- master log ----\n\(daemon.logTail())")
            await daemon.stop()
            throw error
        }
        let started = ContinuousClock.now
        let status = await daemon.process.stop(grace: .seconds(8))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(status.map { "\($0)" } == "exited(0)", "master log:\n\(daemon.logTail())")
        #expect(await scheduler.stream.waitUntilFinished())
        await daemon.stop()
    }

    @Test func restartRecoversAgentsAndFrameworksFromWorkDir() async throws {
        let workDir = FileManager.default.temporaryDirectory.appendingPathComponent("swift-mesos-restart-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: workDir) }
        let client = try HTTPClient(logger: .init(label: "test.restart"))
        defer { Task { await client.shutdown() } }
        let info = FrameworkInfo(user: "u", name: "durable", failoverTimeout: 3600)
        let port = try FreePort.next()
        let arguments = [
            "--port={port}", "--ip=127.0.0.1", "--hostname=127.0.0.1", "--work_dir=\(workDir)", "--allocation_interval=50ms",
            "--logging_level=WARNING",
        ]
        let first = try await Daemon.start("swift-mesos-master", arguments: arguments, port: port)
        let agent = SimulatedAgent(master: first.baseURL, client: client, resources: agentResources)
        let frameworkID: FrameworkID
        let agentID: AgentID
        do {
            agentID = try await agent.subscribe()
            let scheduler = try await TestScheduler.subscribe(client, first, info: info)
            frameworkID = scheduler.frameworkID
            let offer = try await scheduler.offer(on: agentID)
            _ = try await scheduler.call(.accept(frameworkID: frameworkID, offerIDs: [offer.id],
                                                 operations: [.launch([commandTask("r", on: agentID, resources: smallTask)])]))
            _ = try await agent.next(.runTask)
            try await agent.update("r", .running)
            _ = try await scheduler.update(of: "r")
            scheduler.stream.close()
        } catch {
            print(first.logTail())
            await first.stop()
            throw error
        }
        await first.process.stop()

        let second = try await Daemon.start("swift-mesos-master", arguments: arguments, port: port)
        do {
            let recovered = try await getJSON(client, second, "/master/state")
            #expect((recovered["recovered_slaves"] as? [Any])?.count == 1)
            // The agent re-registers with its id and task; the framework re-subscribes with its id.
            #expect(try await agent.subscribe() == agentID)
            var again = info
            again.id = frameworkID
            let scheduler = try await TestScheduler.subscribe(client, second, info: again)
            #expect(scheduler.frameworkID == frameworkID)
            #expect(try await scheduler.call(Scheduler.Call(frameworkID: frameworkID, type: .reconcile, reconcile: .init())).status == 202)
            #expect(try await scheduler.update(of: "r").state == .running)
            let state = try await getJSON(client, second, "/master/state")
            #expect((state["slaves"] as? [[String: Any]])?.first?["id"] as? String == agentID.value)
        } catch {
            print(second.logTail())
            await second.stop()
            throw error
        }
        await second.stop()
        await first.stop()
    }
}
