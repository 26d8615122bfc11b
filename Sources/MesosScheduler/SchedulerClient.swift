import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import Synchronization

/// The async API: iterate ``events`` (which subscribes, reconnects and acknowledges for you) and make
/// calls with the async methods.
///
/// ```swift
/// let client = try SchedulerClient(configuration: configuration)
/// for try await event in client.events {
///     switch event {
///     case .offers(let offers): try await client.decline(offers.map(\.id))
///     case .statusUpdate(let status): print(status.state)
///     default: break
///     }
/// }
/// ```
///
/// Calls made while no subscription is open throw ``SchedulerError/notSubscribed(call:)`` at once;
/// they are never queued (a stale ACCEPT replayed later would launch on offers that no longer exist).
/// After a re-registration the client reconciles the framework's tasks by itself.
public final class SchedulerClient: Sendable {
    typealias Call = MesosModel.Scheduler.Call

    /// The configuration, with ``SchedulerDefaults`` applied to the framework info.
    public let configuration: SchedulerConfiguration
    /// The parsed master URL.
    public let masterURL: MasterURL

    let http: HTTPClient
    let detector: MasterDetector
    let machine: Mutex<SchedulerStateMachine>
    let random: @Sendable () -> Double
    private let eventsTaken = Mutex(false)

    /// Creates a client; nothing is sent until ``events`` is iterated.
    ///
    /// - Throws: ``SchedulerError/invalidMasterURL(_:reason:)`` for a master URL that cannot work.
    public convenience init(configuration: SchedulerConfiguration) throws(SchedulerError) {
        try self.init(configuration: configuration, random: { Double.random(in: 0..<1) })
    }

    init(configuration: SchedulerConfiguration, random: @escaping @Sendable () -> Double) throws(SchedulerError) {
        var configuration = configuration
        configuration.frameworkInfo = SchedulerDefaults.applied(to: configuration.frameworkInfo)
        if let credentials = configuration.credentials, configuration.frameworkInfo.principal == nil {
            configuration.frameworkInfo.principal = credentials.principal
        }
        self.configuration = configuration
        masterURL = try MasterURL(parsing: configuration.master)
        do {
            http = try HTTPClient(
                // Calls reuse kept-alive connections: beyond 64 at once they wait for one, rather
                // than opening (and closing) a connection each, which floods the master's accept queue.
                configuration: HTTPClientConfiguration(
                    defaultTimeout: configuration.callTimeout, defaultConnectTimeout: configuration.connectTimeout,
                    connectionCacheSize: SchedulerDefaults.maximumConnections,
                    maximumConnectionsPerHost: SchedulerDefaults.maximumConnections),
                logger: configuration.logger)
        } catch {
            throw .callFailed(call: "SUBSCRIBE", reason: "\(error)")
        }
        detector = MasterDetector(url: masterURL, logger: configuration.logger)
        machine = Mutex(SchedulerStateMachine(
            frameworkInfo: configuration.frameworkInfo,
            suppressedRoles: configuration.suppressedRoles,
            backoff: configuration.backoff,
            missedHeartbeatsBeforeReconnect: configuration.missedHeartbeatsBeforeReconnect,
            acknowledgements: configuration.acknowledgements,
            reconcileAfterReregistration: configuration.reconcileAfterReregistration))
        self.random = random
    }

    deinit {
        detector.shutdown()
    }

    /// The events of the subscription: subscribing, re-subscribing after connection loss
    /// (`.disconnected`, then `.subscribed(reregistered: true)`), until an ERROR from the master or
    /// a permanent refusal (both thrown as ``SchedulerError``), cancellation of the iterating task,
    /// or ``shutdown()`` (the sequence ends).
    ///
    /// Iterate it once, from one task. With implicit acknowledgements a status update is acknowledged
    /// when the next event is requested.
    public var events: SchedulerEvents { SchedulerEvents(client: self) }

    /// The framework id, once the master assigned it (or the configured one when failing over).
    public var frameworkID: FrameworkID? { machine.withLock { $0.frameworkID } }

    /// Whether an event stream is open right now.
    public var isSubscribed: Bool {
        machine.withLock { if case .subscribed = $0.phase { true } else { false } }
    }

    /// Ends the subscription (the framework stays registered until its failover timeout) and
    /// releases the connections. Iteration of ``events`` ends.
    public func shutdown() async {
        machine.withLock { $0.end() }
        detector.shutdown()
        await http.shutdown()
    }

    func claimEvents() -> Bool {
        eventsTaken.withLock { taken in
            defer { taken = true }
            return !taken
        }
    }

    // MARK: Calls

    /// Launches `tasks` on the resources of `offerIDs` (all from one agent).
    public func launch(_ tasks: [TaskInfo], offerIDs: [OfferID], filters: Filters? = nil) async throws {
        try await accept(offerIDs: offerIDs, operations: [.launch(tasks)], filters: filters)
    }

    /// Accepts `offerIDs` with `operations`; unused resources are declined with `filters`.
    public func accept(offerIDs: [OfferID], operations: [Offer.Operation], filters: Filters? = nil) async throws {
        let tasks = operations.flatMap { $0.launch?.taskInfos ?? [] }
        machine.withLock { $0.launched(tasks) }
        try await send(Call(type: .accept, accept: Call.Accept(offerIDs: offerIDs, operations: operations, filters: filters)))
    }

