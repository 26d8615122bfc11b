import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import MesosRecordIO
import Synchronization

/// The IO shell around ``SchedulerStateMachine`` for one iteration of ``SchedulerEvents``: opens the
/// streaming SUBSCRIBE, decodes RecordIO events, watches heartbeats and leader changes, reconnects
/// with backoff, and sends the calls the state machine asks for. Used by one task at a time.
final class SubscriptionLoop {
    typealias Records = RecordIOAsyncSequence<HTTPResponseBody>.AsyncIterator

    /// Why the open stream is being torn down from outside the read.
    private final class Interruption: Sendable {
        let reason = Mutex<String?>(nil)
    }

    /// The largest SUBSCRIBE refusal body read for its message.
    static let maximumRefusalBody = 64 * 1024

    private let client: SchedulerClient
    private var logger: Logger { client.configuration.logger }
    private var claimed = false
    private var finished = false
    private var terminalError: SchedulerError?
    private var pending: [SchedulerEvent] = []
    private var pendingAcknowledgement: MesosModel.Scheduler.Call?
    private var retryDelay: Duration?
    /// The master the last attempt failed on (nil after a success): the retry waits for its backoff
    /// only while ZooKeeper still names that master.
    private var failedEndpoint: MasterEndpoint?
    private var redirectTarget: MasterEndpoint?
    private var stream: (response: HTTPStreamingResponse, records: Records, endpoint: MasterEndpoint)?
    private var leaderWatch: Task<Void, Never>?
    private let interruption = Interruption()

    init(client: SchedulerClient) {
        self.client = client
    }

    deinit {
        leaderWatch?.cancel()
        stream?.response.cancel()
    }

    func next() async throws -> SchedulerEvent? {
        if !claimed {
            guard client.claimEvents() else { throw SchedulerError.eventsAlreadyIterated }
            claimed = true
        }
        if let acknowledgement = pendingAcknowledgement {
            pendingAcknowledgement = nil
            await sendQuietly(acknowledgement)
        }
        while true {
            if !pending.isEmpty {
                let event = pending.removeFirst()
                pendingAcknowledgement = client.machine.withLock { $0.implicitAcknowledgement(after: event) }
                return event
            }
            if let error = terminalError {
                terminalError = nil
                finish()
                throw error
            }
            if finished || client.machine.withLock({ $0.phase == .ended }) && stream == nil {
                finish()
                return nil
            }
            do {
                try Task.checkCancellation()
                if stream == nil {
                    try await connect()
                } else {
                    try await read()
                }
            } catch {
                finish()
                if case SchedulerError.shutDown = error { return nil }  // shutdown() ends the sequence
                throw error
            }
        }
    }

    // MARK: Connecting

    private func connect() async throws {
        if let delay = retryDelay {
            retryDelay = nil
            try await waitBeforeRetry(delay, leaving: failedEndpoint)
        }
        let endpoint: MasterEndpoint
        if let target = redirectTarget {
            endpoint = target
            redirectTarget = nil
        } else {
            endpoint = try await client.detector.candidate()
        }
        let call = client.machine.withLock { $0.subscribe(to: endpoint) }
        let request = HTTPRequest(
            method: .post, url: endpoint.schedulerURL,
            headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: try MesosJSON.encodeBytes(call),
            connectTimeout: client.configuration.connectTimeout,
            basicAuthentication: client.basicAuthentication)
        logger.debug("Subscribing to \(endpoint.schedulerURL)")
        let response: HTTPStreamingResponse
        do {
            response = try await client.http.stream(request)
        } catch {
            if Task.isCancelled || (error as? HTTPClientError) == .cancelled { throw CancellationError() }
            if (error as? HTTPClientError) == .shutDown { finished = true; return }
            let delay = client.machine.withLock { $0.connectionFailed(random: client.random()) }
            client.detector.failed(endpoint)
            logger.warning("Cannot reach master \(endpoint): \(error); retrying in \(delay.seconds) s")
            retryDelay = delay
            failedEndpoint = endpoint
            return
        }
        var message = ""
        if response.status != 200 {
            let body = (try? await response.body.collect(upTo: Self.maximumRefusalBody)) ?? []
            message = String(decoding: body, as: UTF8.self).trimmingWhitespace()
        }
        let outcome = client.machine.withLock {
            $0.subscribeAnswered(
                status: response.status, streamID: response.headers["Mesos-Stream-Id"],
                location: response.location, message: message, random: client.random())
        }
        switch outcome {
        case .streamOpened(let streamID):
            logger.info("Subscribed to master \(endpoint) (stream \(streamID))")
            failedEndpoint = nil
            interruption.reason.withLock { $0 = nil }
            stream = (response, response.body.recordIORecords().makeAsyncIterator(), endpoint)
            watchLeader(connectedTo: endpoint, response: response)
        case .redirect(let leader, let delay):
            response.cancel()
            logger.info("Master \(endpoint) is not the leader; following its redirect to \(leader)")
            redirectTarget = leader
            retryDelay = delay > .zero ? delay : nil
        case .retry(let delay, let reason):
            response.cancel()
            client.detector.failed(endpoint)
            logger.warning("\(reason); retrying in \(delay.seconds) s")
            retryDelay = delay
            failedEndpoint = endpoint
        case .fail(let error):
            response.cancel()
            logger.error("\(error)")
            finished = true
            throw error
        }
    }

