// swift-tools-version:6.1
import PackageDescription

/// swift-mesos: a Mesos-compatible cluster resource manager in Swift.
///
/// Module layering (see Docs/architecture.md):
///   C libraries:   CCurl, CZooKeeper → CMesosShims; CPrefetch (a cache hint for the allocator)
///   pure core:     MesosModel → MesosResources, MesosRecordIO, MesosFlags, MesosAllocator,
///                  MesosMasterCore, MesosAgentCore
///   IO shell:      MesosHTTPClient (libcurl), MesosZooKeeper (libzookeeper_mt), MesosLeaderElection,
///                  MesosMaster, MesosAgent, MesosScheduler (the framework SDK)
///   executables:   swift-mesos-master, swift-mesos-agent, swift-mesos-bench
///   tests:         MesosTestKit (real ZooKeeper servers, daemons as processes, a simulated agent)
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let nioHTTP2 = Target.Dependency.product(name: "NIOHTTP2", package: "swift-nio-http2")
let nioHTTPTypesHTTP2 = Target.Dependency.product(name: "NIOHTTPTypesHTTP2", package: "swift-nio-extras")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let subprocess = Target.Dependency.product(name: "Subprocess", package: "swift-subprocess")
let systemPackage = Target.Dependency.product(name: "SystemPackage", package: "swift-system")
let propertyBased = Target.Dependency.product(name: "PropertyBased", package: "swift-property-based")

