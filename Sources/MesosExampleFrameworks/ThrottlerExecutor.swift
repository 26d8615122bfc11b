import Foundation
import Logging
import MesosHTTPClient
import MesosModel
import MesosRecordIO

/// The Throttler's worker as a custom executor (v1 executor HTTP API): subscribes to its agent,
/// runs the launched task's queries, and reports `TASK_RUNNING`, then `TASK_FINISHED` with
/// "Executed N queries in X sec" (each query's latency as JSON in the status's `data`), or
/// `TASK_FAILED` after a failed query, or `TASK_KILLED` when the agent kills the task. It exits once
/// the agent acknowledged the final update.
public struct ThrottlerExecutor: Sendable {
    /// What is missing from the executor's environment.
    public struct EnvironmentError: Error, CustomStringConvertible {
        /// The message.
        public var description: String
    }

    private enum Input: Sendable {
        case event(Executor.Event)
        case streamEnded(String)
        case terminalSent(uuid: Data)
        case gaveUp(String)
    }

    private let agentEndpoint: String
    private let frameworkID: FrameworkID
    private let executorID: ExecutorID
    private let target: String
    private let queries: Int
    private let logger: Logger

    /// An executor for `queries` GETs of `target`, with the agent's variables from `environment`
    /// (`MESOS_AGENT_ENDPOINT`, `MESOS_FRAMEWORK_ID`, `MESOS_EXECUTOR_ID`).
    public init(environment: [String: String], target: String, queries: Int, logger: Logger) throws {
        func variable(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw EnvironmentError(description: "\(name) is not set: --executor runs only as a Mesos executor")
            }
            return value
        }
        agentEndpoint = try variable("MESOS_AGENT_ENDPOINT")
        frameworkID = FrameworkID(try variable("MESOS_FRAMEWORK_ID"))
        executorID = ExecutorID(try variable("MESOS_EXECUTOR_ID"))
        self.target = target
        self.queries = queries
        self.logger = logger
    }

    private var endpoint: String { "http://\(agentEndpoint)/api/v1/executor" }

    /// Subscribes, runs the task, reports; true when the final update was acknowledged.
    public func run() async throws -> Bool {
        let client = try HTTPClient(logger: logger)
        let subscribe = Executor.Call.subscribe(executorID: executorID, frameworkID: frameworkID)
        let response = try await client.stream(request(subscribe))
        guard response.status == 200 else {
            response.cancel()
            await client.shutdown()
            throw EnvironmentError(description: "SUBSCRIBE answered \(response.status)")
        }
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self)
        let reader = Task {
            do {
                for try await record in response.body.recordIORecords() {
                    continuation.yield(.event(try MesosJSON.decode(Executor.Event.self, from: Data(record))))
                }
                continuation.yield(.streamEnded("the agent closed the stream"))
            } catch {
                continuation.yield(.streamEnded("\(error)"))
            }
        }
        var work: Task<Void, Never>?
        var terminalUUID: Data?
        var acknowledged: Set<Data> = []
        var done = false
        loop: for await input in inputs {
            switch input {
            case .event(let event):
                switch event.type {
                case .launch?:
                    guard work == nil, let task = event.launch?.task else { continue }
                    logger.info("launched \(task.taskID.value): \(queries) queries of \(target)")
                    work = Task { await runTask(task.taskID, client: client, continuation: continuation) }
                case .kill?:
                    logger.info("kill requested")
                    work?.cancel()
                case .acknowledged?:
                    guard let uuid = event.acknowledged?.uuid else { continue }
                    acknowledged.insert(uuid)
                    if uuid == terminalUUID {
                        done = true
                        break loop
                    }
                case .shutdown?:
                    logger.info("shutdown requested")
                    work?.cancel()
                    break loop
                case .error?:
                    logger.error("error from the agent: \(event.error?.message ?? "")")
                default:
                    continue
                }
            case .terminalSent(let uuid):
                terminalUUID = uuid
                if acknowledged.contains(uuid) {
                    done = true
                    break loop
                }
            case .streamEnded(let reason):
                logger.error("subscription ended: \(reason)")
                break loop
            case .gaveUp(let reason):
                logger.error("\(reason)")
                break loop
            }
        }
        work?.cancel()
        await work?.value
        reader.cancel()
        response.cancel()
        await client.shutdown()
        return done
    }

    /// Reports RUNNING, runs the queries, reports the final state; hands the final update's uuid
    /// to the event loop, which waits for its acknowledgement.
    private func runTask(_ taskID: TaskID, client: HTTPClient, continuation: AsyncStream<Input>.Continuation) async {
        do {
            _ = try await update(taskID, state: .running, client: client)
            let outcome = await QueryRunner(client: client, target: target).run(queries: queries)
            let final: Data
            if outcome.cancelled {
                // This task is cancelled (a KILL): send from a fresh task, which is not.
                let message = "Killed after \(outcome.result.queries) queries"
                final = try await Task { try await update(taskID, state: .killed, message: message, client: client) }.value
            } else if let failure = outcome.failure {
                final = try await update(
                    taskID, state: .failed,
                    message: "\(failure) (executed \(outcome.result.queries) queries in \(String(format: "%.3f", outcome.result.seconds)) sec)",
                    client: client)
            } else {
                final = try await update(
                    taskID, state: .finished, message: outcome.result.message, data: outcome.result.latencyData,
                    client: client)
            }
            logger.info("\(taskID.value): final update sent")
            continuation.yield(.terminalSent(uuid: final))
            try await Task.sleep(for: .seconds(60))  // cancelled when the acknowledgement arrives
            continuation.yield(.gaveUp("\(taskID.value): the agent did not acknowledge the final update"))
        } catch is CancellationError {
            return
        } catch {
            continuation.yield(.gaveUp("\(taskID.value): cannot report to the agent: \(error)"))
        }
    }

    /// Sends an UPDATE (retrying a few times), returning its uuid.
    private func update(
        _ taskID: TaskID, state: TaskState, message: String? = nil, data: Data? = nil, client: HTTPClient
    ) async throws -> Data {
        let uuid = withUnsafeBytes(of: UUID().uuid) { Data($0) }
        let status = TaskStatus(
            taskID: taskID, state: state, message: message, source: .executor, data: data, executorID: executorID,
            timestamp: Date().timeIntervalSince1970, uuid: uuid)
        let call = Executor.Call.update(executorID: executorID, frameworkID: frameworkID, status: status)
        var lastProblem = ""
        for attempt in 1...10 {
            do {
                let response = try await client.execute(request(call, timeout: .seconds(10)))
                if (200..<300).contains(response.status) { return uuid }
                lastProblem = "UPDATE answered \(response.status): \(String(decoding: response.body, as: UTF8.self))"
            } catch {
                lastProblem = "\(error)"
            }
            logger.warning("UPDATE \(state.rawValue) attempt \(attempt) failed: \(lastProblem)")
            try? await Task.sleep(for: .milliseconds(200 * attempt))
        }
        throw EnvironmentError(description: lastProblem)
    }

    private func request(_ call: Executor.Call, timeout: Duration? = nil) throws -> HTTPRequest {
        HTTPRequest(
            method: .post, url: endpoint,
            headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: try MesosJSON.encodeBytes(call), timeout: timeout, connectTimeout: .seconds(10))
    }
}