    /// Sleeps `delay` before the next attempt; with ZooKeeper, stops waiting as soon as a leader
    /// other than `failed` is elected (the backoff spares a master that is down, not its successor)
    /// and starts the backoff over.
    private func waitBeforeRetry(_ delay: Duration, leaving failed: MasterEndpoint?) async throws {
        guard let failed, let changes = client.detector.leaderChanges() else {
            try await Task.sleep(for: delay)
            return
        }
        let newLeader = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await Task.sleep(for: delay)
                return false
            }
            group.addTask {
                for await leader in changes where leader != nil && leader != failed { return true }
                try await Task.sleep(for: delay)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        // A new master starts a new backoff: its answers (e.g. 503 while it recovers) must not
        // wait as long as the attempts on its dead predecessor did.
        if newLeader { client.machine.withLock { $0.leaderChanged() } }
    }

    private func watchLeader(connectedTo endpoint: MasterEndpoint, response: HTTPStreamingResponse) {
        leaderWatch?.cancel()
        guard let changes = client.detector.leaderChanges() else { return }
        let interruption = interruption
        leaderWatch = Task {
            for await leader in changes {
                if let leader, leader != endpoint {
                    interruption.reason.withLock { $0 = "the leading master changed to \(leader)" }
                    response.cancel()
                    return
                }
            }
        }
    }

    // MARK: Reading

    private func read() async throws {
        guard var current = stream else { return }
        let timeout = client.machine.withLock { $0.heartbeatTimeout }
        let interruption = interruption
        let response = current.response
        let watchdog = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            interruption.reason.withLock { $0 = $0 ?? "no event from the master for \(timeout.seconds) s (missed heartbeats)" }
            response.cancel()
        }
        defer { watchdog.cancel() }
        let record: [UInt8]?
        do {
            record = try await current.records.next()
            stream?.records = current.records
        } catch {
            if Task.isCancelled { throw CancellationError() }
            let reason = interruption.reason.withLock { $0 } ?? "the event stream broke: \(error)"
            streamEnded(reason: reason)
            return
        }
        guard let record else {
            streamEnded(reason: "the master closed the event stream")
            return
        }
        let event: MesosModel.Scheduler.Event
        do {
            event = try MesosJSON.decode(MesosModel.Scheduler.Event.self, from: Data(record))
        } catch {
            logger.warning("Skipping an event that does not decode: \(error)")
            return
        }
        let outcome = client.machine.withLock { $0.received(event) }
        pending.append(contentsOf: outcome.events)
        for call in outcome.calls {
            await sendQuietly(call)
        }
        if outcome.ends {
            closeStream()
            finished = true
            for case .error(let message) in outcome.events {
                terminalError = .frameworkRemoved(message: message)
            }
        }
    }

    private func streamEnded(reason: String) {
        let endpoint = stream?.endpoint
        closeStream()
        let (event, delay) = client.machine.withLock { $0.streamEnded(reason: reason, random: client.random()) }
        if client.machine.withLock({ $0.phase == .ended }) {
            finished = true
            return
        }
        if let endpoint { client.detector.failed(endpoint) }
        logger.warning("Disconnected from the master: \(reason); resubscribing in \(delay.seconds) s")
        if let event { pending.append(event) }
        retryDelay = delay
        failedEndpoint = endpoint
    }

    private func closeStream() {
        leaderWatch?.cancel()
        leaderWatch = nil
        stream?.response.cancel()
        stream = nil
    }

    private func finish() {
        finished = true
        closeStream()
    }

    private func sendQuietly(_ call: MesosModel.Scheduler.Call) async {
        do {
            try await client.send(call)
        } catch {
            logger.warning("\(call.type?.rawValue ?? "call") not sent: \(error)")
        }
    }
}
