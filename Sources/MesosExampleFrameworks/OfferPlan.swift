/// What the DRF demo does with one offer: how many tasks to launch and how long the unused rest
/// stays away from it.
public struct OfferPlan: Hashable, Sendable {
    /// Tasks to launch on the offer (0: decline it).
    public var taskCount: Int
    /// The `refuse_seconds` filter for what is left unused: 0 when only the per-offer cap stopped
    /// us (the rest may hold more of our tasks: have it offered again at once), a long filter
    /// otherwise (no task of ours fits in it, nor in any part of it).
    public var refuseSeconds: Double

    /// Creates a plan.
    public init(taskCount: Int, refuseSeconds: Double) {
        self.taskCount = taskCount
        self.refuseSeconds = refuseSeconds
    }

    /// The plan for an offer of `offeredCPUs` and `offeredMemoryMB`.
    ///
    /// - Parameters:
    ///   - perOfferLimit: at most this many tasks per offer (nil: as many as fit).
    ///   - remaining: tasks the framework may still launch (nil: unlimited).
    ///   - unusableRefuseSeconds: the filter for resources no task fits in.
    public static func make(
        offeredCPUs: Double, offeredMemoryMB: Double, shape: TaskShape,
        perOfferLimit: Int?, remaining: Int?, unusableRefuseSeconds: Double
    ) -> OfferPlan {
        let fitting = OfferFit.taskCount(offeredCPUs: offeredCPUs, offeredMemoryMB: offeredMemoryMB, shape: shape)
        let count = OfferFit.taskCount(
            offeredCPUs: offeredCPUs, offeredMemoryMB: offeredMemoryMB, shape: shape,
            perOfferLimit: perOfferLimit, remaining: remaining)
        let cappedByOfferLimit = count < fitting && count == perOfferLimit
        return OfferPlan(taskCount: count, refuseSeconds: cappedByOfferLimit ? 0 : unusableRefuseSeconds)
    }
}
