import Foundation

/// CPU time and peak memory of a process, read from `/proc/<pid>/stat` and `/proc/<pid>/status`.
struct ProcessUsage: Codable, Sendable {
    /// User + system CPU seconds so far.
    var cpuSeconds: Double
    /// Peak resident set size (`VmHWM`), MiB.
    var peakRSSMiB: Double
    /// Current resident set size (`VmRSS`), MiB.
    var rssMiB: Double

    /// Reads the usage of `pid`; nil when `/proc` does not have it.
    static func read(pid: Int32) -> ProcessUsage? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        func kilobytes(_ key: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
            return Double(line.filter(\.isNumber)) ?? 0
        }
        return ProcessUsage(cpuSeconds: (utime + stime) / ticks, peakRSSMiB: kilobytes("VmHWM:") / 1024, rssMiB: kilobytes("VmRSS:") / 1024)
    }
}
