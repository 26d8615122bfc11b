import Foundation

/// The machine a benchmark ran on: cores, memory, load, OS.
struct MachineInfo: Codable, Sendable {
    var cores: Int
    var memoryMiB: Int
    var loadAverage1m: Double?
    var operatingSystem: String
    var cpuModel: String
    var date: String

    /// This machine, now.
    static func current() -> MachineInfo {
        let info = ProcessInfo.processInfo
        var load: Double?
        if let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
           let first = text.split(separator: " ").first {
            load = Double(first)
        }
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return MachineInfo(
            cores: info.activeProcessorCount,
            memoryMiB: Int(info.physicalMemory / (1024 * 1024)),
            loadAverage1m: load,
            operatingSystem: info.operatingSystemVersionString,
            cpuModel: model,
            date: ISO8601DateFormatter().string(from: Date()))
    }

    /// One line for the table header.
    var summary: String {
        "\(cores) cores, \(memoryMiB) MiB, load \(loadAverage1m.map { formatNumber($0) } ?? "?")"
    }
}
