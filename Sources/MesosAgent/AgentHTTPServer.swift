import Foundation
import Hummingbird
import MesosAgentCore
import MesosModel
import MesosRecordIO

/// The agent's HTTP endpoints: `/health`, `/state`, `/metrics/snapshot`, `/files/*` (sandboxes
/// only) and `/api/v1/executor`.
public struct AgentHTTPServer: Sendable {
    private let runtime: AgentRuntime
    private let connection: MasterConnection?
    private let agentInfo: AgentInfo
    private let files: SandboxFiles
    private let flags: [String: String]
    private let startTime = Date()

    /// Creates the endpoints.
    public init(runtime: AgentRuntime, connection: MasterConnection?, agentInfo: AgentInfo, sandboxesRoot: String,
                flags: [String: String]) {
        self.runtime = runtime
        self.connection = connection
        self.agentInfo = agentInfo
        self.files = SandboxFiles(root: sandboxesRoot)
        self.flags = flags
    }

    /// A router with every endpoint.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("health") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "OK\n"))) }
        router.get("state") { _, _ in try await self.state() }
        // Mesos's `/flags`: the flags the agent runs with.
        router.get("flags") { _, _ in
            Self.json(try JSONSerialization.data(withJSONObject: ["flags": self.flags], options: [.sortedKeys, .withoutEscapingSlashes]))
        }
        router.get("metrics/snapshot") { _, _ in try await self.metrics() }
        router.get("files/browse") { request, _ in try self.browse(request) }
        router.get("files/read") { request, _ in try self.read(request) }
        router.get("files/download") { request, _ in try self.download(request) }
        router.post("api/v1/executor") { request, _ in try await self.executorCall(request) }
        router.post("api/v1") { request, _ in try await self.operatorCall(request) }
        return router
    }

    // MARK: - Executor API

    /// The largest executor call accepted.
    public static let maximumCallSize = 4 << 20

    private func executorCall(_ request: Request) async throws -> Response {
        guard let contentType = request.headers[.contentType] else {
            return Self.text(.badRequest, "missing Content-Type: send application/json")
        }
        guard contentType.lowercased().hasPrefix("application/json") else {
            return Self.text(.unsupportedMediaType, "Content-Type \(contentType) is not supported: send application/json")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maximumCallSize)
        } catch {
            return Self.text(.contentTooLarge, "the call is larger than \(Self.maximumCallSize) bytes")
        }
        let call: Executor.Call
        do {
            call = try MesosJSON.decode(Executor.Call.self, from: Data(buffer: body))
        } catch {
            return Self.text(.badRequest, "malformed executor call: \(error)")
        }
        let key = ExecutorKey(frameworkID: call.frameworkID, executorID: call.executorID)
        if call.type != .subscribe, !(await runtime.knowsExecutor(key)) {
            return Self.text(.notFound, "executor \(key) is not known to this agent: SUBSCRIBE first")
        }
        switch call.type {
        case .subscribe:
            guard let events = await runtime.subscribeExecutor(key) else {
                return Self.text(.notFound, "executor \(key) is not known to this agent (it must be launched by it)")
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/recordio"
            let frames = events.compactMap { event -> ByteBuffer? in
                guard let data = try? MesosJSON.encodeBytes(event), let framed = try? RecordIOEncoder.encode(data) else {
                    return nil
                }
                return ByteBuffer(bytes: framed)
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: frames))
        case .update:
            guard let update = call.update else { return Self.text(.badRequest, "UPDATE needs an 'update' body") }
            guard update.status.taskID.value.utf8.count <= IdentifierValidation.maximumLength else {
                return Self.text(.badRequest, "task id too long")
            }
            await runtime.handle(.executorUpdate(key, update.status))
            return Response(status: .accepted)
        case .message:
            guard let message = call.message else { return Self.text(.badRequest, "MESSAGE needs a 'message' body") }
            await runtime.handle(.executorMessage(key, data: message.data))
            return Response(status: .accepted)
        case .heartbeat:
            return Response(status: .accepted)
        case .unknown, nil:
            return Self.text(.badRequest, "unknown executor call type")
        }
    }

    // MARK: - State and metrics

    private func state() async throws -> Response {
        let snapshot = AgentStateSnapshot.make(
            agentID: await runtime.agentID, agentInfo: agentInfo, master: await connection?.master,
            tasks: await runtime.tasks, completed: await runtime.completedTasks, flags: flags)
        return Self.json(try MesosJSON.encode(snapshot))
    }

    private func metrics() async throws -> Response {
        // Not `.sortedKeys`: it sorts with locale-aware comparison, far too slow for a big state.
        Self.json(try JSONSerialization.data(withJSONObject: await metricValues(), options: [.withoutEscapingSlashes]))
    }

    /// The values of `/metrics/snapshot` (and of the operator API's GET_METRICS).
    private func metricValues() async -> [String: Double] {
        let tasks = await runtime.tasks
        let completed = await runtime.completedTasks
        func count(_ state: TaskState) -> Double {
            Double(tasks.filter { $0.state == state }.count + completed.filter { $0.state == state }.count)
        }
        let used = AgentStateSnapshot.summary(of: tasks.filter { !$0.state.isTerminal }.flatMap(\.task.resources))
        let total = AgentStateSnapshot.summary(of: agentInfo.resources)
        func scalar(_ summary: [String: AgentStateSnapshot.ResourceValue], _ name: String) -> Double {
            if case .number(let value) = summary[name] { return value }
            return 0
        }
        let subscribed = await connection?.isSubscribed ?? false
        return [
            "slave/registered": subscribed ? 1 : 0,
            "slave/uptime_secs": Date().timeIntervalSince(startTime),
            "slave/tasks_staging": count(.staging),
            "slave/tasks_starting": count(.starting),
            "slave/tasks_running": count(.running),
            "slave/tasks_killing": count(.killing),
            "slave/tasks_finished": count(.finished),
            "slave/tasks_failed": count(.failed),
            "slave/tasks_killed": count(.killed),
            "slave/tasks_lost": count(.lost),
            "slave/tasks_error": count(.error),
            "slave/cpus_total": scalar(total, "cpus"),
            "slave/cpus_used": scalar(used, "cpus"),
            "slave/mem_total": scalar(total, "mem"),
            "slave/mem_used": scalar(used, "mem"),
            "slave/disk_total": scalar(total, "disk"),
            "slave/disk_used": scalar(used, "disk"),
        ]
    }

    // MARK: - Operator API

    /// The largest operator call accepted.
    static let maximumOperatorCallSize = 1 << 20

    /// `POST /api/v1`: the agent's v1 operator calls GET_HEALTH, GET_VERSION, GET_FLAGS and
    /// GET_METRICS in Mesos's shapes (`mesos.v1.agent.Call`); the others answer 501.
    private func operatorCall(_ request: Request) async throws -> Response {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("application/json") else {
            return Self.text(.unsupportedMediaType, "Expecting 'Content-Type' of application/json")
        }
        guard let body = try? await request.body.collect(upTo: Self.maximumOperatorCallSize) else {
            return Self.text(.contentTooLarge, "Request body is larger than \(Self.maximumOperatorCallSize) bytes")
        }
        guard let call = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            return Self.text(.badRequest, "Failed to parse body into JSON: the body is not a JSON object")
        }
        guard let type = call["type"] as? String else {
            return Self.text(.badRequest, "Failed to validate agent::Call: Expecting 'type' to be present")
        }
        let answer: [String: Any]
        switch type {
        case "GET_HEALTH":
            answer = ["healthy": true]
        case "GET_VERSION":
            answer = ["version_info": ["version": AgentVersion.current, "build_user": "swift-mesos"]]
        case "GET_FLAGS":
            answer = ["flags": flags.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }]
        case "GET_METRICS":
            // Answered at once: `get_metrics.timeout` has nothing to wait for.
            answer = ["metrics": await metricValues().sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] as [String: Any] }]
        default:
            return Self.text(.notImplemented, "Operator call '\(type.prefix(100))' is not supported by the swift-mesos agent")
        }
        return Self.json(try JSONSerialization.data(
            withJSONObject: ["type": type, type.lowercased(): answer], options: [.withoutEscapingSlashes]))
    }

    // MARK: - Files

    private func resolved(_ request: Request) throws -> String {
        guard let path = request.uri.queryParameters.get("path") else {
            throw HTTPError(.badRequest, message: "missing the 'path' query parameter")
        }
        do {
            return try files.resolve(path)
        } catch .outsideSandboxes {
            throw HTTPError(.forbidden, message: "'\(path)' is outside the agent's sandboxes")
        } catch .notFound {
            throw HTTPError(.notFound, message: "'\(path)' does not exist")
        }
    }

    private func browse(_ request: Request) throws -> Response {
        let path = try resolved(request)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HTTPError(.notFound, message: "'\(path)' does not exist")
        }
        let names = isDirectory.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().prefix(10_000).map { path + "/" + $0 }
            : [path]
        var entries: [[String: Any]] = []
        for entry in names {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: entry) else { continue }
            let type = attributes[.type] as? FileAttributeType
            let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
            entries.append([
                "path": entry,
                "size": (attributes[.size] as? NSNumber)?.int64Value ?? 0,
                "mtime": (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
                "mode": Self.modeString(permissions, directory: type == .typeDirectory),
                "nlink": (attributes[.referenceCount] as? NSNumber)?.intValue ?? 1,
                "uid": attributes[.ownerAccountName] as? String ?? "",
                "gid": attributes[.groupOwnerAccountName] as? String ?? "",
            ])
        }
        return Self.json(try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    private func read(_ request: Request) throws -> Response {
        let path = try resolved(request)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HTTPError(.notFound, message: "'\(path)' is not a readable file")
        }
        defer { try? handle.close() }
        let size = Int64((try? handle.seekToEnd()) ?? 0)
        let offset = Int64(request.uri.queryParameters.get("offset") ?? "0") ?? -2
        if offset == -1 {  // Mesos: offset -1 asks for the file's length
            return Self.json(try JSONSerialization.data(withJSONObject: ["data": "", "offset": size], options: [.sortedKeys, .withoutEscapingSlashes]))
        }
        guard offset >= 0 else { throw HTTPError(.badRequest, message: "offset must be a non-negative integer or -1") }
        let requested: Int
        if let text = request.uri.queryParameters.get("length") {
            guard let value = Int(text), value >= 0 else { throw HTTPError(.badRequest, message: "length must be a non-negative integer") }
            requested = value
        } else {
            requested = SandboxFiles.maximumReadLength
        }
        let length = min(requested, SandboxFiles.maximumReadLength)
        var data = Data()
        if offset < size {
            try handle.seek(toOffset: UInt64(offset))
            data = try handle.read(upToCount: length) ?? Data()
        }
        let text = String(decoding: data, as: UTF8.self)
        return Self.json(try JSONSerialization.data(withJSONObject: ["data": text, "offset": offset], options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    private func download(_ request: Request) throws -> Response {
        let path = try resolved(request)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw HTTPError(.notFound, message: "'\(path)' is not a file")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        guard size <= SandboxFiles.maximumDownloadSize else {
            throw HTTPError(.contentTooLarge, message: "'\(path)' is larger than \(SandboxFiles.maximumDownloadSize) bytes; use /files/read with offset and length")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HTTPError(.notFound, message: "'\(path)' is not readable")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        let name = (path as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "")
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - Helpers

    private static func modeString(_ permissions: Int, directory: Bool) -> String {
        var text = directory ? "d" : "-"
        for shift in [6, 3, 0] {
            let bits = (permissions >> shift) & 7
            text += (bits & 4 != 0 ? "r" : "-") + (bits & 2 != 0 ? "w" : "-") + (bits & 1 != 0 ? "x" : "-")
        }
        return text
    }

    static func json(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