let package = Package(
    name: "swift-mesos",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "swift-mesos-master", targets: ["swift-mesos-master"]),
        .executable(name: "swift-mesos-agent", targets: ["swift-mesos-agent"]),
        .executable(name: "swift-mesos-bench", targets: ["MesosBenchmarks"]),
        .executable(name: "swift-mesos-drf-demo", targets: ["swift-mesos-drf-demo"]),
        .executable(name: "swift-mesos-demo", targets: ["swift-mesos-demo"]),
        .executable(name: "swift-mesos", targets: ["swift-mesos"]),
        .executable(name: "swift-mesos-throttler", targets: ["swift-mesos-throttler"]),
        .executable(name: "swift-mesos-throttler-demo", targets: ["swift-mesos-throttler-demo"]),
        .library(name: "MesosExampleFrameworks", targets: ["MesosExampleFrameworks"]),
        .library(name: "MesosScheduler", targets: ["MesosScheduler"]),
        .library(name: "MesosModel", targets: ["MesosModel"]),
        .library(name: "MesosResources", targets: ["MesosResources"]),
        .library(name: "MesosRecordIO", targets: ["MesosRecordIO"]),
        .library(name: "MesosHTTPClient", targets: ["MesosHTTPClient"]),
        .library(name: "MesosZooKeeper", targets: ["MesosZooKeeper"]),
        .library(name: "MesosFlags", targets: ["MesosFlags"]),
        .library(name: "MesosLeaderElection", targets: ["MesosLeaderElection"]),
        .library(name: "MesosAllocator", targets: ["MesosAllocator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.30.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.20.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZooKeeper", providers: [.apt(["libzookeeper-mt-dev"])]),
        .target(
            name: "CMesosShims",
            dependencies: ["CCurl", "CZooKeeper"],
            cSettings: [.define("THREADED")],
            linkerSettings: [.linkedLibrary("zookeeper_mt"), .linkedLibrary("curl")]
        ),

        // A cache prefetch hint for the allocator's rounds (no library behind it).
        .target(name: "CPrefetch"),

        // MARK: Pure core
        .target(name: "MesosModel"),
        .target(name: "MesosResources", dependencies: ["MesosModel"]),
        .target(name: "MesosRecordIO"),
        .target(name: "MesosFlags", dependencies: [argumentParser]),
        .target(name: "MesosAllocator", dependencies: ["MesosModel", "MesosResources", "CPrefetch"]),
        .target(
            name: "MesosMasterCore",
            dependencies: [
                "MesosModel", "MesosResources", "MesosAllocator",
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(name: "MesosAgentCore", dependencies: ["MesosModel", "MesosResources"]),

        // MARK: IO shell
        .target(name: "MesosHTTPClient", dependencies: ["CMesosShims", logging]),
        .target(name: "MesosZooKeeper", dependencies: ["CMesosShims", logging]),
        .target(name: "MesosLeaderElection", dependencies: ["MesosZooKeeper", "MesosModel", logging]),
        .target(
            name: "MesosMaster",
            dependencies: [
                "MesosMasterCore", "MesosModel", "MesosResources", "MesosAllocator", "MesosRecordIO", "MesosFlags",
                "MesosZooKeeper", "MesosLeaderElection",
                argumentParser, logging, hummingbird, nioHTTP2, nioHTTPTypesHTTP2, serviceLifecycle, unixSignals,
            ]
        ),
        .target(
            name: "MesosAgent",
            dependencies: [
                "MesosAgentCore", "MesosModel", "MesosResources", "MesosLeaderElection", "MesosRecordIO", "MesosFlags",
                "MesosHTTPClient", "MesosZooKeeper",
                argumentParser, logging, hummingbird, serviceLifecycle, unixSignals, subprocess, systemPackage,
            ]
        ),
        .target(
            name: "MesosScheduler",
            dependencies: [
                "MesosModel", "MesosResources", "MesosRecordIO", "MesosHTTPClient", "MesosZooKeeper",
                "MesosLeaderElection", logging,
            ]
        ),

        // MARK: Example frameworks
        .target(
            name: "MesosExampleFrameworks",
            dependencies: [
                "MesosScheduler", "MesosResources", "MesosModel", "MesosHTTPClient", "MesosRecordIO", "MesosFlags", logging,
                hummingbird, serviceLifecycle, unixSignals,
            ]
        ),
        .executableTarget(
            name: "swift-mesos-drf-demo",
            dependencies: ["MesosExampleFrameworks", "MesosFlags", argumentParser, logging, unixSignals],
            path: "Examples/swift-mesos-drf-demo"
        ),
        .executableTarget(
            name: "swift-mesos-demo",
            dependencies: ["MesosExampleFrameworks", "MesosFlags", "MesosResources", argumentParser, logging, unixSignals],
            path: "Examples/swift-mesos-demo"
        ),
        .executableTarget(
            name: "swift-mesos-throttler",
            dependencies: ["MesosExampleFrameworks", "MesosFlags", argumentParser, logging, unixSignals],
            path: "Examples/swift-mesos-throttler"
        ),
        .executableTarget(
            name: "swift-mesos-throttler-demo",
            dependencies: ["MesosExampleFrameworks", "MesosFlags", "MesosResources", argumentParser, logging, unixSignals],
            path: "Examples/swift-mesos-throttler-demo"
        ),

        // MARK: Operator CLI
        .target(
            name: "MesosOperatorCLI",
            dependencies: ["MesosHTTPClient", "MesosLeaderElection", "MesosZooKeeper", "MesosModel", argumentParser, logging]
        ),
        .executableTarget(name: "swift-mesos", dependencies: ["MesosOperatorCLI"]),
        .testTarget(
            name: "MesosOperatorCLITests",
            dependencies: [
                "MesosOperatorCLI", "MesosScheduler", "MesosModel", "MesosResources", "MesosTestKit", "MesosHTTPClient",
                hummingbird, logging, subprocess, systemPackage,
            ]
        ),

        // MARK: Executables
        .executableTarget(name: "swift-mesos-master", dependencies: ["MesosMaster"]),
        .executableTarget(name: "swift-mesos-agent", dependencies: ["MesosAgent"]),
        .executableTarget(
            name: "MesosBenchmarks",
            dependencies: [
                "MesosAllocator", "MesosMasterCore", "MesosMaster", "MesosModel", "MesosResources", argumentParser,
                // load, scale, launch and failover: real daemons, ZooKeeper, docker, SDK frameworks
                "MesosTestKit", "MesosScheduler", "MesosAgent", "MesosHTTPClient", "MesosLeaderElection",
                "MesosZooKeeper", "MesosRecordIO", logging,
                httpTypes,
            ]
        ),

        // MARK: Test kit
        .target(
            name: "MesosTestKit",
            dependencies: [
                "MesosHTTPClient", "MesosRecordIO", "MesosModel", subprocess, systemPackage, logging, serviceLifecycle,
                // H2CConnection: HTTP/2 with prior knowledge (curl 7.88 does not multiplex it)
                nioPosix, nioHTTP2, nioHTTPTypesHTTP2, httpTypes,
            ]
        ),

        // MARK: Tests
        .testTarget(name: "MesosModelTests", dependencies: ["MesosModel", propertyBased]),
        .testTarget(name: "MesosResourcesTests", dependencies: ["MesosResources", "MesosModel", propertyBased]),
        .testTarget(name: "MesosRecordIOTests", dependencies: ["MesosRecordIO"]),
        .testTarget(name: "MesosFlagsTests", dependencies: ["MesosFlags", argumentParser]),
        .testTarget(
            name: "MesosAllocatorTests",
            dependencies: ["MesosAllocator", "MesosModel", "MesosResources", propertyBased]
        ),
        .testTarget(
            name: "MesosHTTPClientTests",
            dependencies: ["MesosHTTPClient", "MesosRecordIO", "MesosTestKit", hummingbird, logging]
        ),
        .testTarget(name: "MesosZooKeeperTests", dependencies: ["MesosZooKeeper", "MesosTestKit"]),
        .testTarget(name: "MesosLeaderElectionTests", dependencies: ["MesosLeaderElection", "MesosTestKit"]),
        .testTarget(name: "MesosTestKitTests", dependencies: ["MesosTestKit"]),
        .testTarget(name: "MesosBenchmarksTests", dependencies: ["MesosBenchmarks", "MesosTestKit", subprocess]),
        .testTarget(
            name: "MesosMasterCoreTests",
            dependencies: ["MesosMasterCore", "MesosModel", "MesosResources", "MesosAllocator"]
        ),
        .testTarget(
            name: "MesosMasterTests",
            dependencies: [
                "MesosMaster", "MesosMasterCore", "MesosModel", "MesosFlags", "MesosTestKit", "MesosHTTPClient",
                "MesosRecordIO", logging, httpTypes,
            ]
        ),
        .testTarget(name: "MesosAgentCoreTests", dependencies: ["MesosAgentCore", "MesosModel", "MesosResources"]),
        .testTarget(
            name: "MesosAgentTests",
            dependencies: [
                "MesosAgent", "MesosAgentCore", "MesosModel", "MesosResources", "MesosTestKit", "MesosHTTPClient",
                "MesosRecordIO", "MesosZooKeeper", hummingbird, logging,
            ]
        ),
        .testTarget(
            name: "MesosSchedulerTests",
            dependencies: [
                "MesosScheduler", "MesosTestKit", "MesosModel", "MesosRecordIO", "MesosResources", "MesosZooKeeper",
                "MesosHTTPClient",
                hummingbird, serviceLifecycle, logging,
            ]
        ),
        .testTarget(
            name: "MesosExampleFrameworksTests",
            dependencies: [
                "MesosExampleFrameworks", "MesosScheduler", "MesosModel", "MesosTestKit", "MesosHTTPClient", logging,
                subprocess, hummingbird,
            ]
        ),
    ]
)
