import Foundation
import Hummingbird
import Logging
import MesosHTTPClient
import MesosModel
import MesosRecordIO
import MesosTestKit
import Synchronization

/// A tiny in-test master speaking the agent protocol: accepts SUBSCRIBE with a RecordIO event
/// stream the test can push to, records every call, and (optionally) acknowledges updates.
final class FakeMaster: Sendable {
    struct Recorded: Sendable {
        var subscribes: [AgentProtocol.Call.Subscribe] = []
        var updates: [AgentProtocol.Call.Update] = []
        var pongs = 0
        var unsubscribes = 0
        var badStreamIDs = 0
        var messages: [Data] = []
        var executorExits: [AgentProtocol.Call.ExecutorExited] = []
    }

    let port: UInt16
    let agentID: AgentID
    private let recorded = Mutex(Recorded())
    private let stream = Mutex<(id: String, continuation: AsyncStream<ByteBuffer>.Continuation)?>(nil)
    private let autoAcknowledge = Mutex(true)
    private let redirect = Mutex<String?>(nil)
    private let server = Mutex<BackgroundService?>(nil)

    var address: String { "127.0.0.1:\(port)" }
    var snapshot: Recorded { recorded.withLock { $0 } }

    static func start(agentID: AgentID) async throws -> FakeMaster {
        let master = FakeMaster(port: try FreePort.next(), agentID: agentID)
        let router = Router()
        router.post("api/v1/agent") { request, _ -> Response in try await master.handle(request) }
        router.get("health") { _, _ in "OK" }
        var quiet = Logger(label: "fake-master")
        quiet.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: Int(master.port))), logger: quiet)
        // Stopped by a graceful shutdown, not by cancellation (`withRunningService`).
        master.server.withLock { $0 = BackgroundService.start(app, logger: quiet) }
        let client = try HTTPClient(logger: Logger(label: "fake-master"))
        defer { Task { await client.shutdown() } }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let response = try? await client.execute(MesosHTTPClient.HTTPRequest(url: "http://\(master.address)/health", timeout: .seconds(2))),
               response.status == 200 { return master }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestKitError("the fake master did not start on port \(master.port)")
    }

    private init(port: UInt16, agentID: AgentID) {
        self.port = port
        self.agentID = agentID
    }

    func stop() {
        closeStream()
        guard let service = server.withLock({ $0 }) else { return }
        Task { await service.stop() }
    }

    func setAutoAcknowledge(_ value: Bool) { autoAcknowledge.withLock { $0 = value } }

    /// Makes this master answer every call with `307` to the leader at `leader` (`host:port`).
    func redirect(to leader: String?) { redirect.withLock { $0 = leader } }

    /// Sends an event on the current subscription.
    func push(_ event: AgentProtocol.Event) {
        guard let data = try? MesosJSON.encode(event), let framed = try? RecordIOEncoder.encode(Array(data)) else { return }
        _ = stream.withLock { $0?.continuation.yield(ByteBuffer(bytes: framed)) }
    }

    /// Ends the current subscription stream (as a failing master would).
    func closeStream() {
        stream.withLock {
            $0?.continuation.finish()
            $0 = nil
        }
    }

    var isSubscribed: Bool { stream.withLock { $0 != nil } }

    private func handle(_ request: Request) async throws -> Response {
        if let leader = redirect.withLock({ $0 }) {
            var headers = HTTPFields()
            headers[.location] = "//\(leader)/api/v1/agent"
            return Response(status: .temporaryRedirect, headers: headers)
        }
        let body = try await request.body.collect(upTo: 4 << 20)
        let call = try MesosJSON.decode(AgentProtocol.Call.self, from: Data(buffer: body))
        switch call.type {
        case .subscribe:
            guard let subscribe = call.subscribe else { return Response(status: .badRequest) }
            recorded.withLock { $0.subscribes.append(subscribe) }
            let (events, continuation) = AsyncStream<ByteBuffer>.makeStream()
            let id = UUID().uuidString
            stream.withLock {
                $0?.continuation.finish()
                $0 = (id, continuation)
            }
            push(.subscribed(.init(agentID: agentID, pingIntervalSeconds: 15)))
            var headers = HTTPFields()
            headers[.contentType] = "application/recordio"
            headers[.init("Mesos-Stream-Id")!] = id
            return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: events))
        default:
            let current = stream.withLock { $0?.id }
            guard let given = request.headers[.init("Mesos-Stream-Id")!], given == current else {
                recorded.withLock { $0.badStreamIDs += 1 }
                return Response(status: .badRequest)
            }
            switch call.type {
            case .update:
                if let update = call.update {
                    recorded.withLock { $0.updates.append(update) }
                    if autoAcknowledge.withLock({ $0 }), let uuid = update.status.uuid, let frameworkID = update.frameworkID {
                        push(.acknowledge(.init(frameworkID: frameworkID, taskID: update.status.taskID, uuid: uuid)))
                    }
                }
            case .pong: recorded.withLock { $0.pongs += 1 }
            case .unsubscribe: recorded.withLock { $0.unsubscribes += 1 }
            case .message:
                if let message = call.message { recorded.withLock { $0.messages.append(message.data) } }
            case .executorExited:
                if let exited = call.executorExited { recorded.withLock { $0.executorExits.append(exited) } }
            default: break
            }
            return Response(status: .accepted)
        }
    }

    /// Distinct (by uuid) states the master received for a task, in order.
    func states(of taskID: String) -> [TaskState] {
        var seen = Set<Data>()
        return snapshot.updates.compactMap { update in
            guard update.status.taskID.value == taskID, let uuid = update.status.uuid, seen.insert(uuid).inserted
            else { return nil }
            return update.status.state
        }
    }

    /// Waits until `condition` holds for the recorded calls.
    func wait(timeout: Double = 60, _ condition: (Recorded) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(snapshot) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition(snapshot)
    }
}
