import Foundation
import MesosExampleFrameworks
import MesosModel
import Testing

@Suite("The Throttler's launch decisions, bookkeeping and report")
struct ThrottlerPlanTests {
    let shape = TaskShape(cpus: 1, memoryMB: 128)

    func batches(remaining: Int, perTask: Int = 5, inFlight: Int, parallelism: Int = 5, cpus: Double = 100) -> [Int] {
        ThrottlerPlan.batches(
            remainingQueries: remaining, queriesPerTask: perTask, nonTerminalTasks: inFlight, parallelism: parallelism,
            offeredCPUs: cpus, offeredMemoryMB: 100_000, shape: shape)
    }

    @Test func neverMoreThanParallelismInFlightNotEvenOneMore() {
        #expect(batches(remaining: 100, inFlight: 0) == [5, 5, 5, 5, 5])
        #expect(batches(remaining: 100, inFlight: 4) == [5])
        #expect(batches(remaining: 100, inFlight: 5).isEmpty)
        #expect(batches(remaining: 100, inFlight: 7).isEmpty)
        #expect(batches(remaining: 100, inFlight: 0, parallelism: 1) == [5])
    }

    @Test func oneTaskPerFitOfTheShapeInTheOffer() {
        #expect(batches(remaining: 100, inFlight: 0, cpus: 2.5) == [5, 5])
        #expect(batches(remaining: 100, inFlight: 0, cpus: 0.5).isEmpty)
    }

    @Test func eachTaskTakesTheSmallerOfTheRemainingAndQueriesPerTask() {
        #expect(batches(remaining: 12, inFlight: 0) == [5, 5, 2])
        #expect(batches(remaining: 3, inFlight: 0) == [3])
        #expect(batches(remaining: 0, inFlight: 0).isEmpty)
    }

    @Test func hundredQueriesFivePerTaskParallelismFiveRunExactlyTwentyTasks() {
        var ledger = ThrottlerLedger(totalQueries: 100, queriesPerTask: 5, parallelism: 5, maxErrors: 5)
        var number = 0
        var rounds = 0
        while !ledger.isDone {
            rounds += 1
            #expect(rounds < 1000)
            for queries in ledger.batches(offeredCPUs: 3, offeredMemoryMB: 4096, shape: shape) {
                number += 1
                ledger.launched(TaskID("t\(number)"), queries: queries)
            }
            #expect(ledger.inFlight.count <= 5)
            // The oldest task in flight finishes, its update arriving twice (at least once delivery).
            if let oldest = ledger.inFlight.keys.min(by: { Int($0.value.dropFirst())! < Int($1.value.dropFirst())! }) {
                let status = TaskStatus(taskID: oldest, state: .finished, message: "Executed 5 queries in 0.020 sec")
                #expect(ledger.record(status) == .finished(QueryBatchResult(queries: 5, seconds: 0.02)))
                #expect(ledger.record(status) == nil)
            }
        }
        #expect(ledger.launchedTasks == 20)
        #expect(ledger.finished.count == 20)
        #expect(ledger.executedQueries == 100)
        #expect(ledger.peakInFlight == 5)
        #expect(ThrottlerReport(ledger: ledger, wallSeconds: 2).succeeded)
    }

    @Test func aFailedTaskCountsAsAnErrorAndItsBatchIsRetried() {
        var ledger = ThrottlerLedger(totalQueries: 10, queriesPerTask: 5, parallelism: 2, maxErrors: 5)
        ledger.launched(TaskID("a"), queries: 5)
        ledger.launched(TaskID("b"), queries: 5)
        #expect(!ledger.hasWork)
        #expect(ledger.record(TaskStatus(taskID: TaskID("a"), state: .running)) == nil)
        #expect(ledger.record(TaskStatus(taskID: TaskID("a"), state: .lost)) == .failed(retried: true))
        #expect(ledger.remainingQueries == 5)
        #expect(ledger.hasWork)
        #expect(ledger.failures.map(\.state) == [.lost])
        #expect(ledger.batches(offeredCPUs: 4, offeredMemoryMB: 4096, shape: shape) == [5])
    }

    @Test func morethanMaxErrorsAbortsStopsLaunchingAndKillsAreNotErrors() {
        var ledger = ThrottlerLedger(totalQueries: 100, queriesPerTask: 5, parallelism: 3, maxErrors: 1)
        for name in ["a", "b", "c"] { ledger.launched(TaskID(name), queries: 5) }
        #expect(ledger.record(TaskStatus(taskID: TaskID("a"), state: .failed)) == .failed(retried: true))
        #expect(!ledger.isAborted)
        #expect(ledger.record(TaskStatus(taskID: TaskID("b"), state: .error)) == .failed(retried: false))
        #expect(ledger.isAborted)
        #expect(!ledger.hasWork)
        #expect(ledger.batches(offeredCPUs: 4, offeredMemoryMB: 4096, shape: shape).isEmpty)
        #expect(!ledger.isDone)  // c is still in flight
        #expect(ledger.record(TaskStatus(taskID: TaskID("c"), state: .killed)) == .killed)
        #expect(ledger.isDone)
        let report = ThrottlerReport(ledger: ledger, wallSeconds: 1)
        #expect(report.failures == 2)
        #expect(report.failed)
        #expect(!report.succeeded)
        #expect(report.render().contains("FAILED: more than 1 errors"))
    }

