import Foundation

/// What the master's `/master/state` says about the cluster's size and each framework's usage:
/// the data of the demo's table and plot.
public struct ClusterSnapshot: Hashable, Sendable {
    /// One framework's usage.
    public struct FrameworkUsage: Hashable, Sendable {
        /// The framework id.
        public var id: String
        /// The framework name.
        public var name: String
        /// Tasks in TASK_RUNNING.
        public var runningTasks: Int
        /// CPUs of its tasks.
        public var cpus: Double
        /// Memory of its tasks, in MB.
        public var memoryMB: Double
        /// Its dominant share of the cluster.
        public var dominantShare: Double

        /// Creates a usage record.
        public init(id: String, name: String, runningTasks: Int, cpus: Double, memoryMB: Double, dominantShare: Double) {
            self.id = id
            self.name = name
            self.runningTasks = runningTasks
            self.cpus = cpus
            self.memoryMB = memoryMB
            self.dominantShare = dominantShare
        }
    }

    /// All agents' CPUs and memory.
    public var totals: ClusterTotals
    /// Active frameworks, sorted by name.
    public var frameworks: [FrameworkUsage]

    /// Creates a snapshot.
    public init(totals: ClusterTotals, frameworks: [FrameworkUsage]) {
        self.totals = totals
        self.frameworks = frameworks
    }

    /// The usage of the framework named `name`, if it is registered.
    public func framework(named name: String) -> FrameworkUsage? {
        frameworks.first { $0.name == name }
    }

    /// Reads a `/master/state` (or `/state.json`) document.
    public init(stateJSON: Data) throws(ClusterSnapshotError) {
        guard let object = try? JSONSerialization.jsonObject(with: stateJSON) as? [String: Any] else {
            throw ClusterSnapshotError(description: "the master's state is not a JSON object")
        }
        var totals = ClusterTotals(cpus: 0, memoryMB: 0)
        for agent in object["slaves"] as? [[String: Any]] ?? [] where agent["active"] as? Bool ?? true {
            let resources = agent["resources"] as? [String: Any] ?? [:]
            totals.cpus += Self.number(resources["cpus"])
            totals.memoryMB += Self.number(resources["mem"])
        }
        var frameworks: [FrameworkUsage] = []
        for framework in object["frameworks"] as? [[String: Any]] ?? [] {
            let used = framework["used_resources"] as? [String: Any] ?? [:]
            let tasks = framework["tasks"] as? [[String: Any]] ?? []
            let cpus = Self.number(used["cpus"])
            let memory = Self.number(used["mem"])
            frameworks.append(FrameworkUsage(
                id: framework["id"] as? String ?? "", name: framework["name"] as? String ?? "",
                runningTasks: tasks.filter { $0["state"] as? String == "TASK_RUNNING" }.count,
                cpus: cpus, memoryMB: memory,
                dominantShare: DominantShare.of(
                    cpus: cpus, memoryMB: memory, totalCPUs: totals.cpus, totalMemoryMB: totals.memoryMB)))
        }
        self.init(totals: totals, frameworks: frameworks.sorted { ($0.name, $0.id) < ($1.name, $1.id) })
    }

    private static func number(_ value: Any?) -> Double {
        (value as? NSNumber)?.doubleValue ?? 0
    }
}

/// A `/master/state` document that could not be read.
public struct ClusterSnapshotError: Error, CustomStringConvertible {
    /// What was wrong.
    public var description: String
}
