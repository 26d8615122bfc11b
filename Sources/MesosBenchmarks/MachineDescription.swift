import Foundation

/// The machine a benchmark ran on, recorded next to its figures.
struct MachineDescription: Codable, Sendable {
    var cores: Int
    var memoryGiB: Double
    var cpuModel: String
    var kernel: String
    var date: String

    static func current() -> MachineDescription {
        let info = ProcessInfo.processInfo
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "unknown")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return MachineDescription(
            cores: info.activeProcessorCount, memoryGiB: (Double(info.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
            cpuModel: model, kernel: kernel, date: ISO8601DateFormatter().string(from: Date()))
    }
}

/// One goal of issue 9 and whether this run met it.
struct BenchmarkGoal: Codable, Sendable {
    var name: String
    var value: Double
    var limit: Double
    var unit: String
    /// "max": value must be at most limit; "min": at least.
    var kind: String
    var met: Bool

    static func atMost(_ name: String, _ value: Double, _ limit: Double, _ unit: String) -> BenchmarkGoal {
        BenchmarkGoal(name: name, value: value, limit: limit, unit: unit, kind: "max", met: value <= limit)
    }

    /// One line for the benchmark's table.
    var line: String {
        String(format: "  goal %@: %.1f %@ (%@ %g) %@", name, value, unit, kind == "max" ? "<=" : ">=", limit, met ? "met" : "NOT met")
    }

    static func atLeast(_ name: String, _ value: Double, _ limit: Double, _ unit: String) -> BenchmarkGoal {
        BenchmarkGoal(name: name, value: value, limit: limit, unit: unit, kind: "min", met: value >= limit)
    }
}

/// Writes `value` as pretty JSON to `path`.
func writeJSON(_ value: some Encodable, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(value).write(to: URL(fileURLWithPath: path))
}
