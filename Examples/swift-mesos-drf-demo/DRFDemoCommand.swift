import ArgumentParser
import Foundation
import Logging
import MesosExampleFrameworks
import MesosFlags
import UnixSignals

/// `swift-mesos-drf-demo`: one DRF demo framework; prints its events and, every few seconds, its
/// running task count and dominant share. SIGINT/SIGTERM tear it down.
@main
struct DRFDemoCommand: MesosCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-mesos-drf-demo",
        abstract: "Launches sleeping tasks of one shape on every offer to show how DRF shares a cluster.")

    @Option(help: "The master: host:port, a list, or zk://host:port/path.") var master = "127.0.0.1:5050"
    @Option(help: "The framework's name.") var frameworkName = "drf-demo"
    @Option(help: "CPUs per task.") var taskCpus: Double = 1
    @Option(help: "Memory per task, in MB.") var taskMemory: Double = 128
    @Option(help: "The role to register with.") var role = "*"
    @Option(help: "How long each task sleeps: '30secs' or a uniform range '20secs..40secs'.")
    var taskDuration = "20secs..40secs"
    @Option(help: "Tasks to launch in all before stopping (default: run until stopped).") var maxTasks: Int?
    @Option(help: "At most this many tasks per offer (default: as many as fit; 1 shows progressive filling).")
    var tasksPerOffer: Int?
    @Flag(help: "Declare the task shape with a REQUEST call so the allocator sizes offers to it.")
    var requestResources = false
    @Option(help: "Run tasks in this docker image (default: command tasks on the agent's host).") var dockerImage: String?
    @Option(help: "Seconds between status lines.") var reportInterval: Double = 5

    func validate() throws {
        guard taskCpus > 0, taskCpus.isFinite else { throw ValidationError("--task_cpus must be positive, not \(taskCpus)") }
        guard taskMemory > 0, taskMemory.isFinite else { throw ValidationError("--task_memory must be positive, not \(taskMemory)") }
        if let maxTasks, maxTasks < 1 { throw ValidationError("--max_tasks must be at least 1") }
        if let tasksPerOffer, tasksPerOffer < 1 { throw ValidationError("--tasks_per_offer must be at least 1") }
        do { _ = try TaskDuration(parsing: taskDuration) } catch { throw ValidationError("--task_duration: \(error)") }
        guard reportInterval.isFinite, reportInterval >= 0.1, reportInterval <= 86_400 else {
            throw ValidationError("--report_interval must be a number of seconds from 0.1 to 86400, not \(reportInterval)")
        }
        if let dockerImage, dockerImage.isEmpty { throw ValidationError("--docker_image must not be empty") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardOutput(label: $0) }
        var logger = Logger(label: "drf-demo")
        logger.logLevel = .info
        let options = DRFDemoOptions(
            frameworkName: frameworkName, shape: TaskShape(cpus: taskCpus, memoryMB: taskMemory), role: role,
            taskDuration: try TaskDuration(parsing: taskDuration), maxTasks: maxTasks, tasksPerOffer: tasksPerOffer,
            requestResources: requestResources, dockerImage: dockerImage)
        let framework = try DRFDemoFramework(options: options, master: master, logger: logger)
        let reader = try? MasterStateReader(master: master, logger: logger)
        let interval = reportInterval
        let name = frameworkName
        let status = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                let status = await framework.run()
                return "driver \(status)"
            }
            group.addTask {
                for await signal in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                    say("\(name): \(signal), tearing down")
                    await framework.stop()
                    return nil
                }
                return nil
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(interval))
                    if let snapshot = try? await reader?.snapshot() {
                        await framework.scheduler.updateClusterTotals(snapshot.totals)
                    }
                    let running = await framework.scheduler.runningTaskCount
                    let share = await framework.scheduler.dominantShare
                    say("\(name): \(running) running task(s), dominant share \(String(format: "%.3f", share))")
                }
                return nil
            }
            var result = "stopped"
            for await value in group {
                if let value {
                    result = value
                    group.cancelAll()
                }
            }
            return result
        }
        await reader?.shutdown()
        say("\(name): \(status)")
    }
}

/// Writes a line to standard output at once (print buffers when the output is a file or pipe).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