    @Test func aKillTheThrottlerDidNotAskForIsAnError() {
        var ledger = ThrottlerLedger(totalQueries: 5, queriesPerTask: 5, parallelism: 1, maxErrors: 5)
        ledger.launched(TaskID("a"), queries: 5)
        #expect(ledger.record(TaskStatus(taskID: TaskID("a"), state: .killed)) == .failed(retried: true))
    }

    @Test func theFinalStatusMessageRoundTrips() throws {
        let result = QueryBatchResult(queries: 5, seconds: 0.0123)
        #expect(result.message == "Executed 5 queries in 0.012 sec")
        #expect(QueryBatchResult(message: result.message) == QueryBatchResult(queries: 5, seconds: 0.012))
        #expect(QueryBatchResult(message: "out: Executed 12 queries in 1.5 sec\n") == QueryBatchResult(queries: 12, seconds: 1.5))
        #expect(QueryBatchResult(message: "Command exited with status 0") == nil)
        #expect(QueryBatchResult(message: "Executed five queries in 1 sec") == nil)
        let timed = QueryBatchResult(queries: 2, seconds: 0.3, latencies: [0.1, 0.2])
        #expect(QueryBatchResult.latencies(from: timed.latencyData) == [0.1, 0.2])
        #expect(QueryBatchResult.latencies(from: Data("junk".utf8)).isEmpty)
    }

    @Test func aFinishedTaskWithoutTheLineCountsItsBatchButHasNoTime() {
        var ledger = ThrottlerLedger(totalQueries: 5, queriesPerTask: 5, parallelism: 1, maxErrors: 5)
        ledger.launched(TaskID("a"), queries: 5)
        _ = ledger.record(TaskStatus(taskID: TaskID("a"), state: .finished, message: "Command exited with status 0"))
        #expect(ledger.executedQueries == 5)
        #expect(ledger.taskSeconds.isEmpty)
        #expect(ThrottlerReport(ledger: ledger, wallSeconds: 1).taskLatency == nil)
    }

    @Test func percentilesByNearestRank() throws {
        let values = (1...100).map(Double.init)
        #expect(Percentiles(of: values) == Percentiles(p50: 50, p90: 90, p99: 99, max: 100))
        #expect(Percentiles(of: [3, 1, 2]) == Percentiles(p50: 2, p90: 3, p99: 3, max: 3))
        #expect(Percentiles(of: [7]) == Percentiles(p50: 7, p90: 7, p99: 7, max: 7))
        #expect(Percentiles(of: []) == nil)
    }

    @Test func theReportShowsThroughputAndPercentiles() {
        var ledger = ThrottlerLedger(totalQueries: 10, queriesPerTask: 5, parallelism: 2, maxErrors: 5)
        ledger.launched(TaskID("a"), queries: 5)
        ledger.launched(TaskID("b"), queries: 5)
        let latencies = Data("[0.001,0.002,0.003,0.004,0.005]".utf8)
        _ = ledger.record(TaskStatus(taskID: TaskID("a"), state: .finished, message: "Executed 5 queries in 0.100 sec", data: latencies))
        _ = ledger.record(TaskStatus(taskID: TaskID("b"), state: .finished, message: "Executed 5 queries in 0.200 sec"))
        let report = ThrottlerReport(ledger: ledger, wallSeconds: 4)
        #expect(report.succeeded)
        #expect(report.queriesPerSecond == 2.5)
        #expect(report.taskLatency == Percentiles(p50: 0.1, p90: 0.2, p99: 0.2, max: 0.2))
        #expect(report.queryLatency?.max == 0.005)
        let text = report.render()
        #expect(text.contains("10 of 10 executed"))
        #expect(text.contains("2.50 queries/s"))
        #expect(text.contains("p50 100.0 ms"))
        #expect(text.contains("result         OK"))
    }

    @Test func targetURLsAreValidated() {
        #expect(TargetURL.problem(with: "http://127.0.0.1:8080/ping") == nil)
        #expect(TargetURL.problem(with: "https://example.com") == nil)
        #expect(TargetURL.problem(with: "ftp://example.com")?.contains("http") == true)
        #expect(TargetURL.problem(with: "127.0.0.1:8080") != nil)
        #expect(TargetURL.problem(with: "http://") != nil)
        #expect(TargetURL.problem(with: "") != nil)
    }

    @Test func theDockerTaskIsAWgetLoopThatPrintsTheLine() {
        let options = ThrottlerOptions(target: "http://127.0.0.1:1/it's", totalQueries: 5, queriesPerTask: 5,
                                       parallelism: 1, dockerImage: "busybox", workerPath: "/bin/throttler")
        let task = ThrottlerTask.make(id: TaskID("t1"), queries: 5, agentID: AgentID("a"), options: options)
        #expect(task.container?.docker?.image == "busybox")
        #expect(task.command?.value?.contains("wget -q -O /dev/null 'http://127.0.0.1:1/it'\\''s'") == true)
        #expect(task.executor == nil)
        var worker = options
        worker.dockerImage = nil
        let executorTask = ThrottlerTask.make(id: TaskID("t2"), queries: 3, agentID: AgentID("a"), options: worker)
        #expect(executorTask.command == nil)
        #expect(executorTask.executor?.command?.arguments == [
            "/bin/throttler", "run-queries", "--target", "http://127.0.0.1:1/it's", "--queries", "3", "--executor",
        ])
    }
}
