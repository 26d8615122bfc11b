import Foundation
import MesosAgentCore
import MesosModel

/// The agent's checkpoints in `<work_dir>/meta`: its id and one JSON file per task,
/// each written atomically (temporary file, fsync, rename, fsync of the directory).
public struct CheckpointStore: Sendable {
    /// The layout of the work directory.
    public let layout: SandboxLayout

    /// Creates a store for `workDirectory`, creating its directories.
    public init(workDirectory: String) throws {
        layout = SandboxLayout(workDirectory: workDirectory)
        try FileManager.default.createDirectory(atPath: layout.tasksDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: layout.executorsDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: layout.sandboxesRoot, withIntermediateDirectories: true)
    }

    /// The agent id kept from an earlier registration.
    public func agentID() -> AgentID? {
        guard let data = FileManager.default.contents(atPath: layout.agentIDFile),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !text.isEmpty
        else { return nil }
        return AgentID(text)
    }

    /// Keeps `id` for ever (or forgets it with `nil`).
    public func saveAgentID(_ id: AgentID?) throws {
        guard let id else {
            try? FileManager.default.removeItem(atPath: layout.agentIDFile)
            return
        }
        try Self.writeAtomically(Data((id.value + "\n").utf8), to: layout.agentIDFile)
    }

    /// Writes a task's record.
    public func save(_ task: AgentTask) throws {
        try Self.writeAtomically(try MesosJSON.encode(task), to: path(for: task))
    }

    /// Deletes a task's record.
    public func remove(_ task: AgentTask) {
        try? FileManager.default.removeItem(atPath: path(for: task))
    }

    /// Every task record; unreadable files are reported in `problems` and skipped.
    public func loadTasks() -> (tasks: [AgentTask], problems: [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.tasksDirectory)) ?? []
        var tasks: [AgentTask] = []
        var problems: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let file = layout.tasksDirectory + "/" + name
            do {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                tasks.append(try MesosJSON.decode(AgentTask.self, from: data))
            } catch {
                problems.append("\(file): \(error)")
            }
        }
        return (tasks, problems)
    }

    /// Writes a custom executor's record.
    public func save(_ executor: AgentExecutor) throws {
        try Self.writeAtomically(try MesosJSON.encode(executor), to: path(for: executor))
    }

    /// Deletes a custom executor's record.
    public func remove(_ executor: AgentExecutor) {
        try? FileManager.default.removeItem(atPath: path(for: executor))
    }

    /// Every custom executor record; unreadable files are reported in `problems` and skipped.
    public func loadExecutors() -> (executors: [AgentExecutor], problems: [String]) {
        let directory = layout.executorsDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var executors: [AgentExecutor] = []
        var problems: [String] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let file = directory + "/" + name
            do {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                executors.append(try MesosJSON.decode(AgentExecutor.self, from: data))
            } catch {
                problems.append("\(file): \(error)")
            }
        }
        return (executors, problems)
    }

    private func path(for executor: AgentExecutor) -> String {
        layout.executorsDirectory + "/" + executor.containerID.value + ".json"
    }

    /// Deletes every task record (for `--recover=cleanup`).
    public func removeAllTasks() {
        for task in loadTasks().tasks { remove(task) }
        for executor in loadExecutors().executors { remove(executor) }
    }

    private func path(for task: AgentTask) -> String {
        layout.tasksDirectory + "/" + task.containerID.value + ".json"
    }

    /// Writes `data` to `path` so that a crash leaves either the old or the new content.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CheckpointError(path: temporary, operation: "open", code: errno) }
        var failure: CheckpointError?
        data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = CheckpointError(path: temporary, operation: "write", code: errno)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = CheckpointError(path: temporary, operation: "fsync", code: errno) }
        close(fd)
        if let failure { throw failure }
        guard rename(temporary, path) == 0 else { throw CheckpointError(path: path, operation: "rename", code: errno) }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }
}
