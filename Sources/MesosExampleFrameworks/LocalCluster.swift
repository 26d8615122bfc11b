import Foundation

/// A standalone master and (once the frameworks are registered) one agent started as child processes
/// from the build directory, in a temporary work directory; `stop()` ends both and removes the agent's
/// containers and the directory.
public final class LocalCluster: @unchecked Sendable {
    // Mutated only by the demo's main task.
    /// `127.0.0.1:<port>`.
    public let masterAddress: String
    /// Whether the agent uses the docker containerizer.
    public let usesDocker: Bool
    private let workDir: URL
    private let binaries: URL
    private var processes: [Process] = []

    /// Starts the master; the agent comes with ``startAgent(port:resources:)``.
    public init(binaries: URL, masterPort: Int, usesDocker: Bool) throws {
        self.usesDocker = usesDocker
        self.binaries = binaries
        masterAddress = "127.0.0.1:\(masterPort)"
        workDir = FileManager.default.temporaryDirectory.appendingPathComponent("swift-mesos-demo-\(getpid())")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
        processes.append(try Self.launch(
            binaries.appendingPathComponent("swift-mesos-master"),
            ["--ip=127.0.0.1", "--port=\(masterPort)", "--hostname=127.0.0.1", "--allocation_interval=500ms",
             "--work_dir=\(workDir.appendingPathComponent("master").path)"],
            log: workDir.appendingPathComponent("master.log")))
    }

    /// Starts the agent with `resources` on `port`.
    public func startAgent(port: Int, resources: String) throws {
        processes.append(try Self.launch(
            binaries.appendingPathComponent("swift-mesos-agent"),
            ["--master=\(masterAddress)", "--ip=127.0.0.1", "--port=\(port)", "--hostname=127.0.0.1",
             "--work_dir=\(workDir.appendingPathComponent("agent").path)", "--resources=\(resources)",
             "--containerizers=\(usesDocker ? "docker,mesos" : "mesos")"],
            log: workDir.appendingPathComponent("agent.log")))
    }

    /// Whether `docker info` answers.
    public static func dockerIsReachable() -> Bool {
        (try? run("/usr/bin/env", ["docker", "info"])) == 0
    }

    /// Stops the agent, then the master (SIGTERM, SIGKILL after 15 s), removes the agent's containers.
    public func stop() async {
        for process in processes.reversed() where process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(15)
            while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        processes = []
        if usesDocker { removeContainers() }
        try? FileManager.default.removeItem(at: workDir)
    }

    /// Removes containers left by the agent (labelled with its id), if any.
    private func removeContainers() {
        let idFile = workDir.appendingPathComponent("agent/meta/agent_id")
        guard let id = try? String(contentsOf: idFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
              !id.isEmpty else { return }
        let pipe = Pipe()
        let list = Process()
        list.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        list.arguments = ["docker", "ps", "-aq", "--filter", "label=mesos.agent_id=\(id)"]
        list.standardOutput = pipe
        list.standardError = FileHandle.nullDevice
        guard (try? list.run()) != nil else { return }
        let ids = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(whereSeparator: \.isNewline).map(String.init)
        list.waitUntilExit()
        if !ids.isEmpty { _ = try? Self.run("/usr/bin/env", ["docker", "rm", "-f"] + ids) }
    }

    /// The last lines of a daemon's log, for errors.
    public func logTail(_ name: String) -> String {
        let text = (try? String(contentsOf: workDir.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(20).joined(separator: "\n")
    }

    private static func launch(_ executable: URL, _ arguments: [String], log: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
