import Foundation

/// One goal of issue 9 and whether a run met it.
struct BenchmarkGoal: Codable, Sendable {
    var name: String
    var value: Double
    var limit: Double
    var unit: String
    /// "max": the value must be at most the limit; "min": at least.
    var kind = "max"
    var met: Bool

    init(name: String, value: Double, limit: Double, unit: String, kind: String = "max", met: Bool) {
        self.name = name
        self.value = value
        self.limit = limit
        self.unit = unit
        self.kind = kind
        self.met = met
    }

    /// A goal that is met when `value <= limit`.
    static func atMost(_ name: String, value: Double, limit: Double, unit: String) -> BenchmarkGoal {
        BenchmarkGoal(name: name, value: value, limit: limit, unit: unit, kind: "max", met: value <= limit)
    }

    /// A goal that is met when `value >= limit`.
    static func atLeast(_ name: String, value: Double, limit: Double, unit: String) -> BenchmarkGoal {
        BenchmarkGoal(name: name, value: value, limit: limit, unit: unit, kind: "min", met: value >= limit)
    }

    /// One line for a benchmark's table.
    var line: String {
        String(format: "  goal %@: %.1f %@ (%@ %g) %@", name, value, unit, kind == "max" ? "<=" : ">=", limit, met ? "met" : "NOT met")
    }
}

/// The JSON a real-cluster benchmark writes with `--output`:
/// `{"benchmark", "machine", "results", "goals"}`.
struct BenchmarkReport<Results: Codable & Sendable>: Codable, Sendable {
    var benchmark: String
    var machine: MachineInfo
    var results: Results
    var goals: [BenchmarkGoal]

    /// Writes the report as pretty-printed JSON with sorted keys.
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

/// Prints the goals as `name: value unit (limit ...) met|MISSED`.
func printGoals(_ goals: [BenchmarkGoal]) {
    print("Goals:")
    for goal in goals {
        print("  \(goal.name): \(formatNumber(goal.value)) \(goal.unit) (limit \(formatNumber(goal.limit)) \(goal.unit)) "
            + (goal.met ? "met" : "MISSED"))
    }
}

/// Three significant-ish digits: `1234`, `12.3`, `1.23`.
func formatNumber(_ value: Double) -> String {
    if value >= 100 { return String(Int(value.rounded())) }
    if value >= 10 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
}

/// Left-aligns `text` in a column of `width`.
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
