/// How long the master's allocation rounds took (the allocator plus turning its decisions into
/// offers), for `/metrics/snapshot` under Mesos's names: `allocator/mesos/allocation_runs` and
/// `allocator/mesos/allocation_run_ms` with `/p50`, `/p99`, `/max`, `/count` over the last
/// ``window`` rounds.
struct AllocationRunTimes: Sendable {
    /// Rounds kept for the percentiles.
    static let window = 1000
    private var recent: [Double] = []
    private var next = 0
    private(set) var runs = 0
    private(set) var last = 0.0

    mutating func record(milliseconds: Double) {
        runs += 1
        last = milliseconds
        if recent.count < Self.window {
            recent.append(milliseconds)
        } else {
            recent[next] = milliseconds
            next = (next + 1) % Self.window
        }
    }

    var metrics: [String: Double] {
        let sorted = recent.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
        }
        return [
            "allocator/mesos/allocation_runs": Double(runs),
            "allocator/mesos/allocation_run_ms": last,
            "allocator/mesos/allocation_run_ms/count": Double(sorted.count),
            "allocator/mesos/allocation_run_ms/p50": percentile(0.5),
            "allocator/mesos/allocation_run_ms/p99": percentile(0.99),
            "allocator/mesos/allocation_run_ms/max": sorted.last ?? 0,
        ]
    }
}
