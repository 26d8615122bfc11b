import Foundation
import Logging
import MesosAgentCore
import Subprocess
import SystemPackage

/// Watches the exits of the agent's docker containers through ONE long-lived
/// `docker events --filter type=container --filter event=die --filter event=destroy --filter label=<label>`
/// child instead of a `docker wait` process per container.
///
/// No exit is lost:
/// - the stream starts before the first launch, replaying the last seconds (`--since`);
/// - a `die` for a name not watched yet is kept (a bounded map) for a `watch` that comes later;
/// - when the stream ends (its child killed, docker restarting) it starts again with backoff,
///   replaying from before it ended, and every watched container's state is checked once with
///   `docker container inspect`;
/// - `watch(_:checkNow: true)` (adopting after an agent restart) checks the state once at once.
///
/// A `die` is confirmed with one `docker container inspect` (it knows whether the OOM killer
/// struck); a container that vanished without a known exit is reported "disappeared".
public actor DockerExitWatcher {
    /// Called once with how a watched container ended.
    public typealias ExitHandler = @Sendable (ContainerTermination) async -> Void

    private let docker: DockerCLI
    private let label: String
    private let logger: Logger
    private let earlyEventLimit: Int
    private let restartDelay: Double
    private var handlers: [String: ExitHandler] = [:]
    /// Events for names not watched (yet), oldest first in `earlyOrder`.
    private var earlyEvents: [String: DockerContainerEvent.Action] = [:]
    private var earlyOrder: [String] = []
    private var stream: Task<Void, Never>?
    private var childProcessID: pid_t?
    private var streamsStarted = 0
    /// Where the current child's pid is kept (nil: nowhere), so that a restarted agent stops the
    /// child its SIGKILLed predecessor left running.
    private let pidFile: String?

    /// Creates a watcher of the containers carrying `label` (a label key); nothing runs before
    /// ``start()``. An ended stream is started again after `restartDelay` seconds, doubling up to
    /// 5 s while it keeps ending; `earlyEventLimit` bounds the events kept for names not watched.
    /// With `pidFile` the child's pid is kept there, and a child left by an earlier watcher with the
    /// same file (an agent that was killed) is stopped by ``start()``.
    public init(
        docker: DockerCLI, label: String, logger: Logger, restartDelay: Double = 0.1, earlyEventLimit: Int = 4096,
        pidFile: String? = nil
    ) {
        self.pidFile = pidFile
        self.docker = docker
        self.label = label
        self.logger = logger
        self.restartDelay = min(max(0.01, restartDelay), 5)
        self.earlyEventLimit = max(1, earlyEventLimit)
    }

    /// The pid of the current `docker events` child (nil while none runs).
    public var streamProcessID: pid_t? { childProcessID }

    /// How many `docker events` children were started so far (restarts included).
    public var streamStarts: Int { streamsStarted }

    /// The names watched now.
    public var watchedNames: Set<String> { Set(handlers.keys) }

    /// Starts the events stream (once; later calls do nothing).
    public func start() {
        guard stream == nil else { return }
        if let pidFile { Self.stopLeftover(recordedIn: pidFile) }
        let since = Date().timeIntervalSince1970 - 2
        stream = Task { await self.runStreams(since: since) }
    }

    /// Stops the events stream (its child is killed); watched containers stay unreported.
    public func stop() {
        stream?.cancel()
        stream = nil
        childProcessID = nil
        if let pidFile { unlink(pidFile) }
    }

    /// SIGKILLs the `docker events` child whose pid `file` holds, if that pid still is one (a pid
    /// reused by another program is left alone).
    static func stopLeftover(recordedIn file: String) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0,
              let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
        else { return }
        let arguments = commandLine.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        guard arguments.contains("events"), arguments.contains("--since"),
              arguments.contains("event=die") else { return }
        _ = kill(pid, SIGKILL)
    }

    /// Reports `name`'s end to `onExit` once. With `checkNow` its state is inspected at once (an
    /// already exited or removed container is reported without waiting for an event).
    public func watch(_ name: String, checkNow: Bool = false, onExit: @escaping ExitHandler) async {
        start()
        if let early = earlyEvents.removeValue(forKey: name) {
            earlyOrder.removeAll { $0 == name }
            handlers[name] = onExit
            received(DockerContainerEvent(name: name, action: early))
            return
        }
        handlers[name] = onExit
        if checkNow { await check([name]) }
    }

    /// Stops watching `name` and forgets any event kept for it.
    public func forget(_ name: String) {
        handlers[name] = nil
        if earlyEvents.removeValue(forKey: name) != nil { earlyOrder.removeAll { $0 == name } }
    }

    // MARK: - Events

    private func received(_ event: DockerContainerEvent) {
        guard let handler = handlers[event.name] else {
            keepEarly(event)
            return
        }
        handlers[event.name] = nil
        switch event.action {
        case .died(let exitCode):
            let docker = self.docker
            Task {
                let inspected = await Self.inspect([event.name], docker: docker)[event.name]
                await handler(DockerContainerState.termination(ofDied: event.name, exitCode: exitCode, inspected: inspected))
            }
        case .destroyed:
            Task { await handler(DockerContainerState.disappeared(event.name)) }
        }
    }

    private func keepEarly(_ event: DockerContainerEvent) {
        if let kept = earlyEvents[event.name] {
            // A `die` says more than the `destroy` after it.
            if case .died = kept, event.action == .destroyed { return }
        } else {
            earlyOrder.append(event.name)
        }
        earlyEvents[event.name] = event.action
        while earlyOrder.count > earlyEventLimit {
            earlyEvents[earlyOrder.removeFirst()] = nil
        }
    }

    /// Inspects `names` (those still watched) and reports the ended and removed ones.
    private func check(_ names: [String]) async {
        let watched = names.filter { handlers[$0] != nil }
        guard !watched.isEmpty else { return }
        let states = await Self.inspect(watched, docker: docker)
        for name in watched {
            let termination: ContainerTermination
            switch states[name] {
            case .ended(let ended)?: termination = ended
            case .gone?: termination = DockerContainerState.disappeared(name)
            case .live?, nil: continue
            }
            guard let handler = handlers.removeValue(forKey: name) else { continue }
            Task { await handler(termination) }
        }
    }

    /// `docker container inspect` of `names`, 100 per command; empty when docker cannot tell.
    private static func inspect(_ names: [String], docker: DockerCLI) async -> [String: DockerContainerState] {
        var states: [String: DockerContainerState] = [:]
        for start in stride(from: 0, to: names.count, by: 100) {
            let chunk = Array(names[start..<min(start + 100, names.count)])
            guard let output = try? await docker.run(
                ["container", "inspect", "--format", DockerContainerState.inspectFormat] + chunk, timeout: 60)
            else { continue }
            states.merge(DockerContainerState.parse(standardOutput: output.standardOutput,
                                                    standardError: output.standardError, names: chunk)) { $1 }
        }
        return states
    }

    // MARK: - The stream

    private func streamStarted(processID: pid_t) {
        childProcessID = processID
        streamsStarted += 1
        if let pidFile {
            let temporary = pidFile + ".tmp"
            if (try? "\(processID)\n".write(toFile: temporary, atomically: false, encoding: .utf8)) != nil {
                rename(temporary, pidFile)
            }
        }
        // After a restart, exits may have happened while no stream ran.
        if streamsStarted > 1 {
            let names = Array(handlers.keys)
            Task { await self.check(names) }
        }
    }

    private func streamEnded() {
        childProcessID = nil
    }

    /// Runs `docker events` until cancelled, restarting it with backoff (`restartDelay` doubling to
    /// 5 s; back to `restartDelay` after a stream that lived 10 s).
    private nonisolated func runStreams(since firstSince: Double) async {
        var since = firstSince
        var backoff = restartDelay
        while !Task.isCancelled {
            let started = Date()
            let outcome = await runStream(since: since)
            await streamEnded()
            if Task.isCancelled { return }
            // Replay from a little before this stream ended: nothing in between is missed.
            since = Date().timeIntervalSince1970 - 2
            if Date().timeIntervalSince(started) > 10 { backoff = restartDelay }
            logger.warning("`docker events` ended (\(outcome)); starting it again in \(backoff) s")
            try? await Task.sleep(for: .milliseconds(Int(backoff * 1000)))
            backoff = min(backoff * 2, 5)
        }
    }

    /// One `docker events` child: each line it prints goes to ``received(_:)``. Returns how it ended.
    private nonisolated func runStream(since: Double) async -> String {
        let arguments = [
            "events", "--since", String(format: "%.3f", since),
            "--filter", "type=container", "--filter", "event=die", "--filter", "event=destroy",
            "--filter", "label=\(label)", "--format", "{{json .}}",
        ]
        let executable = ExecutableLookup.executable(for: docker.path)
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
        let configuration = Configuration(executable: executable, arguments: Arguments(arguments),
                                          environment: .inherit, platformOptions: options)
        do {
            let result = try await Subprocess.run(
                configuration, input: .none, output: .sequence, error: .string(limit: 1 << 16)
            ) { execution in
                await self.streamStarted(processID: execution.processIdentifier.value)
                var lines = LineBuffer()
                for try await chunk in execution.standardOutput {
                    let complete = chunk.withUnsafeBytes { lines.append($0) }
                    for line in complete {
                        if let event = DockerContainerEvent.parse(line: line) { await self.received(event) }
                    }
                }
            }
            let error = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(result.terminationStatus)" + (error.isEmpty ? "" : ": \(error)")
        } catch {
            return "\(error)"
        }
    }
}
