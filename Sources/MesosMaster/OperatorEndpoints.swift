import Foundation
import HTTPTypes
import Hummingbird
import MesosMasterCore
import MesosModel
import MesosRecordIO
import NIOCore

/// The operator endpoints: `/version`, `/health`, `/master/state` and friends,
/// `/metrics/snapshot`, `/master/teardown`, `/weights` and the v1 operator API.
struct OperatorEndpoints {
    let runtime: MasterRuntime
    let leadership: any Leadership
    let options: MasterOptions
    let connections: ConnectionLimiter

    typealias Object = [String: Any]

    /// Written with ``OperatorJSON`` (keys in no particular order: `JSONSerialization`'s
    /// `.sortedKeys` sorts with locale-aware comparison, which made `/master/state-summary` of
    /// 5,000 agents take seconds).
    static func json(_ value: OperatorJSON, status: HTTPResponse.Status = .ok) -> Response {
        json(bytes: value.bytes, status: status)
    }

    /// JSON text.
    static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A tree of Swift/Foundation values (the v1 operator API's), written as JSON.
    static func json(any value: Any, status: HTTPResponse.Status = .ok) -> Response {
        json(OperatorJSON(value), status: status)
    }

    var leader: String? {
        if case .following(let leader) = leadership.state { return leader ?? "" }
        return nil
    }

    func snapshot() async -> StateJSON {
        let runtime = runtime
        return StateJSON(state: await Task(priority: .high) { await runtime.state }.value, options: options, leader: leader)
    }

    /// What `body` reads from the state, computed on the master's actor ahead of the calls queued
    /// there: the actor runs its queued jobs by priority, and at 50,000 agents thousands of agents'
    /// and frameworks' calls can be queued behind an allocation round. A read changes nothing, so it
    /// may pass them; it still waits for the job under way.
    func read<T: Sendable>(_ body: @escaping @Sendable (MasterState) -> T) async -> T {
        let runtime = runtime
        return await Task(priority: .high) { await runtime.read(body) }.value
    }

    /// Endpoints every master answers itself; standbys send the others to the leader.
    static let answeredByAnyMaster: Set<String> = [
        "/health", "/master/health", "/version", "/master/redirect", "/redirect", "/metrics/snapshot", "/flags", "/master/flags",
    ]

    /// The answer to a request: a response, or the operator API's event stream (SUBSCRIBE on `/api/v1`).
    func reply(to request: inout Request) async -> MasterReply {
        if request.uri.path == "/api/v1", case .leading = leadership.state {
            return await OperatorAPI(endpoints: self).reply(to: &request)
        }
        return .response(await respond(to: &request))
    }

    /// The response to a request; on `/api/v1` (this master leading) see ``reply(to:)``.
    func respond(to request: inout Request) async -> Response {
        let path = request.uri.path
        if !Self.answeredByAnyMaster.contains(path) {
            switch leadership.state {
            case .following(let leader?):
                var headers = HTTPFields()
                let query = request.uri.query.map { "?\($0)" } ?? ""
                headers[.location] = "//\(leader)\(path)\(query)"
                return Response(status: .temporaryRedirect, headers: headers)
            case .following(nil):
                return MasterHTTPHandler.text(.serviceUnavailable, "No leader elected")
            case .leading:
                break
            }
        }
        switch path {
        case "/health", "/master/health":
            return Self.json(.object(leadership.healthDetails.mapValues { .string($0) }))
        case "/version":
            return Self.json([
                "version": .string(MasterVersion.version), "build_date": "2026-01-01 00:00:00", "build_time": 1_767_225_600,
                "build_user": "swift-mesos", "git_sha": "", "git_tag": .string(MasterVersion.version),
            ])
        case "/master/redirect", "/redirect":
            var headers = HTTPFields()
            switch leadership.state {
            case .leading: headers[.location] = "//\(options.advertisedAddress)"
            case .following(let leader?): headers[.location] = "//\(leader)"
            case .following(nil): return MasterHTTPHandler.text(.serviceUnavailable, "No leader elected")
            }
            return Response(status: .temporaryRedirect, headers: headers)
        case "/master/flags", "/flags":
            // Mesos's `/flags`: the flags the master runs with.
            return Self.json(["flags": .object(options.flags.mapValues { .string($0) })])
        case "/master/state", "/state", "/state.json", "/master/state.json":
            return Self.json(.object(await snapshot().full))
        case "/master/state-summary", "/state-summary":
            // Streamed as its slices are written (``StateSummarySlices``).
            let summary = StateSummarySlices(endpoints: self)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await summary.write { try await writer.write(ByteBuffer(bytes: $0)) }
                try await writer.finish(nil)
            })
        case "/master/frameworks", "/frameworks":
            let state = await snapshot()
            let wanted = request.uri.queryParameters["framework_id"].map(String.init)
            let frameworks = state.frameworks.filter { wanted == nil || $0["id"]?.stringValue == wanted }
            return Self.json([
                "frameworks": .array(frameworks.map { .object($0) }),
                "completed_frameworks": .array(state.completedFrameworks.map { .object($0) }),
                "unregistered_frameworks": [],
            ])
        case "/master/slaves", "/slaves":
            let state = await snapshot()
            let wanted = request.uri.queryParameters["slave_id"].map(String.init)
            return Self.json([
                "slaves": .array(state.agents(only: wanted)),
                "recovered_slaves": state.recoveredAgents,
            ])
        case "/master/tasks", "/tasks":
            return await tasks(request)
        case "/metrics/snapshot":
            return Self.json(.object(await metricsSnapshot().mapValues { .double($0) }))
        case "/master/teardown", "/teardown":
            return await teardown(&request)
        case "/weights", "/master/weights":
            return await weights(&request)
        default:
            return MasterHTTPHandler.text(.notFound, "No such endpoint: \(path)")
        }
    }

    /// The values of `/metrics/snapshot` (and of the operator API's GET_METRICS).
    func metricsSnapshot() async -> [String: Double] {
        let runtime = runtime
        let allocation = await Task(priority: .high) { await runtime.allocationRunTimes.metrics }.value
        let (options, leader) = (options, leader)
        let metrics = await read { StateJSON(state: $0, options: options, leader: leader).metrics }
        return metrics.merging(leadership.metrics) { _, new in new }
            .merging(allocation) { _, new in new }
            .merging([
                "master/connections_open": Double(connections.openConnections),
                "master/connections_max": Double(connections.maximum),
                "master/connections_limit_reached": Double(connections.timesLimitReached),
            ]) { _, new in new }
    }

    /// `/master/tasks?limit=&offset=&order=asc|desc&framework_id=&task_id=`. A `limit` above
    /// 100,000 is taken as 100,000; one that is not a whole number, a negative one or offset, or
    /// another order is a 400 (Mesos read those as its defaults).
    func tasks(_ request: Request) async -> Response {
        let query = request.uri.queryParameters
        func whole(_ name: Substring, default value: Int) -> Int? {
            guard let text = query[name] else { return value }
            return Int(text).flatMap { $0 >= 0 ? $0 : nil }
        }
        guard let limit = whole("limit", default: 100).map({ min($0, 100_000) }) else {
            return MasterHTTPHandler.text(.badRequest, "limit must be a whole number from 0 (at most 100000 are returned)")
        }
        guard let offset = whole("offset", default: 0) else {
            return MasterHTTPHandler.text(.badRequest, "offset must be a whole number from 0")
        }
        let descending: Bool
        switch query["order"].map(String.init) {
        case nil, "asc", "ascending": descending = false
        case "des", "desc", "descending": descending = true
        default: return MasterHTTPHandler.text(.badRequest, "order must be 'asc' or 'desc'")
        }
        let wanted = TaskPage(
            limit: limit, offset: offset, descending: descending,
            frameworkID: query["framework_id"].map(String.init), taskID: query["task_id"].map(String.init))
        let page = await read { wanted.tasks(in: $0) }
        return Self.json(["tasks": .array(page.map { .object(StateJSON.task($0)) })])
    }

    func teardown(_ request: inout Request) async -> Response {
        guard request.method == .post || request.method == .delete else {
            return MasterHTTPHandler.text(.methodNotAllowed, "Expecting a 'POST' request, received '\(request.method)'")
        }
        let body = (try? await request.collectBody(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
        var id = request.uri.queryParameters["frameworkId"].map(String.init)
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "frameworkId" {
                id = String(parts[1]).removingPercentEncoding ?? String(parts[1])
            }
        }
        guard let id, !id.isEmpty else {
            return MasterHTTPHandler.text(.badRequest, "Missing 'frameworkId' query parameter in the request body")
        }
        if let rejection = await runtime.teardown(FrameworkID(id)) {
            return MasterHTTPHandler.rejection(rejection)
        }
        return Response(status: .ok)
    }

    func weights(_ request: inout Request) async -> Response {
        if request.method == .get {
            let weights = await runtime.state.currentWeights
            return Self.json(.array(weights.keys.sorted().map { ["role": .string($0), "weight": .double(weights[$0] ?? 1)] }))
        }
        guard request.method == .put || request.method == .post else {
            return MasterHTTPHandler.text(.methodNotAllowed, "Expecting a 'GET' or 'PUT' request, received '\(request.method)'")
        }
        guard let buffer = try? await request.collectBody(upTo: 1024 * 1024),
            let list = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [Object]
        else {
            return MasterHTTPHandler.text(.badRequest, "Failed to parse update weights request: expecting a JSON array of {\"role\": ..., \"weight\": ...}")
        }
        var weights: [String: Double] = [:]
        for entry in list {
            guard let role = entry["role"] as? String, let weight = entry["weight"] as? Double else {
                return MasterHTTPHandler.text(.badRequest, "Each weight needs a string 'role' and a number 'weight'")
            }
            weights[role] = weight
        }
        if let rejection = await runtime.updateWeights(weights) { return MasterHTTPHandler.rejection(rejection) }
        return Response(status: .ok)
    }
}
