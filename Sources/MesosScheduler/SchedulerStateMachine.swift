import Foundation
import MesosModel

/// The scheduler's subscription as a pure state machine: which master it talks to, the stream id,
/// the framework id, what to do with each SUBSCRIBE answer and each event, when to reconnect, what
/// to acknowledge and what to reconcile. No IO: ``SchedulerClient`` carries out its decisions.
struct SchedulerStateMachine: Sendable {
    typealias Call = MesosModel.Scheduler.Call
    typealias Event = MesosModel.Scheduler.Event

    /// Where the subscription stands.
    enum Phase: Hashable, Sendable {
        /// No connection; the next step is to subscribe.
        case disconnected
        /// SUBSCRIBE sent to the endpoint, no answer yet.
        case subscribing(MasterEndpoint)
        /// The event stream is open.
        case subscribed(MasterEndpoint, streamID: String)
        /// Ended for good (ERROR event or permanent refusal).
        case ended
    }

    /// What to do with an answer to SUBSCRIBE.
    enum SubscribeOutcome: Hashable, Sendable {
        /// 200 with a stream id: read events.
        case streamOpened(streamID: String)
        /// 307: subscribe to `endpoint` after `delay` (zero unless redirects keep coming).
        case redirect(MasterEndpoint, delay: Duration)
        /// Transient (503, 5xx, no stream id): subscribe again after `delay`.
        case retry(after: Duration, reason: String)
        /// Permanent: stop and report `error`.
        case fail(SchedulerError)
    }

    /// What an event leads to.
    struct EventOutcome: Hashable, Sendable {
        /// Events to hand to the framework, in order.
        var events: [SchedulerEvent] = []
        /// Calls to send to the master now (reconciliation after re-registration).
        var calls: [Call] = []
        /// Whether the subscription ended for good.
        var ends = false
    }

    /// Consecutive redirects followed without delay before backing off (a redirect loop).
    static let redirectsWithoutDelay = 3
    /// The most non-terminal tasks remembered for reconciliation.
    static let maximumTrackedTasks = 100_000
    /// Heartbeat interval assumed until the master says otherwise (Mesos sends one every 15 s).
    static let defaultHeartbeatInterval: Duration = .seconds(15)

    private(set) var phase: Phase = .disconnected
    /// The framework id: from the configuration when failing over, else from the first SUBSCRIBED.
    private(set) var frameworkID: FrameworkID?
    /// Whether a SUBSCRIBED arrived before (the next one is a re-registration).
    private(set) var hasBeenSubscribed = false
    private(set) var heartbeatInterval: Duration = Self.defaultHeartbeatInterval
    /// Consecutive failed connection attempts (drives the backoff).
    private(set) var failedAttempts = 0
    /// Tasks launched or updated and not yet terminal, with their agents.
    private(set) var activeTasks: [TaskID: AgentID] = [:]

    let frameworkInfo: FrameworkInfo
    let suppressedRoles: [String]
    let backoff: RetryBackoff
    let missedHeartbeatsBeforeReconnect: Int
    let acknowledgements: AcknowledgementMode
    let reconcileAfterReregistration: Bool

    init(
        frameworkInfo: FrameworkInfo,
        suppressedRoles: [String] = [],
        backoff: RetryBackoff = RetryBackoff(),
        missedHeartbeatsBeforeReconnect: Int = 3,
        acknowledgements: AcknowledgementMode = .implicit,
        reconcileAfterReregistration: Bool = true
    ) {
        self.frameworkInfo = frameworkInfo
        self.frameworkID = frameworkInfo.id
        self.suppressedRoles = suppressedRoles
        self.backoff = backoff
        self.missedHeartbeatsBeforeReconnect = max(1, missedHeartbeatsBeforeReconnect)
        self.acknowledgements = acknowledgements
        self.reconcileAfterReregistration = reconcileAfterReregistration
    }

    // MARK: Subscribing

    /// Starts subscribing to `endpoint`: the SUBSCRIBE call to send (with the framework id once known).
    mutating func subscribe(to endpoint: MasterEndpoint) -> Call {
        phase = .subscribing(endpoint)
        var info = frameworkInfo
        info.id = frameworkID
        return Call.subscribe(frameworkInfo: info, suppressedRoles: suppressedRoles)
    }

