import MesosModel

/// The bookkeeping of a Throttler run: queries not yet handed out, tasks in flight (launched, no
/// terminal status yet), finished tasks and failures. Pure; the scheduler feeds it offers and
/// status updates.
///
/// A failed task (`TASK_FAILED`, `TASK_ERROR`, `TASK_LOST`, `TASK_DROPPED`, `TASK_GONE`, or a kill
/// the Throttler did not ask for) counts as an error and its whole batch goes back to the queue, to
/// be retried by a new task (the target may see the queries the task ran before it failed twice).
/// Once errors pass `maxErrors` the run is aborted: nothing more is launched, tasks in flight are
/// killed, and their kills are not errors.
public struct ThrottlerLedger: Sendable {
    /// What a terminal status did to the run.
    public enum Outcome: Hashable, Sendable {
        /// The task finished its batch.
        case finished(QueryBatchResult)
        /// The task failed; its batch was queued again (unless the run is aborted).
        case failed(retried: Bool)
        /// The task was killed by the Throttler (after an abort).
        case killed
    }

    /// One task that failed.
    public struct Failure: Hashable, Sendable {
        /// The task.
        public var taskID: TaskID
        /// Its terminal state.
        public var state: TaskState
        /// Its status message, if any.
        public var message: String?
    }

    /// Queries to run in all.
    public let totalQueries: Int
    /// Queries per task.
    public let queriesPerTask: Int
    /// At most this many tasks in flight.
    public let parallelism: Int
    /// Errors tolerated before the run aborts.
    public let maxErrors: Int

    /// Queries not handed to a task in flight or finished.
    public private(set) var remainingQueries: Int
    /// Tasks in flight and their batch sizes.
    public private(set) var inFlight: [TaskID: Int] = [:]
    /// Finished tasks and what they reported.
    public private(set) var finished: [TaskID: QueryBatchResult] = [:]
    /// Finished tasks whose status did not say "Executed N queries in X sec" (counted with their
    /// batch size, left out of the task time percentiles).
    public private(set) var untimedTasks: Set<TaskID> = []
    /// Failed tasks, in order.
    public private(set) var failures: [Failure] = []
    /// Tasks launched so far.
    public private(set) var launchedTasks = 0
    /// The most tasks ever in flight at once.
    public private(set) var peakInFlight = 0
    /// Whether errors passed `maxErrors`.
    public private(set) var isAborted = false

    /// A ledger for a run of `totalQueries`.
    public init(totalQueries: Int, queriesPerTask: Int, parallelism: Int, maxErrors: Int) {
        self.totalQueries = totalQueries
        self.queriesPerTask = queriesPerTask
        self.parallelism = parallelism
        self.maxErrors = maxErrors
        remainingQueries = totalQueries
    }

    /// Whether there are queries to hand out (and the run is not aborted).
    public var hasWork: Bool { !isAborted && remainingQueries > 0 }

    /// Whether the run is over: nothing in flight and nothing (more) to launch.
    public var isDone: Bool { inFlight.isEmpty && !hasWork }

    /// Queries run by finished tasks.
    public var executedQueries: Int { finished.values.reduce(0) { $0 + $1.queries } }

    /// The batch times of finished tasks that reported them, in seconds.
    public var taskSeconds: [Double] {
        finished.filter { !untimedTasks.contains($0.key) }.map(\.value.seconds)
    }

    /// The batches to launch on an offer (see ``ThrottlerPlan``); empty once aborted.
    public func batches(offeredCPUs: Double, offeredMemoryMB: Double, shape: TaskShape) -> [Int] {
        guard !isAborted else { return [] }
        return ThrottlerPlan.batches(
            remainingQueries: remainingQueries, queriesPerTask: queriesPerTask, nonTerminalTasks: inFlight.count,
            parallelism: parallelism, offeredCPUs: offeredCPUs, offeredMemoryMB: offeredMemoryMB, shape: shape)
    }

    /// Records that `taskID` was launched with `queries` queries.
    public mutating func launched(_ taskID: TaskID, queries: Int) {
        precondition(inFlight.count < parallelism, "launching past the parallelism")
        precondition(queries > 0 && queries <= remainingQueries, "a batch the plan did not make")
        inFlight[taskID] = queries
        remainingQueries -= queries
        launchedTasks += 1
        peakInFlight = max(peakInFlight, inFlight.count)
    }

    /// Records a status; returns what a terminal status of a task in flight did, nil for anything
    /// else (non-terminal states, unknown tasks, duplicates: updates arrive at least once).
    public mutating func record(_ status: TaskStatus) -> Outcome? {
        guard status.state.isTerminal, let batch = inFlight.removeValue(forKey: status.taskID) else { return nil }
        switch status.state {
        case .finished:
            let reported = status.message.flatMap(QueryBatchResult.init(message:))
            if reported == nil { untimedTasks.insert(status.taskID) }
            var result = reported ?? QueryBatchResult(queries: batch, seconds: 0)
            result.latencies = QueryBatchResult.latencies(from: status.data)
            finished[status.taskID] = result
            return .finished(result)
        case .killed where isAborted:
            return .killed
        default:
            failures.append(Failure(taskID: status.taskID, state: status.state, message: status.message))
            if failures.count > maxErrors { isAborted = true }
            guard !isAborted else { return .failed(retried: false) }
            remainingQueries += batch
            return .failed(retried: true)
        }
    }

    /// Aborts the run (e.g. on a signal): nothing more is launched, kills of tasks in flight are not errors.
    public mutating func abort() {
        isAborted = true
    }
}
