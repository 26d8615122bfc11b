import Foundation

/// The machine a benchmark ran on: cores, memory, load, OS.
struct MachineInfo: Codable, Sendable {
    var cores: Int
    var memoryMiB: Int
    var loadAverage1m: Double?
    var operatingSystem: String
    var date: String

    /// This machine, now.
    static func current() -> MachineInfo {
        let info = ProcessInfo.processInfo
        var load: Double?
        if let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
           let first = text.split(separator: " ").first {
            load = Double(first)
        }
        return MachineInfo(
            cores: info.activeProcessorCount,
            memoryMiB: Int(info.physicalMemory / (1024 * 1024)),
            loadAverage1m: load,
            operatingSystem: info.operatingSystemVersionString,
            date: ISO8601DateFormatter().string(from: Date()))
    }

    /// One line for the table header.
    var summary: String {
        "\(cores) cores, \(memoryMiB) MiB, load \(loadAverage1m.map { formatNumber($0) } ?? "?")"
    }
}
