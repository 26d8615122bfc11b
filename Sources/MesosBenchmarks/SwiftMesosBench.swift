import ArgumentParser

/// `swift-mesos-bench`: performance benchmarks of swift-mesos components.
@main
struct SwiftMesosBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swift-mesos-bench",
        abstract: "Benchmarks of swift-mesos components (release builds only give meaningful numbers).",
        subcommands: [AllocatorBenchmark.self, AllocatorScenarioCommand.self]
            + [LoadBenchmark.self, ScaleBenchmark.self, ScaleCoreBenchmark.self]
            + [LaunchBenchmark.self, FailoverBenchmark.self, GrowthBenchmark.self]
            + [CodecBenchmark.self, HTTPClientBenchmark.self, PerformanceReportCommand.self]
    )
}
