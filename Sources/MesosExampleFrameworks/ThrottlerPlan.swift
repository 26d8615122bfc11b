/// What the Throttler launches on one offer: the pure decision.
///
/// One task per fit of the task shape in the offer, never more than `parallelism` tasks that are
/// launched and not yet terminal (exactly: the original allowed `parallelism + 1`), and no more tasks
/// than the remaining queries need; each task takes `min(remaining, queriesPerTask)` queries.
public enum ThrottlerPlan {
    /// The query counts of the tasks to launch on an offer of `offeredCPUs` / `offeredMemoryMB`
    /// (empty: decline it).
    ///
    /// - Parameters:
    ///   - remainingQueries: queries not yet handed to a task.
    ///   - nonTerminalTasks: tasks launched whose terminal status has not arrived.
    public static func batches(
        remainingQueries: Int, queriesPerTask: Int, nonTerminalTasks: Int, parallelism: Int,
        offeredCPUs: Double, offeredMemoryMB: Double, shape: TaskShape
    ) -> [Int] {
        guard remainingQueries > 0, queriesPerTask > 0 else { return [] }
        let fitting = OfferFit.taskCount(offeredCPUs: offeredCPUs, offeredMemoryMB: offeredMemoryMB, shape: shape)
        let slots = max(0, parallelism - nonTerminalTasks)
        let needed = (remainingQueries + queriesPerTask - 1) / queriesPerTask
        var left = remainingQueries
        var result: [Int] = []
        for _ in 0..<min(fitting, slots, needed) {
            let batch = min(left, queriesPerTask)
            result.append(batch)
            left -= batch
        }
        return result
    }
}
