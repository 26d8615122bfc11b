import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MesosModel
import MesosRecordIO
import MesosTestKit
import NIOCore
import Synchronization

/// A scriptable stand-in for a master's `/api/v1/scheduler` endpoint: real HTTP on 127.0.0.1 with
/// a port of its own, answering each SUBSCRIBE from a script and recording every other call.
final class FakeMaster: Sendable {
    /// How to answer one SUBSCRIBE.
    enum SubscribeReply: Sendable {
        /// 307 with this `Location`.
        case redirect(String)
        /// This status and body.
        case status(Int, String)
        /// 200 and an event stream starting with `initial` events, cut into `chunkSize`-byte writes;
        /// later events come from ``push(_:)``; ``dropStream()`` ends it.
        case stream(initial: [MesosModel.Scheduler.Event], chunkSize: Int)
    }

    /// One call received.
    struct ReceivedCall: Sendable {
        let call: MesosModel.Scheduler.Call
        let streamID: String?
        let authorization: String?
    }

    private enum StreamCommand: Sendable {
        case event(MesosModel.Scheduler.Event)
        case close
    }

    private struct State {
        var script: [SubscribeReply] = []
        var subscribes: [ReceivedCall] = []
        var calls: [ReceivedCall] = []
        var streams = 0
        var current: AsyncStream<StreamCommand>.Continuation?
        var currentStreamID: String?
        var runsLaunchedTasks = false
        var updateCounter: UInt8 = 0
        var callReply: (status: Int, message: String)?
    }

    let frameworkID = FrameworkID("fake-master-0000")
    private let state = Mutex(State())
    private let portBox = Mutex(0)

    /// The port it listens on.
    var port: Int { portBox.withLock { $0 } }

    /// The replies for the next SUBSCRIBE calls, in order; afterwards every SUBSCRIBE gets a stream
    /// starting with SUBSCRIBED (heartbeat `heartbeatSeconds`) and a HEARTBEAT.
    func script(_ replies: [SubscribeReply]) {
        state.withLock { $0.script.append(contentsOf: replies) }
    }

    /// Answers the calls other than SUBSCRIBE from now on with this status and text (nil: 202).
    func answerCalls(_ reply: (status: Int, message: String)?) {
        state.withLock { $0.callReply = reply }
    }

    var heartbeatSeconds: Double { 15 }

    var address: String { "127.0.0.1:\(port)" }

    /// The SUBSCRIBE calls so far.
    var subscribes: [ReceivedCall] { state.withLock { $0.subscribes } }

    /// The other calls so far.
    var calls: [ReceivedCall] { state.withLock { $0.calls } }

    /// The number of event streams opened so far.
    var streamCount: Int { state.withLock { $0.streams } }

    /// The stream id of the open stream.
    var currentStreamID: String? { state.withLock { $0.currentStreamID } }

    /// Answers every launched task with TASK_RUNNING then TASK_FINISHED updates (with uuids).
    func runLaunchedTasks() {
        state.withLock { $0.runsLaunchedTasks = true }
    }

    /// Sends an event on the open stream.
    func push(_ event: MesosModel.Scheduler.Event) {
        _ = state.withLock { $0.current?.yield(.event(event)) }
    }

    /// Ends the open stream (the connection drops).
    func dropStream() {
        state.withLock { state in
            state.current?.yield(.close)
            state.current = nil
            state.currentStreamID = nil
        }
    }

    /// The SUBSCRIBED event this master sends.
    func subscribed(heartbeat: Double = 15) -> MesosModel.Scheduler.Event {
        .subscribed(frameworkID: frameworkID, heartbeatIntervalSeconds: heartbeat,
                    masterInfo: MasterInfo(id: "fake", ip: 0x0100007f, port: UInt32(port), hostname: "127.0.0.1"))
    }

