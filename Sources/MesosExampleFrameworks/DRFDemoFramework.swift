import Logging
import MesosScheduler

/// A ``DRFDemoScheduler`` with its driver: start it, watch it, tear it down.
public final class DRFDemoFramework: Sendable {
    /// The scheduler (running task count, dominant share).
    public let scheduler: DRFDemoScheduler
    private let driver: MesosSchedulerDriver

    /// Creates the framework for the master at `master` (any SDK master URL).
    public init(
        options: DRFDemoOptions, master: String,
        generator: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(), logger: Logger
    ) throws {
        let scheduler = DRFDemoScheduler(options: options, generator: generator, logger: logger)
        var configuration = SchedulerConfiguration(master: master, frameworkInfo: scheduler.frameworkInfo)
        configuration.logger = logger
        self.scheduler = scheduler
        self.driver = try MesosSchedulerDriver(scheduler: scheduler, configuration: configuration)
    }

    /// Runs until ``stop()`` (or until `maxTasks` tasks ended).
    public func run() async -> DriverStatus {
        await driver.run()
    }

    /// Starts the driver without waiting.
    @discardableResult
    public func start() -> DriverStatus { driver.start() }

    /// Tears the framework down (its tasks are killed) and waits until the driver is done.
    @discardableResult
    public func stop() async -> DriverStatus {
        driver.stop(failover: false)
        return await driver.join()
    }
}
