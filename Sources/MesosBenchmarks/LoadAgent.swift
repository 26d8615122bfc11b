import Foundation
import HTTPTypes
import MesosHTTPClient
import MesosModel
import MesosRecordIO
import MesosTestKit

/// One simulated agent of the load generator, speaking the real master–agent protocol
/// (Docs/agent-protocol.md): it subscribes, answers PINGs, and "runs" every task it is given:
/// TASK_RUNNING at once, TASK_FINISHED `runTime` later — each update sent only after the previous
/// one of the task was acknowledged, as the real agent does (a nil `runTime`: tasks run until
/// killed). Many share one ``HTTPClient`` (HTTP/1.1: each agent's stream holds a connection) or
/// one ``H2CConnection`` (HTTP/2: each stream and call is an HTTP/2 stream of it).
actor LoadAgent {
    enum Transport: Sendable {
        case http1(HTTPClient)
        case http2(H2CConnection)
    }

    let master: String
    let transport: Transport
    let info: AgentInfo
    let runTime: Duration?
    let counters: LoadCounters
    private(set) var agentID: AgentID?
    private var streamID: String?
    private var cancelStream: (@Sendable () -> Void)?
    private var reader: Task<Void, Never>?
    /// Tasks and the update of each waiting for its acknowledgement.
    private var tasks: [TaskID: RunningTask] = [:]

    struct RunningTask {
        var frameworkID: FrameworkID
        var executorID: ExecutorID?
        /// The uuid of the update waiting for its acknowledgement.
        var pendingUUID = Data()
        var phase = Phase.running(acknowledged: false, finishDue: false)
    }

    enum Phase {
        /// TASK_RUNNING sent; `finishDue` when the run time passed before its acknowledgement.
        case running(acknowledged: Bool, finishDue: Bool)
        /// The terminal update was sent.
        case ending
    }

    init(master: String, transport: Transport, hostname: String, resources: [Resource], runTime: Duration?, counters: LoadCounters) {
        self.master = master
        self.transport = transport
        self.info = AgentInfo(hostname: hostname, port: 5051, resources: resources)
        self.runTime = runTime
        self.counters = counters
    }

    /// Subscribes and waits for SUBSCRIBED.
    func subscribe() async throws {
        let body = try MesosJSON.encode(AgentProtocol.Call.subscribe(.init(agentInfo: info, tasks: [], frameworks: [], version: "1.11.0")))
        switch transport {
        case .http1(let client):
            let response = try await client.stream(HTTPRequest(
                method: .post, url: "\(master)/api/v1/agent",
                headers: ["Content-Type": "application/json", "Accept": "application/json"], body: Array(body),
                connectTimeout: .seconds(30)))
            guard response.status == 200 else { throw BenchmarkError("agent SUBSCRIBE answered \(response.status)") }
            cancelStream = { response.cancel() }
            streamID = response.headers["Mesos-Stream-Id"]
            try await read(response.body)
        case .http2(let connection):
            let response = try await connection.send(
                method: .post, path: "/api/v1/agent", headers: [.contentType: "application/json", .accept: "application/json"], body: Array(body))
            guard response.status == 200 else { throw BenchmarkError("agent SUBSCRIBE answered \(response.status)") }
            cancelStream = response.cancel
            streamID = response.headers[Self.streamIDField]
            try await read(response.body)
        }
    }

    private static let streamIDField = HTTPField.Name("Mesos-Stream-Id")!

    /// Reads the subscription's events until it ends; returns once SUBSCRIBED arrived.
    private func read<Events: AsyncSequence & Sendable>(_ events: Events) async throws where Events.Element == [UInt8] {
        let (subscribed, continuation) = AsyncStream<Result<AgentID, BenchmarkError>>.makeStream()
        reader = Task { [weak self] in
            var first = true
            do {
                for try await record in events.recordIORecords() {
                    guard let event = try? MesosJSON.decode(AgentProtocol.Event.self, from: Data(record)) else { continue }
                    if first {
                        first = false
                        if let id = event.subscribed?.agentID {
                            continuation.yield(.success(id))
                        } else {
                            continuation.yield(.failure(BenchmarkError("agent subscription refused: \(event.type.map { "\($0)" } ?? "?")")))
                        }
                        continuation.finish()
                        continue
                    }
                    await self?.handle(event)
                }
            } catch {}
            continuation.finish()
        }
        for await result in subscribed {
            agentID = try result.get()
            return
        }
        throw BenchmarkError("agent stream ended before SUBSCRIBED")
    }

    func close() {
        cancelStream?()
        reader?.cancel()
    }

    private func handle(_ event: AgentProtocol.Event) {
        switch event.type {
        case .ping:
            guard let agentID else { return }
            send(.pong(agentID: agentID))
        case .runTask:
            guard let body = event.runTask, let frameworkID = body.frameworkInfo.id else { return }
            start(body.task.taskID, frameworkID: frameworkID, executorID: body.task.executor?.executorID)
        case .acknowledge:
            guard let ack = event.acknowledge, var task = tasks[ack.taskID], task.pendingUUID == ack.uuid else { return }
            switch task.phase {
            case .ending:
                tasks[ack.taskID] = nil
                counters.taskEnded()
            case .running(_, finishDue: true):
                update(ack.taskID, .finished)
            case .running(_, finishDue: false):
                task.phase = .running(acknowledged: true, finishDue: false)
                tasks[ack.taskID] = task
            }
        case .killTask:
            guard let kill = event.killTask, tasks[kill.taskID] != nil else { return }
            update(kill.taskID, .killed)
        case .shutdownFramework:
            guard let id = event.shutdownFramework?.frameworkID else { return }
            tasks = tasks.filter { $0.value.frameworkID != id }
        default:
            break
        }
    }

    private func start(_ taskID: TaskID, frameworkID: FrameworkID, executorID: ExecutorID?) {
        tasks[taskID] = RunningTask(frameworkID: frameworkID, executorID: executorID)
        update(taskID, .running)
        guard let runTime else { return }
        Task { [weak self] in
            try? await Task.sleep(for: runTime)
            await self?.runTimePassed(taskID)
        }
    }

    private func runTimePassed(_ taskID: TaskID) {
        guard var task = tasks[taskID], case .running(let acknowledged, _) = task.phase else { return }
        if acknowledged {
            update(taskID, .finished)
        } else {
            task.phase = .running(acknowledged: false, finishDue: true)
            tasks[taskID] = task
        }
    }

    /// Records `state` as the task's pending update and sends it.
    private func update(_ taskID: TaskID, _ state: TaskState) {
        guard let agentID, var task = tasks[taskID] else { return }
        let uuid = withUnsafeBytes(of: UUID().uuid) { Data($0) }
        task.pendingUUID = uuid
        task.phase = state == .running ? .running(acknowledged: false, finishDue: false) : .ending
        tasks[taskID] = task
        let status = TaskStatus(
            taskID: taskID, state: state, source: .executor, agentID: agentID, executorID: task.executorID,
            timestamp: Date().timeIntervalSince1970, uuid: uuid)
        send(.update(agentID: agentID, frameworkID: task.frameworkID, status: status, latestState: state))
        counters.updateSent()
    }

    /// POSTs a call without waiting for it. A status update that fails is sent again after a
    /// second (as the real agent resends unacknowledged updates); other calls are not retried.
    private func send(_ call: AgentProtocol.Call) {
        guard let body = try? MesosJSON.encodeBytes(call) else { return }
        let transport = transport
        let master = master
        let streamID = streamID
        let counters = counters
        let retries = call.type == .update ? 10 : 0
        Task {
            for attempt in 0...retries {
                do {
                    let (status, text) = try await Self.post(body, streamID: streamID, master: master, transport: transport)
                    if status == 202 { return }
                    counters.error("agent call answered \(status): \(text.prefix(200))")
                    return
                } catch {
                    if attempt == retries { counters.error("agent call failed: \(error)") }
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// POSTs one agent call; its status and body.
    private static func post(_ body: [UInt8], streamID: String?, master: String, transport: Transport) async throws -> (Int, String) {
        switch transport {
        case .http1(let client):
            var headers: HTTPHeaders = ["Content-Type": "application/json"]
            if let streamID { headers.add(name: "Mesos-Stream-Id", value: streamID) }
            let response = try await client.execute(
                HTTPRequest(method: .post, url: "\(master)/api/v1/agent", headers: headers, body: body, timeout: .seconds(30)))
            return (response.status, response.bodyText)
        case .http2(let connection):
            var headers: HTTPFields = [.contentType: "application/json"]
            if let streamID { headers[streamIDField] = streamID }
            let response = try await connection.execute(method: .post, path: "/api/v1/agent", headers: headers, body: body)
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
    }
}