    /// Declines offers; by default their resources stay away for ``SchedulerDefaults/declineRefuseSeconds``.
    public func decline(_ offerIDs: [OfferID], filters: Filters = SchedulerDefaults.declineFilters) async throws {
        try await send(Call(type: .decline, decline: Call.Decline(offerIDs: offerIDs, filters: filters)))
    }

    /// Asks for offers again and clears decline filters (empty `roles`: all roles).
    public func revive(roles: [String] = []) async throws {
        try await send(Call(type: .revive, revive: Call.Roles(roles: roles)))
    }

    /// Stops offers (empty `roles`: all roles) until ``revive(roles:)``.
    public func suppress(roles: [String] = []) async throws {
        try await send(Call(type: .suppress, suppress: Call.Roles(roles: roles)))
    }

    /// Sends SUPPRESS or REVIVE when `demand` says the need for offers changed.
    public func update(_ demand: inout OfferDemand, hasWork: Bool) async throws {
        var next = demand
        switch next.update(hasWork: hasWork) {
        case .suppress?: try await suppress()
        case .revive?: try await revive()
        case nil: break
        }
        demand = next
    }

    /// Kills a task.
    public func kill(_ taskID: TaskID, agentID: AgentID? = nil, killPolicy: KillPolicy? = nil) async throws {
        try await send(Call(type: .kill, kill: Call.Kill(taskID: taskID, agentID: agentID, killPolicy: killPolicy)))
    }

    /// Acknowledges a status update (needed with ``AcknowledgementMode/explicit``). Updates without
    /// a `uuid` (reconciliation answers) are not acknowledged: this returns at once for them.
    public func acknowledge(_ status: TaskStatus) async throws {
        guard let call = machine.withLock({ $0.acknowledgement(for: status) }) else { return }
        try await send(call)
    }

    /// Asks the master for the latest state of `tasks` (empty: every task of the framework).
    public func reconcile(_ tasks: [MesosModel.Scheduler.Call.Reconcile.Task] = []) async throws {
        try await send(Call(type: .reconcile, reconcile: Call.Reconcile(tasks: tasks)))
    }

    /// Sends bytes to an executor.
    public func message(executorID: ExecutorID, agentID: AgentID, data: Data) async throws {
        try await send(Call(type: .message, message: Call.Message(agentID: agentID, executorID: executorID, data: data)))
    }

    /// Asks the allocator for resources.
    public func request(_ requests: [MesosModel.Request]) async throws {
        try await send(Call(type: .request, request: Call.Request(requests: requests)))
    }

    /// Shuts an executor down.
    public func shutdownExecutor(_ executorID: ExecutorID, agentID: AgentID) async throws {
        try await send(Call(type: .shutdown, shutdown: Call.Shutdown(executorID: executorID, agentID: agentID)))
    }

    /// Removes the framework from the master, killing all its tasks.
    public func teardown() async throws {
        try await send(Call(type: .teardown))
    }

    /// Sends any call on the open subscription; `framework_id` is filled in when missing.
    ///
    /// - Throws: ``SchedulerError/notSubscribed(call:)`` when no subscription is open (or the master
    ///   answers 403 "Framework is not subscribed": the subscription ended while the call was sent),
    ///   ``SchedulerError/callRejected(call:status:message:)`` when the master answers other than 202,
    ///   ``SchedulerError/callFailed(call:reason:)`` when the master cannot be reached.
    public func send(_ call: MesosModel.Scheduler.Call) async throws {
        let name = call.type?.rawValue ?? "call"
        let target = try machine.withLock { $0.callTarget(for: name) }.get()
        var call = call
        if call.frameworkID == nil { call.frameworkID = target.frameworkID }
        let body: [UInt8]
        do { body = try MesosJSON.encodeBytes(call) } catch { throw SchedulerError.callFailed(call: name, reason: "cannot encode: \(error)") }
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json"]
        headers.add(name: "Mesos-Stream-Id", value: target.streamID)
        let request = HTTPRequest(
            method: .post, url: target.endpoint.schedulerURL, headers: headers, body: body,
            timeout: configuration.callTimeout, connectTimeout: configuration.connectTimeout,
            basicAuthentication: basicAuthentication)
        let response: HTTPResponse
        do {
            response = try await http.execute(request)
        } catch let error as HTTPClientError {
            if error == .cancelled { throw CancellationError() }
            throw SchedulerError.callFailed(call: name, reason: error.description)
        }
        guard response.status == 202 || response.status == 200 else {
            let message = String(response.bodyText.prefix(1000))
            // The subscription ended at the master while the call was on its way (Mesos's wording).
            if response.status == 403, message.contains("not subscribed") { throw SchedulerError.notSubscribed(call: name) }
            throw SchedulerError.callRejected(call: name, status: response.status, message: message)
        }
    }

    var basicAuthentication: BasicAuthentication? {
        configuration.credentials.map { BasicAuthentication(username: $0.principal, password: $0.secret) }
    }
}
