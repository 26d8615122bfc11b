import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import MesosResources
import MesosScheduler
import MesosTestKit
import Synchronization

/// A real master and agent (process containerizer), and a framework on the SDK that launches
/// the given command tasks on the first offer that fits them all.
final class TestCluster: Sendable {
    let master: Daemon
    let agent: Daemon
    let client: SchedulerClient
    private let events: Task<Void, Never>

    var masterAddress: String { master.address }

    static func commandTask(_ id: String, _ command: String) throws -> TaskInfo {
        TaskInfo(name: id, taskID: TaskID(id), agentID: AgentID("filled-in-on-launch"),
                 resources: Array(try Resources.parse("cpus:0.1;mem:32")), command: CommandInfo(shell: true, value: command))
    }

    private init(master: Daemon, agent: Daemon, client: SchedulerClient, events: Task<Void, Never>) {
        self.master = master
        self.agent = agent
        self.client = client
        self.events = events
    }

    /// Starts the cluster and a framework called `frameworkName` that launches `tasks`.
    static func start(frameworkName: String, tasks: [TaskInfo]) async throws -> TestCluster {
        let master = try await Daemon.start("swift-mesos-master", arguments: [
            "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
            "--allocation_interval=100ms", "--heartbeat_interval=1secs",
        ])
        let agent: Daemon
        do {
            agent = try await Daemon.start("swift-mesos-agent", arguments: [
                "--master=\(master.address)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1",
                "--work_dir={dir}/work", "--resources=cpus:2;mem:1024;disk:1024", "--containerizers=mesos",
            ])
        } catch {
            await master.stop()
            throw error
        }
        let client: SchedulerClient
        do {
            client = try SchedulerClient(configuration: SchedulerConfiguration(
                master: master.address, frameworkInfo: FrameworkInfo(user: "root", name: frameworkName),
                backoff: RetryBackoff(initial: .milliseconds(20), maximum: .milliseconds(500)),
                // Heartbeats come every second; a machine loaded by the rest of the suite can stall
                // a process for seconds, which must not count as a lost connection here.
                missedHeartbeatsBeforeReconnect: 30,
                connectTimeout: .seconds(5), callTimeout: .seconds(10), logger: Logger(label: "test.cli.framework")))
        } catch {
            await agent.stop()
            await master.stop()
            throw error
        }
        let needed = tasks.reduce(Resources()) { $0 + Resources($1.resources) }
        let events = Task {
            var launched = false
            do {
                for try await event in client.events {
                    guard case .offers(let offers) = event else { continue }
                    for offer in offers {
                        if !launched, Resources(offer.resources).unallocated().contains(needed) {
                            launched = true
                            let placed = tasks.map { task -> TaskInfo in
                                var task = task
                                task.agentID = offer.agentID
                                return task
                            }
                            try await client.launch(placed, offerIDs: [offer.id], filters: Filters(refuseSeconds: 1))
                        } else {
                            try await client.decline([offer.id], filters: Filters(refuseSeconds: 60))
                        }
                    }
                }
            } catch {
                // The framework was torn down or the test ended.
            }
        }
        return TestCluster(master: master, agent: agent, client: client, events: events)
    }

    /// Tears the framework down (its tasks are killed: they would outlive the agent), then stops
    /// the agent and the master.
    func stop() async {
        try? await client.teardown()
        await waitUntilNoLiveTasks()
        events.cancel()
        await client.shutdown()
        await agent.stop()
        await master.stop()
    }

    /// Polls the agent's `/state` until it runs no task (at most 30 s).
    private func waitUntilNoLiveTasks() async {
        guard let http = try? HTTPClient(logger: Logger(label: "test.cli.cleanup")) else { return }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let response = try? await http.execute(HTTPRequest(url: agent.baseURL + "/state", timeout: .seconds(5))),
               response.status == 200, Self.liveTaskCount(agentState: Data(response.body)) == 0 {
                break
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        await http.shutdown()
    }

    /// The tasks of the executors in an agent's `/state`.
    static func liveTaskCount(agentState: Data) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: agentState) as? [String: Any],
              let frameworks = object["frameworks"] as? [[String: Any]] else { return nil }
        return frameworks.flatMap { ($0["executors"] as? [[String: Any]]) ?? [] }
            .reduce(0) { $0 + (($1["tasks"] as? [Any])?.count ?? 0) }
    }

    /// Runs `body` with a started cluster and always stops it; prints the logs when `body` fails.
    static func with<T>(frameworkName: String, tasks: [TaskInfo], _ body: (TestCluster) async throws -> T) async throws -> T {
        let cluster = try await start(frameworkName: frameworkName, tasks: tasks)
        do {
            let result = try await body(cluster)
            await cluster.stop()
            return result
        } catch {
            print("---- master log ----\n\(cluster.master.logTail())\n---- agent log ----\n\(cluster.agent.logTail())\n----")
            await cluster.stop()
            throw error
        }
    }
}
