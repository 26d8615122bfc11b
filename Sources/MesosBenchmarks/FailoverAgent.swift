import Foundation
import MesosHTTPClient
import MesosModel
import MesosTestKit

/// The `failover` benchmark's simulated agent: speaks the agent protocol over a shared
/// `HTTPClient`, answers PINGs, reports every task it is given TASK_RUNNING at once, and can
/// re-subscribe to another master with its id and tasks (following the leader after a failover).
/// Thousands run in one process.
actor FailoverAgent {
    let index: Int
    private let client: HTTPClient
    private var info: AgentInfo
    private var master: String
    private(set) var agentID: AgentID?
    private(set) var tasks: [TaskID: MesosTask] = [:]
    private var frameworks: [FrameworkID: FrameworkInfo] = [:]
    private var stream: SubscriptionStream<AgentProtocol.Event>?
    /// When the last subscription was answered SUBSCRIBED.
    private(set) var subscribedAt: ContinuousClock.Instant?
    /// Failed UPDATE / PONG calls.
    private(set) var callErrors = 0

    init(index: Int, master: String, client: HTTPClient, resources: [Resource]) {
        self.index = index
        self.master = master
        self.client = client
        info = AgentInfo(hostname: "bench-agent-\(index)", port: 5051, resources: resources)
    }

    /// Whether its event stream is open.
    var isConnected: Bool {
        get async {
            guard let stream else { return false }
            return await !stream.isFinished
        }
    }

    /// Subscribes to `master` (re-subscribes with its id and tasks when it has an id) and waits for
    /// SUBSCRIBED; throws when refused or not answered in time.
    func subscribe(to master: String, timeout: Duration = .seconds(30)) async throws {
        self.master = master
        stream?.close()
        stream = nil
        var info = info
        info.id = agentID
        let call = AgentProtocol.Call.subscribe(.init(
            agentInfo: info, tasks: tasks.values.sorted { $0.taskID < $1.taskID },
            frameworks: Array(frameworks.values), version: "1.11.0"))
        let stream = try await SubscriptionStream<AgentProtocol.Event>(
            client: client, url: "\(master)/api/v1/agent", call: call,
            onEvent: { [weak self] event in await self?.handle(event) })
        guard stream.status == 200 else {
            stream.close()
            throw BenchmarkError("agent SUBSCRIBE to \(master) answered \(stream.status)")
        }
        self.stream = stream
        let first = try await stream.next(timeout: timeout) { $0.type == .subscribed || $0.type == .shutdown || $0.type == .error }
        guard first.type == .subscribed, let id = first.subscribed?.agentID else {
            stream.close()
            throw BenchmarkError("agent subscription refused: \(first.shutdown?.message ?? first.error?.message ?? "?")")
        }
        agentID = id
        subscribedAt = .now
    }

    /// Closes its stream.
    func disconnect() {
        stream?.close()
        stream = nil
    }

    private func handle(_ event: AgentProtocol.Event) {
        switch event.type {
        case .ping:
            guard let agentID else { return }
            Task { await self.send(.pong(agentID: agentID)) }
        case .runTask:
            guard let body = event.runTask, let frameworkID = body.frameworkInfo.id, let agentID else { return }
            frameworks[frameworkID] = body.frameworkInfo
            var task = MesosTask(launching: body.task, frameworkID: frameworkID)
            let uuid = withUnsafeBytes(of: UUID().uuid) { Data($0) }
            let status = TaskStatus(
                taskID: task.taskID, state: .running, source: .executor, agentID: agentID,
                timestamp: Date().timeIntervalSince1970, uuid: uuid)
            task.state = .running
            task.statusUpdateState = .running
            task.statusUpdateUUID = uuid
            task.statuses.append(status)
            tasks[task.taskID] = task
            Task { await self.send(.update(agentID: agentID, frameworkID: frameworkID, status: status, latestState: .running)) }
        case .killTask:
            guard let id = event.killTask?.taskID, var task = tasks[id], let agentID else { return }
            let uuid = withUnsafeBytes(of: UUID().uuid) { Data($0) }
            let status = TaskStatus(
                taskID: id, state: .killed, source: .executor, agentID: agentID,
                timestamp: Date().timeIntervalSince1970, uuid: uuid)
            task.state = .killed
            task.statusUpdateState = .killed
            task.statusUpdateUUID = uuid
            tasks[id] = task
            Task { await self.send(.update(agentID: agentID, frameworkID: task.frameworkID, status: status, latestState: .killed)) }
        case .shutdownFramework:
            guard let id = event.shutdownFramework?.frameworkID else { return }
            tasks = tasks.filter { $0.value.frameworkID != id }
        default:
            break
        }
    }

    private func send(_ call: AgentProtocol.Call) async {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let id = stream?.streamID { headers.add(name: "Mesos-Stream-Id", value: id) }
        do {
            let response = try await client.execute(HTTPRequest(
                method: .post, url: "\(master)/api/v1/agent", headers: headers, body: try MesosJSON.encodeBytes(call),
                timeout: .seconds(30)))
            if response.status != 202 { callErrors += 1 }
        } catch {
            callErrors += 1
        }
    }
}
