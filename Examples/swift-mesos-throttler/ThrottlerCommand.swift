import ArgumentParser
import Foundation
import Logging
import MesosExampleFrameworks
import MesosFlags

/// `swift-mesos-throttler`: a distributed load test of an HTTP target. Runs `--total-queries` GETs
/// in tasks of `--queries-per-task`, at most `--parallelism` tasks at once, waits for every task,
/// prints a report and exits 0 (1 when failures passed `--max-errors`). `run-queries` is the
/// worker its tasks run.
@main
struct ThrottlerCommand: MesosCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-mesos-throttler",
        abstract: "Load-tests an HTTP target with batches of queries run as Mesos tasks, at most --parallelism at once.",
        discussion: "Tasks run this executable's hidden `run-queries` worker as a custom executor on the agent's host: the binary must exist at --worker-path on every agent (the default, this executable's own path, fits agents on this machine).")

    @Option(help: "The master: host:port, a list, or zk://host:port/path.") var master = "127.0.0.1:5050"
    @Option(help: "The URL every query GETs (http:// or https://).") var target: String
    @Option(help: "Queries to run in all.") var totalQueries = 100
    @Option(help: "Queries per task (the last task may run fewer).") var queriesPerTask = 5
    @Option(help: "At most this many tasks at once.") var parallelism = 5
    @Option(help: "CPUs per task.") var taskCpus: Double = 1
    @Option(help: "Memory per task, in MB.") var taskMemory: Double = 128
    @Option(help: "Exit 1 (and stop launching) once more than this many tasks failed.") var maxErrors = 5
    @Option(help: "Run each task in this docker image as a busybox wget loop (default: the built-in worker on the agent's host).")
    var dockerImage: String?
    @Option(help: "The worker executable's path on the agents (default: this executable).") var workerPath: String?
    @Option(help: "The framework's name.") var frameworkName = "throttler"

    /// `run-queries` is parsed on its own (without `MESOS_*` variables: executors get plenty).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == RunQueriesCommand.configuration.commandName {
            await RunQueriesCommand.mesosMain(Array(arguments.dropFirst()), environment: [:])
        } else {
            await mesosMain()
        }
    }

    func validate() throws {
        if let problem = TargetURL.problem(with: target) { throw ValidationError("--target: \(problem)") }
        guard totalQueries >= 1 else { throw ValidationError("--total_queries must be at least 1, not \(totalQueries)") }
        guard queriesPerTask >= 1 else { throw ValidationError("--queries_per_task must be at least 1, not \(queriesPerTask)") }
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1, not \(parallelism)") }
        guard taskCpus > 0, taskCpus.isFinite else { throw ValidationError("--task_cpus must be positive, not \(taskCpus)") }
        guard taskMemory > 0, taskMemory.isFinite else { throw ValidationError("--task_memory must be positive, not \(taskMemory)") }
        guard maxErrors >= 0 else { throw ValidationError("--max_errors must be 0 or more, not \(maxErrors)") }
        if let dockerImage, dockerImage.isEmpty { throw ValidationError("--docker_image must not be empty") }
        if let workerPath, !workerPath.hasPrefix("/") { throw ValidationError("--worker_path must be absolute, not '\(workerPath)'") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardOutput(label: $0) }
        var logger = Logger(label: "throttler")
        logger.logLevel = .info
        let options = ThrottlerOptions(
            target: target, totalQueries: totalQueries, queriesPerTask: queriesPerTask, parallelism: parallelism,
            shape: TaskShape(cpus: taskCpus, memoryMB: taskMemory), maxErrors: maxErrors, dockerImage: dockerImage,
            workerPath: workerPath ?? Self.ownPath(), frameworkName: frameworkName)
        let framework = try ThrottlerFramework(options: options, master: master, logger: logger)
        let final = await framework.runUntilSignalled { signal in say("throttler: \(signal), tearing down") }
        say(final.render())
        if !final.succeeded { throw ExitCode(1) }
    }

    /// This executable's absolute path (`/proc/self/exe` on Linux).
    static func ownPath() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }
}

/// Writes a line to standard output at once (print buffers when the output is a file or pipe).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
