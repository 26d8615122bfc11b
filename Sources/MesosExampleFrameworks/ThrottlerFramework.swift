import Logging
import MesosScheduler
import UnixSignals

/// A ``ThrottlerScheduler`` with its driver: run it to the end, or interrupt it.
public final class ThrottlerFramework: Sendable {
    /// The scheduler (progress and report).
    public let scheduler: ThrottlerScheduler
    private let driver: MesosSchedulerDriver
    private let sandboxReader: AgentSandboxReader?

    /// Creates the framework for the master at `master` (any SDK master URL).
    public init(options: ThrottlerOptions, master: String, logger: Logger) throws {
        // Docker tasks print their line to stdout: read it from the agent's sandbox.
        let sandboxReader = options.dockerImage == nil ? nil : try AgentSandboxReader(logger: logger)
        let scheduler = ThrottlerScheduler(options: options, sandboxReader: sandboxReader, logger: logger)
        self.sandboxReader = sandboxReader
        var configuration = SchedulerConfiguration(master: master, frameworkInfo: scheduler.frameworkInfo)
        configuration.logger = logger
        // Acknowledged by the scheduler before it tears down: an implicit acknowledgement of the
        // last update would wait for the next event, which never comes.
        configuration.acknowledgements = .explicit
        self.scheduler = scheduler
        self.driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: configuration)
    }

    /// Runs until every task ended (the framework then tears itself down) or ``interrupt()``;
    /// returns the report.
    public func run() async -> ThrottlerReport {
        _ = await driver.run()
        await sandboxReader?.shutdown()
        return await scheduler.report
    }

    /// Runs like ``run()``, but SIGINT or SIGTERM interrupts it (`onSignal` is told first); returns
    /// the report (the one so far, marked aborted, after a signal).
    public func runUntilSignalled(onSignal: @escaping @Sendable (UnixSignal) -> Void) async -> ThrottlerReport {
        let finished = await withTaskGroup(of: ThrottlerReport?.self) { group in
            group.addTask { await self.run() }
            group.addTask {
                for await signal in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                    onSignal(signal)
                    await self.interrupt()
                    return nil
                }
                return nil
            }
            var report: ThrottlerReport?
            for await value in group {
                if let value {
                    report = value
                    group.cancelAll()
                }
            }
            return report
        }
        if let finished { return finished }
        return await scheduler.report
    }

    /// Stops launching and tears the framework down (the master kills its tasks).
    public func interrupt() async {
        await scheduler.abort()
        driver.stop(failover: false)
        _ = await driver.join()
    }
}