    /// Decides what an HTTP answer to SUBSCRIBE means. `random` is in `0..<1` (backoff jitter).
    mutating func subscribeAnswered(
        status: Int, streamID: String?, location: String?, message: String, random: Double
    ) -> SubscribeOutcome {
        guard case .subscribing(let endpoint) = phase else {
            return .retry(after: .zero, reason: "unexpected SUBSCRIBE answer")
        }
        switch status {
        case 200:
            guard let streamID, !streamID.isEmpty else {
                return retry(reason: "master \(endpoint) answered SUBSCRIBE without a Mesos-Stream-Id header", random: random)
            }
            phase = .subscribed(endpoint, streamID: streamID)
            return .streamOpened(streamID: streamID)
        case 301, 302, 303, 307, 308:
            guard let location, let leader = endpoint.redirected(to: location) else {
                return retry(reason: "master \(endpoint) redirected without a usable Location header", random: random)
            }
            phase = .disconnected
            failedAttempts += 1
            let delay = failedAttempts <= Self.redirectsWithoutDelay
                ? Duration.zero : backoff.delay(attempt: failedAttempts - Self.redirectsWithoutDelay, random: random)
            return .redirect(leader, delay: delay)
        case 401, 403:
            phase = .ended
            return .fail(.authenticationRefused(master: endpoint.description, status: status, message: message))
        case 400..<500 where status != 408 && status != 429:
            phase = .ended
            return .fail(.subscriptionRejected(master: endpoint.description, status: status, message: message))
        default:
            let text = message.isEmpty ? "" : " (\(message.prefix(200)))"
            return retry(reason: "master \(endpoint) answered SUBSCRIBE with HTTP \(status)\(text)", random: random)
        }
    }

    /// Another master was elected: the backoff starts over.
    mutating func leaderChanged() {
        failedAttempts = 0
    }

    /// The connection attempt failed before any answer: the delay before the next attempt.
    mutating func connectionFailed(random: Double) -> Duration {
        if phase != .ended { phase = .disconnected }
        failedAttempts += 1
        return backoff.delay(attempt: failedAttempts - 1, random: random)
    }

    private mutating func retry(reason: String, random: Double) -> SubscribeOutcome {
        .retry(after: connectionFailed(random: random), reason: reason)
    }

    // MARK: Events

    /// How long the stream may stay silent before the connection counts as lost.
    var heartbeatTimeout: Duration { heartbeatInterval * missedHeartbeatsBeforeReconnect }

    /// Applies one event from the stream.
    mutating func received(_ event: Event) -> EventOutcome {
        var outcome = EventOutcome()
        switch event.type {
        case .subscribed:
            guard let subscribed = event.subscribed else { return outcome }
            let reregistered = hasBeenSubscribed
            hasBeenSubscribed = true
            frameworkID = subscribed.frameworkID
            failedAttempts = 0
            if let seconds = subscribed.heartbeatIntervalSeconds, seconds.isFinite, seconds > 0 {
                heartbeatInterval = .milliseconds(Int64(min(seconds, 3600) * 1000))
            }
            outcome.events.append(.subscribed(frameworkID: subscribed.frameworkID, master: subscribed.masterInfo, reregistered: reregistered))
            if reregistered, reconcileAfterReregistration {
                outcome.calls = reconciliationCalls()
            }
        case .offers:
            if let offers = event.offers?.offers, !offers.isEmpty { outcome.events.append(.offers(offers)) }
        case .inverseOffers:
            if let offers = event.inverseOffers?.inverseOffers, !offers.isEmpty { outcome.events.append(.inverseOffers(offers)) }
        case .rescind:
            if let rescind = event.rescind { outcome.events.append(.offerRescinded(rescind.offerID)) }
        case .rescindInverseOffer:
            if let rescind = event.rescindInverseOffer { outcome.events.append(.inverseOfferRescinded(rescind.inverseOfferID)) }
        case .update:
            guard let status = event.update?.status else { return outcome }
            track(status)
            outcome.events.append(.statusUpdate(status))
        case .updateOperationStatus:
            if let status = event.updateOperationStatus?.status { outcome.events.append(.operationStatusUpdate(status)) }
        case .message:
            if let message = event.message {
                outcome.events.append(.frameworkMessage(executorID: message.executorID, agentID: message.agentID, data: message.data))
            }
        case .failure:
            guard let failure = event.failure, let agentID = failure.agentID else { return outcome }
            if let executorID = failure.executorID {
                outcome.events.append(.executorLost(executorID: executorID, agentID: agentID, status: failure.status))
            } else {
                outcome.events.append(.agentLost(agentID))
            }
        case .error:
            phase = .ended
            outcome.events.append(.error(message: event.error?.message ?? "the master sent an ERROR event without a message"))
            outcome.ends = true
        case .heartbeat, .unknown, nil:
            break
        }
        return outcome
    }

