import MesosModel
import MesosResources

/// The resources of one demo task: a number of CPUs and megabytes of memory.
public struct TaskShape: Hashable, Sendable, CustomStringConvertible {
    /// CPUs per task (may be fractional, e.g. 0.5).
    public var cpus: Double
    /// Memory per task, in MB.
    public var memoryMB: Double

    /// Creates a task shape; both amounts must be positive.
    public init(cpus: Double, memoryMB: Double) {
        precondition(cpus > 0 && memoryMB > 0, "a task needs some cpus and some memory")
        self.cpus = cpus
        self.memoryMB = memoryMB
    }

    /// The shape as scalar quantities (`cpus`, `mem`).
    public var quantities: ResourceQuantities { ["cpus": cpus, "mem": memoryMB] }

    /// The shape as unreserved Mesos resources, for a `TaskInfo` or a REQUEST call.
    public var resources: [Resource] {
        [.scalar(name: "cpus", value: cpus), .scalar(name: "mem", value: memoryMB)]
    }

    /// `<1 cpus, 4096 MB>`.
    public var description: String { "<\(Self.format(cpus)) cpus, \(Self.format(memoryMB)) MB>" }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
