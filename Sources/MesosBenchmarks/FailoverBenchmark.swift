import ArgumentParser
import Foundation
import Logging
import MesosHTTPClient
import MesosLeaderElection
import MesosModel
import MesosResources
import MesosScheduler
import MesosTestKit
import MesosZooKeeper

/// `swift-mesos-bench failover`: three masters on a real ZooKeeper, simulated agents and SDK
/// frameworks with running tasks; SIGKILL of the leader, then the time until a new leader is
/// elected, every agent re-registered and every framework re-subscribed, and whether every task
/// is still known and RUNNING on the new leader.
struct FailoverBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover",
        abstract: "Time a master failover (SIGKILL of the leader) with simulated agents and SDK frameworks."
    )

    @Option(help: "Simulated agents (each cpus:16;mem:16384).")
    var agents = 1_000

    @Option(help: "Tasks running before the failover (0.1 cpus / 16 MB each), spread over the agents.")
    var tasks = 10_000

    @Option(help: "Frameworks (SDK SchedulerClients with a zk:// master), each launching its share of the tasks.")
    var frameworks = 10

    @Option(help: "The masters' --zk_session_timeout, in seconds.")
    var zkSessionTimeout = 10.0

    @Option(help: "Write the results as JSON to this file.")
    var output: String?

    static let agentResources = "cpus:16;mem:16384;disk:100000"
    static let taskResources = "cpus:0.1;mem:16"
    static let tasksPerAgentLimit = 160
    /// HTTP clients the simulated agents are spread over.
    static let agentClients = 8

    func validate() throws {
        guard agents >= 1, agents <= 100_000 else {
            throw ValidationError("--agents must be between 1 and 100000 (got \(agents))")
        }
        guard frameworks >= 1, frameworks <= 1_000 else {
            throw ValidationError("--frameworks must be between 1 and 1000 (got \(frameworks))")
        }
        guard tasks >= 0, tasks <= agents * Self.tasksPerAgentLimit else {
            throw ValidationError(
                "--tasks must be between 0 and \(Self.tasksPerAgentLimit) per agent (\(agents * Self.tasksPerAgentLimit)) (got \(tasks))")
        }
        guard zkSessionTimeout >= 1, zkSessionTimeout <= 60 else {
            throw ValidationError("--zk-session-timeout must be between 1 and 60 seconds (got \(zkSessionTimeout))")
        }
    }

    struct Results: Codable, Sendable {
        var agents: Int
        var frameworks: Int
        var tasks: Int
        var masters: Int
        var zkSessionTimeoutSeconds: Double
        /// Setup: agents registered, all tasks RUNNING (seconds).
        var agentsRegisteredSeconds: Double
        var tasksRunningSeconds: Double
        /// From SIGKILL of the leader (seconds).
        var newLeaderInZooKeeperSeconds: Double
        var newLeaderAnsweringSeconds: Double
        var allAgentsReregisteredSeconds: Double
        var allFrameworksResubscribedSeconds: Double
        var allTasksKnownSeconds: Double
        /// max(agents, frameworks).
        var failoverSeconds: Double
        /// Agent re-registration times after the leader was known (seconds from SIGKILL).
        var agentReregistration: LatencySummary
        /// What the new leader knows.
        var tasksKnown: Int
        var tasksRunning: Int
        var tasksByState: [String: Int]
        var duplicatedTasks: Int
        var agentsKnown: Int
        /// Tasks the frameworks saw end after they had run, by state.
        var tasksEndedAfterRunning: [String: Int]
        var agentSubscribeRetries: Int
    }

    func run() async throws {
        var logger = Logger(label: "swift-mesos-bench.failover")
        logger.logLevel = .warning
        let cleanup = Cleanup()
        cleanup.runOnInterrupt()
        do {
            let results = try await measure(cleanup: cleanup, logger: logger)
            await cleanup.run()
            try report(results)
        } catch {
            await cleanup.run()
            throw error
        }
    }

    private func measure(cleanup: Cleanup, logger: Logger) async throws -> Results {
        let clock = ContinuousClock()
        print("Failover benchmark: 3 masters, ZooKeeper (1 server), \(agents) simulated agents, \(frameworks) frameworks, "
            + "\(tasks) tasks, --zk_session_timeout=\(formatNumber(zkSessionTimeout))secs; \(MachineInfo.current().summary)")
        let zk = try await ZooKeeperEnsemble.start(size: 1)
        cleanup.add { await zk.shutdown() }
        let zkURL = zk.url(path: "/mesos")
        var masters: [Daemon] = []
        for index in 1...3 {
            let master = try await Daemon.start(
                "swift-mesos-master", name: "bench-master-\(index)",
                arguments: [
                    "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
                    "--zk=\(zkURL)", "--quorum=2", "--zk_session_timeout=\(zkSessionTimeout)secs",
                    "--allocation_interval=100ms",
                ])
            cleanup.add { await master.stop() }
            masters.append(master)
        }
        let http = try HTTPClient(logger: logger)
        cleanup.add { await http.shutdown() }
        let leader = try await soleLeader(http, masters, timeout: .seconds(120))
        print("  leader: \(leader.name) at \(leader.address)")

        // Agents.
        let resources = Array(try Resources.parse(Self.agentResources))
        // The agents share a few HTTP clients (one libcurl event loop each): one loop polling a
        // thousand streams was the load generator's own bottleneck during re-registration.
        var agentClients: [HTTPClient] = []
        for _ in 0..<min(Self.agentClients, agents) {
            let client = try HTTPClient(logger: logger)
            cleanup.add { await client.shutdown() }
            agentClients.append(client)
        }
        let fleet = (0..<agents).map {
            FailoverAgent(index: $0, master: leader.baseURL, client: agentClients[$0 % agentClients.count], resources: resources)
        }
        cleanup.add { for agent in fleet { await agent.disconnect() } }
        let setupStart = clock.now
        let retries = Retries()
        try await subscribeAll(fleet, to: { leader.baseURL }, retries: retries, deadline: clock.now + .seconds(300))
        let agentsRegistered = (clock.now - setupStart).seconds
        print("  \(agents) agents registered in \(formatNumber(agentsRegistered)) s")

        // Frameworks and their tasks.
        let taskResources = try Resources.parse(Self.taskResources)
        let perOffer = max(1, (tasks + agents - 1) / agents)
        var schedulers: [FailoverFramework] = []
        for index in 0..<frameworks {
            var info = FrameworkInfo(user: "root", name: "bench-failover-\(index)")
            info.failoverTimeout = 3600
            let client = try SchedulerClient(configuration: SchedulerConfiguration(
                master: zkURL, frameworkInfo: info, logger: logger))
            let quota = tasks / frameworks + (index < tasks % frameworks ? 1 : 0)
            let framework = FailoverFramework(
                name: "fw\(index)", client: client, quota: quota, perOffer: perOffer, taskResources: taskResources)
            cleanup.add { await framework.stop() }
            await framework.start()
            schedulers.append(framework)
        }
        let tasksStart = clock.now
        try await poll("\(tasks) tasks RUNNING", deadline: clock.now + .seconds(600)) {
            var running = 0
            for framework in schedulers {
                if let ended = await framework.ended { throw BenchmarkError("\(framework.name): \(ended)") }
                running += await framework.running.count
            }
            return running >= tasks
        }
        let tasksRunning = (clock.now - tasksStart).seconds
        print("  \(tasks) tasks RUNNING in \(formatNumber(tasksRunning)) s")
        // The new leader recovers agents and frameworks from the registry: make sure it has them all.
        try await Task.sleep(for: .seconds(2))

        // Follow the election in ZooKeeper.
        let detector = ZooKeeperMasterDetector(
            url: try ZooKeeperURL(parsing: zkURL), sessionTimeout: .seconds(zkSessionTimeout), logger: logger)
        let elected = ElectionWatch()
        let watcher = Task {
            for await info in detector.leaders() {
                if let info { await elected.saw(port: Int(info.port), at: clock.now) }
            }
        }
        cleanup.add { watcher.cancel() }
        try await poll("the detector to see the leader", deadline: clock.now + .seconds(30)) {
            await elected.current == Int(leader.port)
        }

        // SIGKILL the leader.
        print("  SIGKILL \(leader.name)")
        let killedAt = clock.now
        _ = await leader.process.kill9()
        let survivors = masters.filter { $0.port != leader.port }
        let newLeaderPort = try await pollValue("a new leader in ZooKeeper", deadline: killedAt + .seconds(120)) { () async -> Int? in
            let port = await elected.current
            return port.flatMap { $0 != Int(leader.port) ? $0 : nil }
        }
        let electedAt = await elected.at ?? clock.now
        guard let next = survivors.first(where: { Int($0.port) == newLeaderPort }) else {
            throw BenchmarkError("the new leader's port \(newLeaderPort) is none of the survivors'")
        }
        print("  new leader \(next.name) in ZooKeeper after \(formatNumber((electedAt - killedAt).seconds)) s")
        // Every agent re-subscribes to it (as a real agent's detector would make it do).
        let agentsTask = Task {
            try await subscribeAll(fleet, to: { next.baseURL }, retries: retries, deadline: killedAt + .seconds(300))
        }
        try await poll("the new leader answering", deadline: killedAt + .seconds(120)) {
            (try? await leadership(http, next)) == "leading"
        }
        let answeringAt = clock.now
        try await agentsTask.value
        var agentTimes: [Double] = []
        for agent in fleet {
            if let at = await agent.subscribedAt { agentTimes.append((at - killedAt).seconds) }
        }
        let agentsDone = agentTimes.max() ?? 0
        print("  every agent re-registered after \(formatNumber(agentsDone)) s")
        let frameworksAt = try await pollValue("every framework re-subscribed", deadline: killedAt + .seconds(300)) { () async -> ContinuousClock.Instant? in
            var last: ContinuousClock.Instant?
            for framework in schedulers {
                guard let at = await framework.reregistered(after: killedAt) else { return nil }
                last = max(last ?? at, at)
            }
            return last
        }
        let frameworksDone = (frameworksAt - killedAt).seconds
        print("  every framework re-subscribed after \(formatNumber(frameworksDone)) s")

        // Every task known and RUNNING on the new leader?
        var census = try await taskCensus(http, next)
        let knownDeadline = clock.now + .seconds(120)
        while census.running < tasks, clock.now < knownDeadline {
            try await Task.sleep(for: .milliseconds(500))
            census = try await taskCensus(http, next)
        }
        let knownAt = (clock.now - killedAt).seconds
        let agentsKnown = try await agentCount(http, next)
        var ended: [String: Int] = [:]
        for framework in schedulers {
            for (state, count) in await framework.endedAfterRunning { ended[state, default: 0] += count }
        }
        print("  new leader knows \(census.known) tasks (\(census.running) RUNNING, \(census.duplicates) duplicated), "
            + "\(agentsKnown) agents")
        return Results(
            agents: agents, frameworks: frameworks, tasks: tasks, masters: 3, zkSessionTimeoutSeconds: zkSessionTimeout,
            agentsRegisteredSeconds: agentsRegistered, tasksRunningSeconds: tasksRunning,
            newLeaderInZooKeeperSeconds: (electedAt - killedAt).seconds,
            newLeaderAnsweringSeconds: (answeringAt - killedAt).seconds,
            allAgentsReregisteredSeconds: agentsDone, allFrameworksResubscribedSeconds: frameworksDone,
            allTasksKnownSeconds: knownAt, failoverSeconds: max(agentsDone, frameworksDone),
            agentReregistration: LatencySummary(agentTimes.map { $0 * 1000 }),
            tasksKnown: census.known, tasksRunning: census.running, tasksByState: census.byState,
            duplicatedTasks: census.duplicates, agentsKnown: agentsKnown, tasksEndedAfterRunning: ended,
            agentSubscribeRetries: await retries.count)
    }

    private func report(_ results: Results) throws {
        print("\n" + padded("failover (seconds after SIGKILL of the leader)", 52) + "value")
        let rows: [(String, String)] = [
            ("new leader elected (seen in ZooKeeper)", formatNumber(results.newLeaderInZooKeeperSeconds)),
            ("new leader answering as leader", formatNumber(results.newLeaderAnsweringSeconds)),
            ("every agent re-registered (\(results.agents))", formatNumber(results.allAgentsReregisteredSeconds)),
            ("every framework re-subscribed (\(results.frameworks))", formatNumber(results.allFrameworksResubscribedSeconds)),
            ("every task known and RUNNING (polled)", formatNumber(results.allTasksKnownSeconds)),
            ("failover (agents and frameworks back)", formatNumber(results.failoverSeconds)),
            ("ZooKeeper session timeout", formatNumber(results.zkSessionTimeoutSeconds)),
            ("tasks known / RUNNING / duplicated (of \(results.tasks))",
             "\(results.tasksKnown) / \(results.tasksRunning) / \(results.duplicatedTasks)"),
            ("agents known", "\(results.agentsKnown)"),
            ("tasks ended after running (frameworks' view)",
             results.tasksEndedAfterRunning.isEmpty ? "none" : "\(results.tasksEndedAfterRunning)"),
        ]
        for (name, value) in rows { print(padded(name, 52) + value) }
        let goals = [
            BenchmarkGoal.atMost(
                "failover: every agent re-registered and every framework re-subscribed",
                value: results.failoverSeconds, limit: results.zkSessionTimeoutSeconds + 3, unit: "s"),
            BenchmarkGoal(
                name: "tasks RUNNING on the new leader", value: Double(results.tasksRunning),
                limit: Double(results.tasks), unit: "tasks", kind: "min",
                met: results.tasksRunning == results.tasks && results.tasksKnown == results.tasks && results.duplicatedTasks == 0),
        ]
        printGoals(goals)
        if let output {
            try BenchmarkReport(benchmark: "failover", machine: .current(), results: results, goals: goals).write(to: output)
            print("\nWrote \(output)")
        }
    }

    // MARK: Helpers

    /// Subscribes every agent (64 at a time), retrying each until `deadline`.
    private func subscribeAll(
        _ fleet: [FailoverAgent], to master: @escaping @Sendable () -> String, retries: Retries,
        deadline: ContinuousClock.Instant
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func add() {
                guard next < fleet.count else { return }
                let agent = fleet[next]
                next += 1
                group.addTask {
                    while true {
                        do {
                            try await agent.subscribe(to: master())
                            return
                        } catch {
                            await retries.add()
                            guard ContinuousClock.now < deadline else {
                                throw BenchmarkError("agent \(agent.index) could not subscribe: \(error)")
                            }
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                }
            }
            for _ in 0..<64 { add() }
            while try await group.next() != nil { add() }
        }
    }

    private func soleLeader(_ http: HTTPClient, _ masters: [Daemon], timeout: Duration) async throws -> Daemon {
        try await pollValue("a single leading master", deadline: .now + timeout) { () async -> Daemon? in
            var leaders: [Daemon] = []
            for master in masters where (try? await leadership(http, master)) == "leading" { leaders.append(master) }
            return leaders.count == 1 ? leaders[0] : nil
        }
    }

    private func leadership(_ http: HTTPClient, _ master: Daemon) async throws -> String? {
        let object = try await getJSON(http, "\(master.baseURL)/health")
        return object["leadership"] as? String
    }

    private func getJSON(_ http: HTTPClient, _ url: String) async throws -> [String: Any] {
        let response = try await http.execute(HTTPRequest(method: .get, url: url, timeout: .seconds(60), connectTimeout: .seconds(2)))
        guard response.status == 200 else { throw BenchmarkError("GET \(url) answered \(response.status)") }
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw BenchmarkError("GET \(url) did not answer a JSON object")
        }
        return object
    }

    struct Census {
        var known = 0
        var running = 0
        var duplicates = 0
        var byState: [String: Int] = [:]
    }

    /// Counts the new leader's tasks by state (paged `/master/tasks`).
    private func taskCensus(_ http: HTTPClient, _ master: Daemon) async throws -> Census {
        var census = Census()
        var seen: Set<String> = []
        var offset = 0
        let page = 100_000
        while true {
            let object = try await getJSON(http, "\(master.baseURL)/master/tasks?limit=\(page)&offset=\(offset)")
            let tasks = object["tasks"] as? [[String: Any]] ?? []
            for task in tasks {
                let key = "\(task["framework_id"] as? String ?? "")/\(task["id"] as? String ?? "")"
                let state = task["state"] as? String ?? "?"
                if !seen.insert(key).inserted { census.duplicates += 1 }
                census.byState[state, default: 0] += 1
                if state == TaskState.running.rawValue { census.running += 1 }
            }
            census.known += tasks.count
            if tasks.count < page { break }
            offset += page
        }
        return census
    }

    private func agentCount(_ http: HTTPClient, _ master: Daemon) async throws -> Int {
        let object = try await getJSON(http, "\(master.baseURL)/master/slaves")
        return (object["slaves"] as? [Any])?.count ?? 0
    }

    private func poll(_ what: String, deadline: ContinuousClock.Instant, _ check: () async throws -> Bool) async throws {
        _ = try await pollValue(what, deadline: deadline) { try await check() ? true : nil }
    }

    private func pollValue<T>(_ what: String, deadline: ContinuousClock.Instant, _ check: () async throws -> T?) async throws -> T {
        while true {
            if let value = try await check() { return value }
            guard ContinuousClock.now < deadline else { throw BenchmarkError("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The leader the detector reports (by port) and when it first reported it.
actor ElectionWatch {
    private(set) var current: Int?
    private(set) var at: ContinuousClock.Instant?

    func saw(port: Int, at instant: ContinuousClock.Instant) {
        if current != port {
            current = port
            at = instant
        }
    }
}

/// Counts failed agent subscriptions (retried).
actor Retries {
    private(set) var count = 0
    func add() { count += 1 }
}

extension Duration {
    /// In seconds, as a Double.
    var seconds: Double { milliseconds / 1000 }
}
