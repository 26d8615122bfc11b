import Foundation
import Logging
import MesosHTTPClient

/// One of our daemons (or any HTTP server) started by a test as a process on a free loopback
/// port: its output is captured in a log file, ``start(_:name:arguments:port:environment:healthPath:timeout:)``
/// returns once `GET <healthPath>` answers 200, and ``stop()`` always ends it.
public final class Daemon: Sendable {
    /// What to call it in logs (e.g. `master-1`).
    public let name: String
    /// The port it listens on, on 127.0.0.1.
    public let port: UInt16
    /// Its running process.
    public let process: ChildProcess
    /// A scratch directory for it (work dir, logs), deleted by ``stop()``.
    public let directory: URL

    /// `127.0.0.1:<port>`.
    public var address: String { "127.0.0.1:\(port)" }
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://\(address)" }

    /// Where the built executables are: `SWIFT_MESOS_BIN_DIR`, else next to the running test binary.
    public static var binaryDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["SWIFT_MESOS_BIN_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the test runner lives at .build/<config>/<name>.xctest; executables sit beside it.
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        return directory
    }

    /// Starts `executable` (a product name looked up in ``binaryDirectory``, or an absolute path)
    /// with `arguments`, and waits until `GET http://127.0.0.1:<port><healthPath>` answers 200.
    /// `arguments` may use `{port}` and `{dir}` placeholders for the port and scratch directory.
    public static func start(
        _ executable: String,
        name: String? = nil,
        arguments: [String],
        port: UInt16? = nil,
        environment: [String: String] = [:],
        healthPath: String = "/health",
        timeout: Duration = .seconds(30)
    ) async throws -> Daemon {
        let port = try port ?? FreePort.next()
        let name = name ?? "\(URL(fileURLWithPath: executable).lastPathComponent)-\(port)"
        let path = executable.hasPrefix("/") ? executable : binaryDirectory.appendingPathComponent(executable).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestKitError("\(path) is not an executable: build it first (swift build)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swift-mesos-\(name)-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let resolved = arguments.map {
            $0.replacingOccurrences(of: "{port}", with: "\(port)").replacingOccurrences(of: "{dir}", with: directory.path)
        }
        let process = try await ChildProcess.launch(
            name: name, executable: path, arguments: resolved, environment: environment,
            logFile: directory.appendingPathComponent("\(name).log"))
        let daemon = Daemon(name: name, port: port, process: process, directory: directory)
        do {
            try await daemon.waitUntilHealthy(path: healthPath, timeout: timeout)
        } catch {
            print("---- \(name) log (did not become healthy) ----\n\(process.logTail())\n----")
            await daemon.stop()
            throw error
        }
        return daemon
    }

    private init(name: String, port: UInt16, process: ChildProcess, directory: URL) {
        self.name = name
        self.port = port
        self.process = process
        self.directory = directory
    }

    /// Polls `GET <path>` until it answers 200, the process exits, or `timeout` passes.
    public func waitUntilHealthy(path: String = "/health", timeout: Duration = .seconds(30)) async throws {
        let client = try HTTPClient(logger: Logger(label: "test.daemon.health"))
        defer { Task { await client.shutdown() } }
        let deadline = ContinuousClock.now + timeout
        var last = "no answer"
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw TestKitError("\(name) exited (\(process.terminationStatus.map { "\($0)" } ?? "?")) before it was healthy")
            }
            do {
                let response = try await client.execute(
                    HTTPRequest(method: .get, url: "\(baseURL)\(path)", timeout: .seconds(2), connectTimeout: .seconds(1)))
                if response.status == 200 {
                    // Make sure it was our process that answered (not another server on a reused port).
                    try await Task.sleep(for: .milliseconds(50))
                    guard process.isRunning else {
                        throw TestKitError("\(name) exited (\(process.terminationStatus.map { "\($0)" } ?? "?")) although \(baseURL) answered: port taken?")
                    }
                    return
                }
                last = "HTTP \(response.status)"
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestKitError("\(name) was not healthy at \(baseURL)\(path) within \(timeout): \(last)")
    }

    /// The last lines of its log.
    public func logTail(lines: Int = 80) -> String { process.logTail(lines: lines) }

    /// Stops it (SIGTERM, then SIGKILL) and deletes its scratch directory.
    public func stop() async {
        await process.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` with a started daemon and always stops it; when `body` throws, the daemon's log
/// is printed first (set `SWIFT_MESOS_TEST_LOGS=1` to print it always).
public func withDaemon<T>(
    _ executable: String,
    name: String? = nil,
    arguments: [String],
    port: UInt16? = nil,
    environment: [String: String] = [:],
    healthPath: String = "/health",
    _ body: (Daemon) async throws -> T
) async throws -> T {
    let daemon = try await Daemon.start(
        executable, name: name, arguments: arguments, port: port, environment: environment, healthPath: healthPath)
    do {
        let result = try await body(daemon)
        if ProcessInfo.processInfo.environment["SWIFT_MESOS_TEST_LOGS"] == "1" {
            print("---- \(daemon.name) log ----\n\(daemon.logTail())\n----")
        }
        await daemon.stop()
        return result
    } catch {
        print("---- \(daemon.name) log (test failed: \(error)) ----\n\(daemon.logTail())\n----")
        await daemon.stop()
        throw error
    }
}