    /// Waits until a call of `type` satisfying `where` arrived; returns it.
    func waitForCall(
        _ type: MesosModel.Scheduler.Call.CallType,
        timeout: Duration = .seconds(30),
        where matches: @Sendable (MesosModel.Scheduler.Call) -> Bool = { _ in true }
    ) async throws -> ReceivedCall {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let call = calls.first(where: { $0.call.type == type && matches($0.call) }) { return call }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw FakeMasterError("no \(type.rawValue) call within \(timeout); calls: \(calls.map { $0.call.type?.rawValue ?? "?" })")
    }

    /// Runs `body` with a started fake master, then stops it.
    static func with<T>(port: Int = 0, _ body: (FakeMaster) async throws -> T) async throws -> T {
        let master = FakeMaster()
        let quietLogger = Logger(label: "fake-master", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, portInput) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: master.makeRouter(),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                portInput.yield(channel.localAddress?.port ?? 0)
                portInput.finish()
            },
            logger: quietLogger
        )
        // Stopped by a graceful shutdown, not by cancellation (`withRunningService`).
        return try await withRunningService(app, logger: quietLogger) {
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw FakeMasterError("the fake master did not start") }
            master.portBox.withLock { $0 = port }
            defer { master.dropStream() }
            return try await body(master)
        }
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/api/v1/scheduler") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let call = try MesosJSON.decode(MesosModel.Scheduler.Call.self, from: Data(buffer: body))
            let received = ReceivedCall(
                call: call,
                streamID: request.headers[HTTPField.Name("Mesos-Stream-Id")!],
                authorization: request.headers[.authorization])
            guard call.type == .subscribe else {
                self.record(received)
                if let reply = self.state.withLock({ $0.callReply }) {
                    return Response(status: .init(code: reply.status), body: .init(byteBuffer: ByteBuffer(string: reply.message)))
                }
                return Response(status: .accepted)
            }
            return self.subscribe(received)
        }
        return router
    }

    private func record(_ received: ReceivedCall) {
        state.withLock { state in
            state.calls.append(received)
            guard state.runsLaunchedTasks, received.call.type == .accept else { return }
            let tasks = received.call.accept?.operations.flatMap { $0.launch?.taskInfos ?? [] } ?? []
            for task in tasks {
                for taskState in [TaskState.running, .finished] {
                    state.updateCounter &+= 1
                    let uuid = Data((0..<16).map { $0 == 0 ? state.updateCounter : UInt8($0) })
                    state.current?.yield(.event(.update(TaskStatus(
                        taskID: task.taskID, state: taskState, source: .executor, agentID: task.agentID, uuid: uuid))))
                }
            }
        }
    }

    private func subscribe(_ received: ReceivedCall) -> Response {
        let reply: SubscribeReply = state.withLock { state in
            state.subscribes.append(received)
            return state.script.isEmpty ? .stream(initial: [subscribed(), .heartbeat], chunkSize: 4096) : state.script.removeFirst()
        }
        switch reply {
        case .redirect(let location):
            return Response(status: .temporaryRedirect, headers: [.location: location])
        case .status(let code, let text):
            return Response(status: .init(code: code), body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        case .stream(let initial, let chunkSize):
            let streamID = UUID().uuidString
            let (commands, continuation) = AsyncStream<StreamCommand>.makeStream()
            state.withLock { state in
                state.current?.yield(.close)
                state.current = continuation
                state.currentStreamID = streamID
                state.streams += 1
            }
            for event in initial { continuation.yield(.event(event)) }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[HTTPField.Name("Mesos-Stream-Id")!] = streamID
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                for await command in commands {
                    guard case .event(let event) = command else { break }
                    let record = try RecordIOEncoder.encode(Array(try MesosJSON.encode(event)))
                    var start = 0
                    while start < record.count {
                        let end = min(record.count, start + max(1, chunkSize))
                        try await writer.write(ByteBuffer(bytes: record[start..<end]))
                        start = end
                    }
                }
                try await writer.finish(nil)
            })
        }
    }
}

struct FakeMasterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