    /// The stream ended or broke. Returns the event to report (only when it had been subscribed)
    /// and the delay before subscribing again.
    mutating func streamEnded(reason: String, random: Double) -> (event: SchedulerEvent?, delay: Duration) {
        guard phase != .ended else { return (nil, .zero) }
        let wasSubscribed = if case .subscribed = phase { true } else { false }
        phase = .disconnected
        if wasSubscribed {
            // A working subscription broke: retry soon, then back off if the master stays away.
            failedAttempts = 0
            return (.disconnected(reason: reason), backoff.delay(attempt: 0, random: random))
        }
        return (nil, connectionFailed(random: random))
    }

    /// Marks the subscription as ended by the framework (stop, abort, shutdown).
    mutating func end() {
        phase = .ended
    }

    // MARK: Calls

    /// The stream to address calls to, or the error to throw for `callName` when there is none.
    func callTarget(for callName: String) -> Result<(endpoint: MasterEndpoint, streamID: String, frameworkID: FrameworkID), SchedulerError> {
        guard case .subscribed(let endpoint, let streamID) = phase, let frameworkID else {
            return .failure(phase == .ended ? .shutDown : .notSubscribed(call: callName))
        }
        return .success((endpoint, streamID, frameworkID))
    }

    /// ACKNOWLEDGE for `status`, or `nil` when it must not be acknowledged (no `uuid` or `agent_id`:
    /// reconciliation and master-generated updates) or the framework id is not known yet.
    func acknowledgement(for status: TaskStatus) -> Call? {
        guard let frameworkID else { return nil }
        return Call.acknowledge(frameworkID: frameworkID, status: status)
    }

    /// The acknowledgement the SDK sends by itself once `event` was handled, if any.
    func implicitAcknowledgement(after event: SchedulerEvent) -> Call? {
        guard acknowledgements == .implicit, case .statusUpdate(let status) = event else { return nil }
        return acknowledgement(for: status)
    }

    /// Remembers launched tasks so that re-registration reconciles them explicitly (a launch lost
    /// on the way comes back as TASK_LOST / TASK_UNKNOWN instead of silence).
    mutating func launched(_ tasks: [TaskInfo]) {
        for task in tasks where activeTasks.count < Self.maximumTrackedTasks || activeTasks[task.taskID] != nil {
            activeTasks[task.taskID] = task.agentID
        }
    }

    private mutating func track(_ status: TaskStatus) {
        if status.state.isTerminal {
            activeTasks[status.taskID] = nil
        } else if let agentID = status.agentID, activeTasks.count < Self.maximumTrackedTasks || activeTasks[status.taskID] != nil {
            activeTasks[status.taskID] = agentID
        }
    }

    /// Explicit reconciliation of the known non-terminal tasks, then implicit reconciliation of all.
    func reconciliationCalls() -> [Call] {
        guard let frameworkID else { return [] }
        var calls: [Call] = []
        if !activeTasks.isEmpty {
            let tasks = activeTasks
                .sorted { $0.key.value < $1.key.value }
                .map { Call.Reconcile.Task(taskID: $0.key, agentID: $0.value) }
            calls.append(Call.reconcile(frameworkID: frameworkID, tasks: tasks))
        }
        calls.append(Call.reconcile(frameworkID: frameworkID))
        return calls
    }
}
