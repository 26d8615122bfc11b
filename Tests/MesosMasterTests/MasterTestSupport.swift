import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import MesosTestKit

/// Starts `swift-mesos-master` on a free port with fast timers, runs `body`, and stops it.
func withMaster<T>(
    _ extra: [String] = [], workDir: String? = nil, _ body: (Daemon, HTTPClient) async throws -> T
) async throws -> T {
    let client = try HTTPClient(logger: Logger(label: "test.master"))
    defer { Task { await client.shutdown() } }
    return try await withDaemon(
        "swift-mesos-master",
        arguments: [
            "--port={port}", "--ip=127.0.0.1", "--hostname=127.0.0.1", "--work_dir=\(workDir ?? "{dir}/work")",
            "--allocation_interval=50ms", "--logging_level=WARNING",
        ] + extra
    ) { daemon in
        try await body(daemon, client)
    }
}

/// POSTs `body` (raw bytes) to `path` with `headers`.
func post(
    _ client: HTTPClient, _ daemon: Daemon, _ path: String, body: [UInt8], headers: HTTPHeaders = ["Content-Type": "application/json"],
    method: HTTPMethod = .post
) async throws -> HTTPResponse {
    try await client.execute(HTTPRequest(method: method, url: daemon.baseURL + path, headers: headers, body: body, timeout: .seconds(10)))
}

/// POSTs a JSON text.
func post(_ client: HTTPClient, _ daemon: Daemon, _ path: String, json: String, headers: HTTPHeaders = ["Content-Type": "application/json"]) async throws -> HTTPResponse {
    try await post(client, daemon, path, body: Array(json.utf8), headers: headers)
}

/// GETs `path` and parses the JSON body.
func getJSON(_ client: HTTPClient, _ daemon: Daemon, _ path: String) async throws -> [String: Any] {
    let response = try await client.execute(HTTPRequest(method: .get, url: daemon.baseURL + path, timeout: .seconds(10)))
    guard response.status == 200, let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
        throw TestKitError("GET \(path) answered \(response.status): \(response.bodyText)")
    }
    return object
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// A minimal v1 scheduler for tests: one subscription and calls with its stream id.
struct TestScheduler {
    let client: HTTPClient
    let daemon: Daemon
    let stream: SubscriptionStream<Scheduler.Event>
    let frameworkID: FrameworkID

    static func subscribe(
        _ client: HTTPClient, _ daemon: Daemon, info: FrameworkInfo = FrameworkInfo(user: "test", name: "test"),
        suppressedRoles: [String] = []
    ) async throws -> TestScheduler {
        let stream = try await SubscriptionStream<Scheduler.Event>(
            client: client, url: daemon.baseURL + "/api/v1/scheduler",
            call: Scheduler.Call.subscribe(frameworkInfo: info, suppressedRoles: suppressedRoles))
        let subscribed = try await stream.next { $0.type == .subscribed || $0.type == .error }
        guard let id = subscribed.subscribed?.frameworkID else {
            throw TestKitError("SUBSCRIBE failed: \(subscribed.error?.message ?? "?")")
        }
        return TestScheduler(client: client, daemon: daemon, stream: stream, frameworkID: id)
    }

    /// POSTs `call` with this subscription's stream id.
    @discardableResult
    func call(_ call: Scheduler.Call) async throws -> HTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let id = stream.streamID { headers.add(name: "Mesos-Stream-Id", value: id) }
        return try await post(client, daemon, "/api/v1/scheduler", body: Array(try MesosJSON.encode(call)), headers: headers)
    }

    func next(_ type: Scheduler.Event.EventType, timeout: Duration = .seconds(30)) async throws -> Scheduler.Event {
        try await stream.next(timeout: timeout) { $0.type == type }
    }

    /// The next UPDATE for `task`.
    func update(of task: TaskID, timeout: Duration = .seconds(30)) async throws -> TaskStatus {
        let event = try await stream.next(timeout: timeout) { $0.type == .update && $0.update?.status.taskID == task }
        guard let status = event.update?.status else { throw TestKitError("UPDATE without status") }
        return status
    }

    /// Waits for an offer (on `agent` when given).
    func offer(on agent: AgentID? = nil, timeout: Duration = .seconds(30)) async throws -> Offer {
        let event = try await stream.next(timeout: timeout) { event in
            event.type == .offers && (event.offers?.offers ?? []).contains { agent == nil || $0.agentID == agent }
        }
        guard let offer = event.offers?.offers.first(where: { agent == nil || $0.agentID == agent }) else {
            throw TestKitError("No offer")
        }
        return offer
    }
}

/// A command task using `resources` on the offer's agent.
func commandTask(_ id: TaskID, on agent: AgentID, resources: [Resource]) -> TaskInfo {
    TaskInfo(name: id.value, taskID: id, agentID: agent, resources: resources, command: CommandInfo(value: "sleep 10"))
}

let smallTask: [Resource] = [.scalar(name: "cpus", value: 0.5), .scalar(name: "mem", value: 64)]
let agentResources: [Resource] = [.scalar(name: "cpus", value: 2), .scalar(name: "mem", value: 1024)]
