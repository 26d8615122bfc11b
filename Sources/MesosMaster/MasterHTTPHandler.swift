import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MesosMasterCore
import MesosModel
import NIOCore

/// Routes every HTTP request of the master: the scheduler and agent APIs and the
/// operator endpoints. Unknown paths are 404.
struct MasterHTTPHandler: Sendable {
    let runtime: MasterRuntime
    let leadership: any Leadership
    let options: MasterOptions
    let connections: ConnectionLimiter
    let logger: Logger

    /// `Mesos-Stream-Id` (a valid field name literal: the unwrap cannot fail).
    static let streamIDField = HTTPField.Name("Mesos-Stream-Id")!

    /// The answer to a request on an HTTP/1 connection, whose task writes a subscription's stream.
    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        switch request.uri.path {
        case "/api/v1/scheduler", "/api/v1/agent":
            // In a task of its own: a task keeps the stack slabs of the deepest point it reached
            // until it ends, and the request's task lives as long as a subscription does. The
            // call's decoding and state machine run deep; here their slabs are freed when the
            // call is answered, and each open subscription holds only the shallow stream writer.
            // The stream's body watches the request whose body the call collected (the copy).
            let call = request
            return await Task {
                var request = call
                let reply = await apiReply(&request)
                return response(for: reply, request: request)
            }.value
        default:
            var request = request
            let reply = await operatorReply(&request)
            return response(for: reply, request: request)
        }
    }

    /// The answer to a request on an HTTP/2 stream: its task ends once this returns, and the
    /// stream's handler writes a subscription's events without one.
    func reply(to request: Request) async -> MasterReply {
        switch request.uri.path {
        case "/api/v1/scheduler", "/api/v1/agent":
            var request = request
            return await apiReply(&request)
        default:
            var request = request
            return await operatorReply(&request)
        }
    }

    func apiReply(_ request: inout Request) async -> MasterReply {
        request.uri.path == "/api/v1/agent" ? await agentAPI(&request) : await schedulerAPI(&request)
    }

    func operatorReply(_ request: inout Request) async -> MasterReply {
        let endpoints = OperatorEndpoints(
            runtime: runtime, leadership: leadership, options: options, connections: connections)
        return await endpoints.reply(to: &request)
    }

    // MARK: - Front door

    /// A value, or the response that refuses the request.
    enum Outcome<Value> {
        case pass(Value)
        case reject(Response)
    }

    /// The checks every API call passes first, in Mesos's order: leadership,
    /// recovery, method, Content-Type, body size, JSON.
    func frontDoor(_ request: inout Request, path: String) async -> Outcome<Data> {
        switch leadership.state {
        case .following(let leader?):
            var headers = HTTPFields()
            headers[.location] = "//\(leader)\(path)"
            return .reject(Response(status: .temporaryRedirect, headers: headers))
        case .following(nil):
            return .reject(Self.text(.serviceUnavailable, "No leader elected"))
        case .leading:
            break
        }
        guard runtime.isRecovered else {
            return .reject(Self.text(.serviceUnavailable, "Master has not finished recovery"))
        }
        guard request.method == .post else {
            return .reject(Self.text(.methodNotAllowed, "Expecting a 'POST' request, received '\(request.method)'"))
        }
        guard let contentType = request.headers[.contentType] else {
            return .reject(Self.text(.badRequest, "Expecting 'Content-Type' to be present"))
        }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if mediaType == "application/x-protobuf" {
            return .reject(Self.text(.unsupportedMediaType, "swift-mesos supports only 'Content-Type: application/json'"))
        }
        guard mediaType == "application/json" else {
            return .reject(Self.text(.unsupportedMediaType, "Expecting 'Content-Type' of application/json or application/x-protobuf"))
        }
        do {
            let buffer = try await request.collectBody(upTo: options.maxRequestBodyBytes)
            return .pass(Data(buffer.readableBytesView))
        } catch {
            return .reject(Self.text(.contentTooLarge, "Request body is larger than \(options.maxRequestBodyBytes) bytes"))
        }
    }

    /// Decodes a call, with Mesos's two kinds of 400.
    static func decode<T: Decodable>(_ type: T.Type, from body: Data, what: String) -> Outcome<T> {
        do {
            return .pass(try MesosJSON.decode(type, from: body))
        } catch {
            if (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) == nil {
                return .reject(text(.badRequest, "Failed to parse body into JSON: the body is not valid JSON"))
            }
            return .reject(text(.badRequest, "Failed to convert JSON into \(what) protobuf: \(describe(error))"))
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "Missing required field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "Invalid field '\(path)': \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    static func rejection(_ rejection: CallRejection) -> Response {
        text(HTTPResponse.Status(code: rejection.status), rejection.message)
    }

    /// Whether the `Accept` header allows JSON (absent, `*/*`, `application/*` or `application/json`).
    static func acceptsJSON(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept] else { return true }
        let types = accept.split(separator: ",").map {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
        return types.contains { $0 == "*/*" || $0 == "application/*" || $0 == "application/json" || $0.isEmpty }
    }

    // MARK: - Scheduler API

    func schedulerAPI(_ request: inout Request) async -> MasterReply {
        let body: Data
        switch await frontDoor(&request, path: "/api/v1/scheduler") {
        case .reject(let response): return .response(response)
        case .pass(let data): body = data
        }
        let call: Scheduler.Call
        switch Self.decode(Scheduler.Call.self, from: body, what: "Call") {
        case .reject(let response): return .response(response)
        case .pass(let decoded): call = decoded
        }
        if let problem = SchedulerCallValidation.problem(call) {
            return .response(Self.rejection(.invalidSchedulerCall(problem)))
        }
        let streamHeader = request.headers[Self.streamIDField]
        if call.type == .subscribe {
            guard Self.acceptsJSON(request) else {
                return .response(Self.text(.notAcceptable, "Expecting 'Accept' to allow application/json (swift-mesos does not stream application/x-protobuf)"))
            }
            if streamHeader != nil {
                return .response(Self.text(.badRequest, "Subscribe calls should not include the 'Mesos-Stream-Id' header"))
            }
            let streamID = UUID().uuidString.lowercased()
            let queue = await runtime.subscribeFramework(call, streamID: streamID)
            return .stream(Self.subscription(queue, streamID: streamID) { [runtime] in
                await runtime.streamEnded(streamID, framework: true)
            })
        }
        if let rejection = await runtime.schedulerCall(call, streamID: streamHeader) {
            return .response(Self.rejection(rejection))
        }
        return .response(Response(status: .accepted))
    }

    // MARK: - Agent API

    func agentAPI(_ request: inout Request) async -> MasterReply {
        let body: Data
        switch await frontDoor(&request, path: "/api/v1/agent") {
        case .reject(let response): return .response(response)
        case .pass(let data): body = data
        }
        let call: AgentProtocol.Call
        switch Self.decode(AgentProtocol.Call.self, from: body, what: "agent Call") {
        case .reject(let response): return .response(response)
        case .pass(let decoded): call = decoded
        }
        let streamHeader = request.headers[Self.streamIDField]
        if call.type == .subscribe {
            guard let subscribe = call.subscribe else {
                return .response(Self.rejection(.invalidAgentCall("Expecting 'subscribe' to be present")))
            }
            if streamHeader != nil {
                return .response(Self.text(.badRequest, "Subscribe calls should not include the 'Mesos-Stream-Id' header"))
            }
            if subscribe.tasks.count > 1_000_000 || subscribe.frameworks.count > 100_000 {
                return .response(Self.rejection(.invalidAgentCall("Too many tasks or frameworks")))
            }
            let streamID = UUID().uuidString.lowercased()
            let queue = await runtime.subscribeAgent(subscribe, streamID: streamID)
            return .stream(Self.subscription(queue, streamID: streamID) { [runtime] in
                await runtime.streamEnded(streamID, framework: false)
            })
        }
        if let rejection = await runtime.agentCall(call, streamID: streamHeader) {
            return .response(Self.rejection(rejection))
        }
        return .response(Response(status: .accepted))
    }

    // MARK: - Streams

    /// A subscription's stream: a 200 with the stream's id, its body the queue's records.
    static func subscription(
        _ queue: SubscriberQueue, streamID: StreamID, onEnd: @escaping @Sendable () async -> Void
    ) -> OpenSubscription {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[Self.streamIDField] = streamID
        return OpenSubscription(queue: queue, headers: headers, onEnd: onEnd)
    }

    /// The response for `reply` on an HTTP/1 connection: a stream is a 200 chunked response
    /// carrying the queue's RecordIO records until the queue is finished or the client goes
    /// away; its `onEnd` runs once it is over.
    func response(for reply: MasterReply, request: Request) -> Response {
        let stream: OpenSubscription
        switch reply {
        case .response(let response): return response
        case .stream(let subscription): stream = subscription
        }
        let body = ResponseBody { writer in
            do {
                try await request.body.consumeWithInboundCloseHandler(
                    { _ in
                        try await stream.queue.drain { try await writer.write($0) }
                    },
                    onInboundClosed: { stream.queue.finish() })
            } catch {
                // The client went away; the subscription is over.
            }
            await stream.onEnd()
            try? await writer.finish(nil)
        }
        return Response(status: .ok, headers: stream.headers, body: body)
    }
}
