/// How long the master's allocation rounds took (the allocator plus turning its decisions into
/// offers; a round run in slices of agents counts once, as the sum of its slices), for `/metrics/snapshot` under Mesos's names: `allocator/mesos/allocation_runs` and
/// `allocator/mesos/allocation_run_ms` with `/p50`, `/p99`, `/max`, `/count` over the last
/// ``window`` rounds. `allocator/mesos/allocation_run_cpu_ms` (same suffixes) is the CPU time of
/// the master's thread during the round: it is lower than the wall time when the machine has more
/// runnable threads than cores (a benchmark's load generator on the same machine, say).
struct AllocationRunTimes: Sendable {
    /// Rounds kept for the percentiles.
    static let window = 1000
    private(set) var runs = 0
    private var wall = Window()
    private var cpu = Window()

    /// The last ``AllocationRunTimes/window`` durations of one kind.
    private struct Window {
        var recent: [Double] = []
        var next = 0
        var last = 0.0

        mutating func add(_ value: Double) {
            last = value
            if recent.count < AllocationRunTimes.window {
                recent.append(value)
            } else {
                recent[next] = value
                next = (next + 1) % AllocationRunTimes.window
            }
        }

        func metrics(_ name: String) -> [String: Double] {
            let sorted = recent.sorted()
            func percentile(_ p: Double) -> Double {
                guard !sorted.isEmpty else { return 0 }
                return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
            }
            return [
                name: last, name + "/count": Double(sorted.count), name + "/p50": percentile(0.5),
                name + "/p99": percentile(0.99), name + "/max": sorted.last ?? 0,
            ]
        }
    }

    mutating func record(milliseconds: Double, cpuMilliseconds: Double) {
        runs += 1
        wall.add(milliseconds)
        cpu.add(cpuMilliseconds)
    }

    var metrics: [String: Double] {
        var values = wall.metrics("allocator/mesos/allocation_run_ms")
        values.merge(cpu.metrics("allocator/mesos/allocation_run_cpu_ms")) { _, new in new }
        values["allocator/mesos/allocation_runs"] = Double(runs)
        return values
    }
}
