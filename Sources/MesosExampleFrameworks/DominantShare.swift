/// Dominant Resource Fairness shares: the largest fraction of any cluster resource a framework holds.
public enum DominantShare {
    /// The dominant share of `used` among `totals` (resources absent from the totals count as 0);
    /// 0 when the totals are empty.
    public static func of(cpus: Double, memoryMB: Double, totalCPUs: Double, totalMemoryMB: Double) -> Double {
        let cpuShare = totalCPUs > 0 ? cpus / totalCPUs : 0
        let memoryShare = totalMemoryMB > 0 ? memoryMB / totalMemoryMB : 0
        return max(cpuShare, memoryShare)
    }

    /// The dominant share of `tasks` running tasks of `shape` in a cluster of `totals`.
    public static func of(tasks: Int, shape: TaskShape, totals: ClusterTotals) -> Double {
        of(cpus: Double(tasks) * shape.cpus, memoryMB: Double(tasks) * shape.memoryMB,
           totalCPUs: totals.cpus, totalMemoryMB: totals.memoryMB)
    }
}

/// The CPUs and memory of all agents of a cluster (the denominators of dominant shares).
public struct ClusterTotals: Hashable, Sendable {
    /// All agents' CPUs.
    public var cpus: Double
    /// All agents' memory, in MB.
    public var memoryMB: Double

    /// Creates totals.
    public init(cpus: Double, memoryMB: Double) {
        self.cpus = cpus
        self.memoryMB = memoryMB
    }
}
