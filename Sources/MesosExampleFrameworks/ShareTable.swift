/// Formats a ``ClusterSnapshot`` as the demo's text table.
public enum ShareTable {
    /// The table: one row per framework (running tasks, cpus, mem, dominant share) and a total row.
    public static func render(_ snapshot: ClusterSnapshot) -> String {
        func pad(_ text: String, _ width: Int, right: Bool = true) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return right ? padding + text : text + padding
        }
        func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(format1: value)
        }
        var lines = [
            pad("framework", 14, right: false) + pad("tasks", 7) + pad("cpus", 8) + pad("mem (MB)", 10) + pad("dominant share", 16),
            String(repeating: "-", count: 55),
        ]
        var tasks = 0, cpus = 0.0, mem = 0.0
        for framework in snapshot.frameworks {
            tasks += framework.runningTasks
            cpus += framework.cpus
            mem += framework.memoryMB
            lines.append(
                pad(String(framework.name.prefix(13)), 14, right: false) + pad(String(framework.runningTasks), 7)
                    + pad(number(framework.cpus), 8) + pad(number(framework.memoryMB), 10)
                    + pad(percent(framework.dominantShare), 16))
        }
        lines.append(String(repeating: "-", count: 55))
        lines.append(
            pad("cluster", 14, right: false) + pad(String(tasks), 7)
                + pad("\(number(cpus))/\(number(snapshot.totals.cpus))", 8)
                + pad("\(number(mem))/\(number(snapshot.totals.memoryMB))", 10 + 6))
        return lines.joined(separator: "\n")
    }

    /// `66.7 %`.
    public static func percent(_ share: Double) -> String {
        String(format1: share * 100) + " %"
    }
}

extension String {
    /// One decimal, without Foundation.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
