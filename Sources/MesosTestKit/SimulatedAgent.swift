import Foundation
import MesosHTTPClient
import MesosModel
import Synchronization

/// A test agent speaking the master–agent protocol (Docs/agent-protocol.md) over
/// `HTTPClient`: it subscribes (or re-subscribes with its id and tasks), answers
/// PING with PONG, records RUN_TASK / KILL_TASK / ACKNOWLEDGE, and sends status
/// updates with fresh uuids when told to. It runs no process: tests drive it.
///
/// Light enough to run thousands in one process (one actor and one reading task
/// each, sharing one `HTTPClient`), as the seed of a load generator.
public actor SimulatedAgent {
    /// The master's base URL, `http://host:port`.
    public nonisolated let master: String
    /// What it reports at SUBSCRIBE.
    public var info: AgentInfo
    private let client: HTTPClient
    /// The id the master assigned (nil before the first subscription).
    public private(set) var agentID: AgentID?
    /// The tasks it knows (from RUN_TASK / RUN_TASK_GROUP and its own updates).
    public private(set) var tasks: [TaskID: MesosTask] = [:]
    /// Frameworks of its tasks.
    public private(set) var frameworks: [FrameworkID: FrameworkInfo] = [:]
    /// The current subscription.
    public private(set) var stream: SubscriptionStream<AgentProtocol.Event>?
    /// Whether PINGs are answered (turn off to simulate a hung agent).
    public var answersPings = true
    /// PONGs sent.
    public private(set) var pongsSent = 0

    /// Creates an agent with `resources` (Mesos text form, e.g. `cpus:4;mem:1024`, parsed by the caller).
    public init(master: String, client: HTTPClient, hostname: String = "agent.local", resources: [Resource], attributes: [Attribute] = []) {
        self.master = master
        self.client = client
        self.info = AgentInfo(hostname: hostname, port: 5051, resources: resources, attributes: attributes)
    }

    /// Subscribes (re-subscribes with its id and tasks when it has an id) and
    /// waits for SUBSCRIBED; returns the agent id. Throws on SHUTDOWN or ERROR.
    @discardableResult
    public func subscribe(timeout: Duration = .seconds(10)) async throws -> AgentID {
        stream?.close()
        var info = info
        info.id = agentID
        let call = AgentProtocol.Call.subscribe(.init(
            agentInfo: info, tasks: Array(tasks.values).sorted { $0.taskID < $1.taskID },
            frameworks: Array(frameworks.values), version: "1.11.0"))
        let stream = try await SubscriptionStream<AgentProtocol.Event>(
            client: client, url: "\(master)/api/v1/agent", call: call,
            onEvent: { [weak self] event in await self?.handle(event) })
        guard stream.status == 200 else { throw TestKitError("Agent SUBSCRIBE answered \(stream.status)") }
        self.stream = stream
        let first = try await stream.next(timeout: timeout) { $0.type == .subscribed || $0.type == .shutdown || $0.type == .error }
        guard first.type == .subscribed, let id = first.subscribed?.agentID else {
            throw TestKitError("Agent subscription refused: \(first.shutdown?.message ?? first.error?.message ?? "?")")
        }
        agentID = id
        return id
    }

    private func handle(_ event: AgentProtocol.Event) async {
        switch event.type {
        case .ping:
            if answersPings, let agentID {
                pongsSent += 1
                // Answer without holding up the events behind the PING.
                Task { _ = try? await self.call(.pong(agentID: agentID)) }
            }
        case .runTask:
            guard let body = event.runTask, let frameworkID = body.frameworkInfo.id else { return }
            frameworks[frameworkID] = body.frameworkInfo
            tasks[body.task.taskID] = MesosTask(launching: body.task, frameworkID: frameworkID)
        case .runTaskGroup:
            guard let body = event.runTaskGroup, let frameworkID = body.frameworkInfo.id else { return }
            frameworks[frameworkID] = body.frameworkInfo
            for task in body.taskGroup.tasks {
                var record = MesosTask(launching: task, frameworkID: frameworkID)
                record.executorID = body.executor.executorID
                tasks[task.taskID] = record
            }
        case .shutdownFramework:
            guard let id = event.shutdownFramework?.frameworkID else { return }
            tasks = tasks.filter { $0.value.frameworkID != id }
        default:
            break
        }
    }

    /// POSTs an agent call with the current stream id; returns the HTTP status.
    @discardableResult
    public func call(_ call: AgentProtocol.Call) async throws -> Int {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let id = stream?.streamID { headers.add(name: "Mesos-Stream-Id", value: id) }
        let response = try await client.execute(HTTPRequest(
            method: .post, url: "\(master)/api/v1/agent", headers: headers, body: try MesosJSON.encodeBytes(call),
            timeout: .seconds(10)))
        return response.status
    }

    /// Sends a status update for `taskID` with a fresh uuid (source executor) and
    /// returns the uuid. `latestState` defaults to `state`.
    @discardableResult
    public func update(_ taskID: TaskID, _ state: TaskState, latestState: TaskState? = nil, message: String? = nil) async throws -> Data {
        guard let agentID else { throw TestKitError("Subscribe the agent first") }
        guard var task = tasks[taskID] else { throw TestKitError("The agent has no task \(taskID)") }
        let uuid = withUnsafeBytes(of: UUID().uuid) { Data($0) }
        let status = TaskStatus(
            taskID: taskID, state: state, message: message, source: .executor, agentID: agentID,
            executorID: task.executorID, timestamp: Date().timeIntervalSince1970, uuid: uuid)
        task.state = latestState ?? state
        task.statusUpdateState = state
        task.statusUpdateUUID = uuid
        task.statuses.append(status)
        tasks[taskID] = task
        let code = try await call(.update(agentID: agentID, frameworkID: task.frameworkID, status: status, latestState: latestState ?? state))
        guard code == 202 else { throw TestKitError("UPDATE answered \(code)") }
        return uuid
    }

    /// Waits for the next event of `type` on the subscription.
    public func next(_ type: AgentProtocol.Event.EventType, timeout: Duration = .seconds(10)) async throws -> AgentProtocol.Event {
        guard let stream else { throw TestKitError("Subscribe the agent first") }
        return try await stream.next(timeout: timeout) { $0.type == type }
    }

    /// Stops answering pings (a hung agent) or resumes.
    public func setAnswersPings(_ value: Bool) {
        answersPings = value
    }

    /// Closes the subscription without unsubscribing (a crash or network cut).
    public func disconnect() {
        stream?.close()
        stream = nil
    }

    /// Forgets its tasks (simulates losing them).
    public func forgetTasks() {
        tasks = [:]
    }
}
