import ArgumentParser
import Foundation

/// `swift-mesos tail TASK [FILE] [-n LINES] [--follow]`: the end of a sandbox file; with
/// `--follow`, what is appended, until Ctrl-C or until the task is terminal and the file stopped
/// growing.
struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Print the last lines of a task's sandbox file; --follow keeps printing.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The task id, or a unique prefix of it.") var task: String
    @Argument(help: "The file in the task's sandbox.") var file = "stdout"
    @Option(name: [.customShort("n"), .long], help: "How many lines to print.") var lines = 10
    @Flag(name: .shortAndLong, help: "Keep printing what is appended until Ctrl-C or the task ended.") var follow = false
    @Option(name: .long, help: ArgumentHelp("Seconds between polls with --follow.", valueName: "seconds"))
    var interval: Double = 1

    func validate() throws {
        try TaskArgument.validateFileName(file)
        guard lines >= 0 else { throw ValidationError("--lines (-n) must not be negative") }
        guard interval > 0, interval.isFinite else { throw ValidationError("--interval must be a positive number of seconds") }
    }

    func run() async throws {
        try await connection.connect().using { connection throws(OperatorCLIError) in
            let state = try await connection.clusterState()
            let entry = try TaskArgument.find(task, in: state)
            let sandboxFile = try await SandboxFile.locate(file, of: entry, in: state, connection: connection)
            var offset = try await printLastLines(of: sandboxFile, connection: connection)
            if follow {
                try await followAppends(to: sandboxFile, from: &offset, connection: connection)
            }
        }
    }

    /// Prints the last `lines` lines; returns the file's size (where following starts).
    private func printLastLines(of file: SandboxFile, connection: MasterConnection) async throws(OperatorCLIError) -> Int {
        let size = try await file.size(connection: connection)
        guard lines > 0 else { return size }
        var window = 16 * 1024
        while true {
            let start = max(0, size - window)
            var text = ""
            var offset = start
            while offset < size {
                let chunk = try await file.read(offset: offset, length: min(SandboxFile.chunkSize, size - offset), connection: connection)
                if chunk.data.isEmpty { break }
                text += chunk.data
                offset += chunk.data.utf8.count
            }
            if start == 0 || TailText.holdsLastLines(Substring(text), count: lines) || window >= 64 << 20 {
                Console.out(String(TailText.lastLines(Substring(text), count: lines)))
                return offset
            }
            window *= 4
        }
    }

    private func followAppends(to file: SandboxFile, from offset: inout Int, connection: MasterConnection) async throws(OperatorCLIError) {
        var idlePolls = 0
        while true {
            do {
                try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            } catch {
                return
            }
            let next = try await file.copy(from: offset, connection: connection) { Console.out($0) }
            if next != offset {
                offset = next
                idlePolls = 0
                continue
            }
            idlePolls += 1
            if try await file.size(connection: connection) < offset { offset = 0 }  // truncated or rotated
            guard idlePolls >= 2 else { continue }
            let state = try await connection.clusterState()
            let current = state.tasks.first { $0.task.id == file.task.task.id && $0.task.frameworkID == file.task.task.frameworkID }
            if current?.task.isTerminal ?? true {
                let final = try await file.copy(from: offset, connection: connection) { Console.out($0) }
                if final == offset { return }
                offset = final
            }
        }
    }
}
