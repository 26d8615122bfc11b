import Foundation

/// A task's cgroup (v1 `memory` and `cpu` hierarchies) under `swift-mesos/<container id>`, used
/// where the host lets the agent create one; elsewhere tasks run without limits.
struct ProcessCgroup: Sendable {
    /// The v1 hierarchies' mount points.
    static let memoryRoot = "/sys/fs/cgroup/memory"
    static let cpuRoot = "/sys/fs/cgroup/cpu"

    let name: String

    init(containerID: String) {
        name = "swift-mesos/" + containerID
    }

    private var memoryPath: String { Self.memoryRoot + "/" + name }
    private var cpuPath: String { Self.cpuRoot + "/" + name }

    /// Creates the cgroups with the limits; returns false when the host does not allow it.
    func create(memoryLimitBytes: Int64?, cpuShares: Int?) -> Bool {
        var created = false
        if let memoryLimitBytes, Self.make(memoryPath) {
            created = Self.write("\(memoryLimitBytes)", to: memoryPath + "/memory.limit_in_bytes")
            // Without swap the limit is a real limit (the file exists only with swap accounting).
            _ = Self.write("\(memoryLimitBytes)", to: memoryPath + "/memory.memsw.limit_in_bytes")
        }
        if let cpuShares, Self.make(cpuPath) {
            created = Self.write("\(cpuShares)", to: cpuPath + "/cpu.shares") || created
        }
        return created
    }

    /// Moves `pid` (and so its future children) into the cgroups.
    func add(_ pid: Int32) {
        for path in [memoryPath, cpuPath] where FileManager.default.fileExists(atPath: path) {
            _ = Self.write("\(pid)", to: path + "/cgroup.procs")
        }
    }

    /// Whether the kernel's OOM killer acted in the memory cgroup.
    func wasOOMKilled() -> Bool {
        if let control = try? String(contentsOfFile: memoryPath + "/memory.oom_control", encoding: .utf8),
           let line = control.split(separator: "\n").first(where: { $0.hasPrefix("oom_kill ") }),
           let count = Int(line.dropFirst("oom_kill ".count)) {
            return count > 0
        }
        let failures = (try? String(contentsOfFile: memoryPath + "/memory.failcnt", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        return failures > 0
    }

    /// The processes in the cgroups (empty when there are none).
    func processes() -> Set<pid_t> {
        var pids = Set<pid_t>()
        for path in [memoryPath, cpuPath] {
            guard let text = try? String(contentsOfFile: path + "/cgroup.procs", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") { if let pid = pid_t(line) { pids.insert(pid) } }
        }
        return pids
    }

    /// Removes the cgroups (once their processes are gone); returns whether none is left.
    @discardableResult
    func remove() -> Bool {
        var removed = true
        for path in [memoryPath, cpuPath] where rmdir(path) != 0 && errno != ENOENT { removed = false }
        return removed
    }

    /// Creates `path` and its parent; another task creating them at the same moment is fine.
    private static func make(_ path: String) -> Bool {
        let parent = (path as NSString).deletingLastPathComponent
        guard mkdir(parent, 0o755) == 0 || errno == EEXIST else { return false }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    private static func write(_ value: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return value.withCString { pointer in Glibc.write(fd, pointer, strlen(pointer)) >= 0 }
    }
}
