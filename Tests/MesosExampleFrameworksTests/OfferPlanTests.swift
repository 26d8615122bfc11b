import MesosExampleFrameworks
import Testing

@Suite("How many demo tasks fit in an offer")
struct OfferPlanTests {
    let a = TaskShape(cpus: 1, memoryMB: 4096)
    let b = TaskShape(cpus: 3, memoryMB: 1024)

    @Test func fitsTheSmallerOfTheCPUAndMemoryQuotients() {
        #expect(OfferFit.taskCount(offeredCPUs: 9, offeredMemoryMB: 18432, shape: a) == 4)
        #expect(OfferFit.taskCount(offeredCPUs: 9, offeredMemoryMB: 18432, shape: b) == 3)
        #expect(OfferFit.taskCount(offeredCPUs: 0.5, offeredMemoryMB: 18432, shape: a) == 0)
        #expect(OfferFit.taskCount(offeredCPUs: 6, offeredMemoryMB: 8000, shape: TaskShape(cpus: 1, memoryMB: 2500)) == 3)
    }

    @Test func fractionalShapesDoNotLoseATaskToRounding() {
        #expect(OfferFit.taskCount(offeredCPUs: 0.3, offeredMemoryMB: 1000, shape: TaskShape(cpus: 0.1, memoryMB: 10)) == 3)
    }

    @Test func capsByTasksPerOfferAndRemainingTasks() {
        #expect(OfferFit.taskCount(offeredCPUs: 9, offeredMemoryMB: 18432, shape: a, perOfferLimit: 1) == 1)
        #expect(OfferFit.taskCount(offeredCPUs: 9, offeredMemoryMB: 18432, shape: a, remaining: 2) == 2)
        #expect(OfferFit.taskCount(offeredCPUs: 9, offeredMemoryMB: 18432, shape: a, remaining: 0) == 0)
        #expect(OfferFit.taskCount(offeredCPUs: 9, offeredMemoryMB: 18432, shape: a, remaining: -3) == 0)
    }

    @Test func theRestOfAnOfferCappedPerOfferComesBackAtOnce() {
        let plan = OfferPlan.make(offeredCPUs: 9, offeredMemoryMB: 18432, shape: a, perOfferLimit: 1, remaining: nil,
                                  unusableRefuseSeconds: 3600)
        #expect(plan == OfferPlan(taskCount: 1, refuseSeconds: 0))
    }

    @Test func aRestNoTaskFitsInIsFilteredLong() {
        let full = OfferPlan.make(offeredCPUs: 9, offeredMemoryMB: 18432, shape: a, perOfferLimit: nil, remaining: nil,
                                  unusableRefuseSeconds: 3600)
        #expect(full == OfferPlan(taskCount: 4, refuseSeconds: 3600))
        let exactlyOne = OfferPlan.make(offeredCPUs: 1.5, offeredMemoryMB: 5000, shape: a, perOfferLimit: 1,
                                        remaining: nil, unusableRefuseSeconds: 3600)
        #expect(exactlyOne == OfferPlan(taskCount: 1, refuseSeconds: 3600))
        let none = OfferPlan.make(offeredCPUs: 0, offeredMemoryMB: 4096, shape: a, perOfferLimit: 1, remaining: nil,
                                  unusableRefuseSeconds: 3600)
        #expect(none == OfferPlan(taskCount: 0, refuseSeconds: 3600))
    }
}

@Suite("Dominant shares")
struct DominantShareTests {
    @Test func thePaperExampleEndsAtTwoThirdsEach() {
        let totals = ClusterTotals(cpus: 9, memoryMB: 18432)
        let a = DominantShare.of(tasks: 3, shape: TaskShape(cpus: 1, memoryMB: 4096), totals: totals)
        let b = DominantShare.of(tasks: 2, shape: TaskShape(cpus: 3, memoryMB: 1024), totals: totals)
        #expect(abs(a - 2.0 / 3) < 1e-9)
        #expect(abs(b - 2.0 / 3) < 1e-9)
    }

    @Test func theLargerFractionWinsAndEmptyTotalsGiveZero() {
        #expect(DominantShare.of(cpus: 1, memoryMB: 4000, totalCPUs: 6, totalMemoryMB: 8000) == 0.5)
        #expect(DominantShare.of(cpus: 3, memoryMB: 0, totalCPUs: 6, totalMemoryMB: 8000) == 0.5)
        #expect(DominantShare.of(tasks: 2, shape: TaskShape(cpus: 1, memoryMB: 1), totals: ClusterTotals(cpus: 0, memoryMB: 0)) == 0)
    }
}

@Suite("Task durations")
struct TaskDurationTests {
    /// A deterministic generator (SplitMix64).
    struct SplitMix: RandomNumberGenerator, Sendable {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func parsesFixedAndUniformDurations() throws {
        #expect(try TaskDuration(parsing: "30secs") == .fixed(seconds: 30))
        #expect(try TaskDuration(parsing: "20secs..40secs") == .uniform(20...40))
        #expect(try TaskDuration(parsing: "1mins..2mins") == .uniform(60...120))
        #expect(throws: (any Error).self) { try TaskDuration(parsing: "40secs..20secs") }
        #expect(throws: (any Error).self) { try TaskDuration(parsing: "soon") }
        #expect(TaskDuration.original.description == "20secs..40secs")
    }

    @Test func samplesStayInTheRangeAndUseTheInjectedGenerator() {
        var generator = SplitMix(state: 42)
        let samples = (0..<500).map { _ in TaskDuration.original.sample(using: &generator) }
        #expect(samples.allSatisfy { (20...40).contains($0) })
        #expect(Set(samples).count > 10)
        var again = SplitMix(state: 42)
        #expect((0..<500).map { _ in TaskDuration.original.sample(using: &again) } == samples)
        #expect(TaskDuration.fixed(seconds: 7).sample(using: &generator) == 7)
        #expect(TaskDuration.fixed(seconds: 0).sample(using: &generator) == 1)
    }
}
