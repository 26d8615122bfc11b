import Foundation
import Logging
import MesosAgentCore
import MesosHTTPClient
import MesosLeaderElection
import MesosModel
import MesosRecordIO

/// The agent's link to the leading master: a streaming `SUBSCRIBE` to `/api/v1/agent` whose
/// RecordIO events feed the ``AgentRuntime``, and the calls (`UPDATE`, `PONG`, ...) sent with the
/// subscription's `Mesos-Stream-Id`. Finds the leader from the `--master` list (following 307s)
/// or from ZooKeeper, and re-subscribes with backoff whenever the stream ends.
public actor MasterConnection: MasterChannel {
    /// The longest wait between subscription attempts, in seconds.
    public static let maximumBackoff = 10.0
    /// The most redirects followed in one attempt.
    public static let maximumRedirects = 4

    private let address: MasterAddress
    private let http: HTTPClient
    private let runtime: AgentRuntime
    private let agentInfo: AgentInfo
    private let logger: Logger
    private var zookeeperLeader: String?
    private var nextListIndex = 0
    private var streamID: String?
    private var leaderURL: String?
    private var currentStream: HTTPStreamingResponse?

    /// Whether a subscription is up.
    public var isSubscribed: Bool { streamID != nil }

    /// The `host:port` of the master the agent is subscribed to.
    public var master: String? { leaderURL }

    /// Creates a connection; `agentInfo` carries hostname, port, resources and attributes.
    public init(address: MasterAddress, http: HTTPClient, runtime: AgentRuntime, agentInfo: AgentInfo, logger: Logger) {
        self.address = address
        self.http = http
        self.runtime = runtime
        self.agentInfo = agentInfo
        self.logger = logger
    }

    /// Subscribes, processes events and re-subscribes until cancelled.
    public func run() async {
        let detector = startDetection()
        defer { detector?.cancel() }
        var backoff = 0.5
        while !Task.isCancelled {
            let subscribed = await subscribeOnce()
            if Task.isCancelled { break }
            backoff = subscribed ? 0.5 : min(backoff * 2, Self.maximumBackoff)
            let jitter = Double.random(in: 0...0.25) * backoff
            try? await Task.sleep(for: .milliseconds(Int((backoff + jitter) * 1000)))
        }
    }

    /// Sends `UNSUBSCRIBE`: the agent is going away for good.
    public func unsubscribe() async {
        guard let agentID = await runtime.agentID else { return }
        _ = await call(AgentProtocol.Call.unsubscribe(agentID: agentID))
    }

    public func send(update: TaskStatus, frameworkID: FrameworkID, latestState: TaskState) async {
        guard let agentID = await runtime.agentID else { return }
        _ = await call(AgentProtocol.Call.update(agentID: agentID, frameworkID: frameworkID, status: update,
                                                 latestState: latestState))
    }

    public func send(message data: Data, frameworkID: FrameworkID, executorID: ExecutorID) async {
        guard let agentID = await runtime.agentID else { return }
        _ = await call(AgentProtocol.Call(
            type: .message, agentID: agentID,
            message: .init(frameworkID: frameworkID, executorID: executorID, data: data)))
    }

    public func send(executorExited executorID: ExecutorID, frameworkID: FrameworkID, status: Int32?) async {
        guard let agentID = await runtime.agentID else { return }
        _ = await call(AgentProtocol.Call(
            type: .executorExited, agentID: agentID,
            executorExited: .init(frameworkID: frameworkID, executorID: executorID, status: status)))
    }

    // MARK: - Subscription

    private func startDetection() -> Task<Void, Never>? {
        guard case .zookeeper(let url) = address else { return nil }
        let detector = ZooKeeperMasterDetector(url: url, logger: logger)
        return Task {
            for await leader in detector.leaders() {
                self.leaderChanged(leader?.endpoint)
            }
        }
    }

    private func leaderChanged(_ endpoint: String?) {
        guard endpoint != zookeeperLeader else { return }
        logger.info("leading master is now \(endpoint ?? "unknown")")
        zookeeperLeader = endpoint
        if let leaderURL, leaderURL != endpoint { currentStream?.cancel() }  // follow the new leader
    }

    private func candidate() -> String? {
        switch address {
        case .zookeeper: return zookeeperLeader
        case .list(let endpoints):
            let endpoint = endpoints[nextListIndex % endpoints.count]
            nextListIndex += 1
            return endpoint
        }
    }

    /// One subscription attempt; returns whether it was accepted (SUBSCRIBED received).
    private func subscribeOnce() async -> Bool {
        guard var target = candidate() else { return false }
        let body: [UInt8]
        do {
            body = try MesosJSON.encodeBytes(await subscribeCall())
        } catch {
            logger.error("could not encode SUBSCRIBE: \(error)")
            return false
        }
        var response: HTTPStreamingResponse?
        for _ in 0...Self.maximumRedirects {
            let request = HTTPRequest(
                method: .post, url: "http://\(target)/api/v1/agent",
                headers: ["Content-Type": "application/json", "Accept": "application/recordio"],
                body: body, connectTimeout: .seconds(5))
            do {
                let attempt = try await http.stream(request)
                if attempt.status == 307, let location = attempt.location, let next = Self.endpoint(fromLocation: location) {
                    attempt.cancel()
                    target = next
                    continue
                }
                response = attempt
            } catch {
                logger.debug("subscribing to \(target) failed: \(error)")
                return false
            }
            break
        }
        guard let response else { return false }
        guard response.status == 200, let id = response.headers["Mesos-Stream-Id"] else {
            var text: [UInt8] = []
            do {
                for try await chunk in response.body where text.count < 4096 { text += chunk }
            } catch {}
            logger.warning("master \(target) refused SUBSCRIBE: \(response.status) \(String(decoding: text.prefix(512), as: UTF8.self))")
            response.cancel()
            return false
        }
        currentStream = response
        var subscribed = false
        do {
            for try await record in response.body.recordIORecords() {
                let event = try MesosJSON.decode(AgentProtocol.Event.self, from: Data(record))
                if event.type == .subscribed, let body = event.subscribed {
                    streamID = id
                    leaderURL = target
                    subscribed = true
                    if body.agentID != (await runtime.agentID) {
                        do {
                            try await runtime.setAgentID(body.agentID)
                        } catch {
                            logger.error("could not keep the agent id: \(error)")
                        }
                    }
                    logger.info("subscribed to master \(target) as \(body.agentID.value)")
                    await runtime.handle(.masterConnected)
                    continue
                }
                guard subscribed else { continue }
                if await !handle(event) { break }
            }
        } catch {
            logger.info("subscription to \(target) ended: \(error)")
        }
        response.cancel()
        currentStream = nil
        streamID = nil
        leaderURL = nil
        await runtime.handle(.masterDisconnected)
        return subscribed
    }

    /// Applies one event; returns false when the subscription must end.
    private func handle(_ event: AgentProtocol.Event) async -> Bool {
        switch event.type {
        case .runTask:
            if let body = event.runTask { await runtime.handle(.runTask(framework: body.frameworkInfo, task: body.task)) }
        case .killTask:
            if let body = event.killTask {
                await runtime.handle(.killTask(frameworkID: body.frameworkID, taskID: body.taskID, killPolicy: body.killPolicy))
            }
        case .acknowledge:
            if let body = event.acknowledge {
                await runtime.handle(.acknowledge(frameworkID: body.frameworkID, taskID: body.taskID, uuid: body.uuid))
            }
        case .shutdownFramework:
            if let body = event.shutdownFramework { await runtime.handle(.shutdownFramework(body.frameworkID)) }
        case .ping:
            if let agentID = await runtime.agentID {
                let call = AgentProtocol.Call.pong(agentID: agentID)
                Task { _ = await self.call(call) }
            }
        case .shutdown:
            let message = event.shutdown?.message ?? "removed by the master"
            logger.warning("the master shut this agent down: \(message); killing every task and registering anew")
            await runtime.handle(.shutdownAll(message: message))
            do {
                try await runtime.setAgentID(nil)
            } catch {
                logger.error("could not forget the agent id: \(error)")
            }
            return false
        case .error:
            logger.warning("the master reported an error: \(event.error?.message ?? "")")
            return false
        case .shutdownExecutor:
            if let body = event.shutdownExecutor {
                await runtime.handle(.shutdownExecutor(ExecutorKey(frameworkID: body.frameworkID, executorID: body.executorID)))
            }
        case .message:
            if let body = event.message {
                await runtime.handle(.frameworkMessage(ExecutorKey(frameworkID: body.frameworkID, executorID: body.executorID),
                                                       data: body.data))
            }
        case .runTaskGroup:
            if let body = event.runTaskGroup {
                await runtime.handle(.runTaskGroup(framework: body.frameworkInfo, executor: body.executor,
                                                   tasks: body.taskGroup.tasks))
            }
        case .subscribed, .unknown, nil:
            break
        }
        return true
    }

    private func subscribeCall() async -> AgentProtocol.Call {
        var info = agentInfo
        let agentID = await runtime.agentID
        info.id = agentID
        let tasks = await runtime.tasks
        let frameworks = await runtime.frameworks
        let mesosTasks = agentID.map { id in tasks.map { $0.mesosTask(agentID: id) } } ?? []
        return .subscribe(.init(agentInfo: info, tasks: mesosTasks, executors: [], frameworks: frameworks,
                                version: AgentVersion.current))
    }

    /// Sends a call on the current subscription; returns the status (nil when not sent).
    private func call(_ call: AgentProtocol.Call) async -> Int? {
        guard let streamID, let leaderURL else { return nil }
        do {
            let request = HTTPRequest(
                method: .post, url: "http://\(leaderURL)/api/v1/agent",
                headers: ["Content-Type": "application/json", "Mesos-Stream-Id": streamID],
                body: try MesosJSON.encodeBytes(call), timeout: .seconds(15), connectTimeout: .seconds(5))
            let response = try await http.execute(request)
            if response.status != 202 {
                logger.debug("\(call.type?.rawValue ?? "call") answered \(response.status): \(response.bodyText)")
            }
            return response.status
        } catch {
            logger.debug("\(call.type?.rawValue ?? "call") failed: \(error)")
            return nil
        }
    }

    /// `host:port` from a `Location` like `//host:port/api/v1/agent` or `http://host:port/...`.
    static func endpoint(fromLocation location: String) -> String? {
        var rest = Substring(location)
        for prefix in ["http://", "//"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        let hostPort = rest.prefix { $0 != "/" }
        return hostPort.contains(":") ? String(hostPort) : nil
    }
}
