// swift-tools-version:6.1
import PackageDescription

/// swift-mesos: a Mesos-compatible cluster resource manager in Swift.
///
/// Module layering (see Docs/architecture.md):
///   C libraries:   CCurl, CZooKeeper → CMesosShims
///   pure core:     MesosModel → MesosResources, MesosRecordIO, MesosFlags
///   IO shell:      MesosHTTPClient (libcurl), MesosZooKeeper (libzookeeper_mt)
///   tests:         MesosTestKit (real ZooKeeper server, daemons as processes)
let package = Package(
    name: "swift-mesos",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MesosModel", targets: ["MesosModel"]),
        .library(name: "MesosResources", targets: ["MesosResources"]),
        .library(name: "MesosRecordIO", targets: ["MesosRecordIO"]),
        .library(name: "MesosHTTPClient", targets: ["MesosHTTPClient"]),
        .library(name: "MesosZooKeeper", targets: ["MesosZooKeeper"]),
        .library(name: "MesosFlags", targets: ["MesosFlags"]),
        .library(name: "MesosLeaderElection", targets: ["MesosLeaderElection"]),
        .library(name: "MesosAllocator", targets: ["MesosAllocator"]),
        .executable(name: "swift-mesos-bench", targets: ["MesosBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        // MARK: C libraries
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CZooKeeper",
            providers: [.apt(["libzookeeper-mt-dev"])]
        ),
        .target(
            name: "CMesosShims",
            dependencies: ["CCurl", "CZooKeeper"],
            cSettings: [.define("THREADED")],
            linkerSettings: [.linkedLibrary("zookeeper_mt"), .linkedLibrary("curl")]
        ),

        // MARK: Pure core
        .target(name: "MesosModel"),
        .target(name: "MesosResources", dependencies: ["MesosModel"]),
        .target(name: "MesosRecordIO"),
        .target(name: "MesosAllocator", dependencies: ["MesosModel", "MesosResources"]),
        .target(
            name: "MesosFlags",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: IO shell
        .target(
            name: "MesosHTTPClient",
            dependencies: ["CMesosShims", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "MesosZooKeeper",
            dependencies: ["CMesosShims", .product(name: "Logging", package: "swift-log")]
        ),

        .target(
            name: "MesosLeaderElection",
            dependencies: ["MesosZooKeeper", "MesosModel", .product(name: "Logging", package: "swift-log")]
        ),

        // MARK: Tools
        .executableTarget(
            name: "MesosBenchmarks",
            dependencies: [
                "MesosAllocator", "MesosModel", "MesosResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Test kit
        .target(
            name: "MesosTestKit",
            dependencies: [
                "MesosHTTPClient",
                "MesosRecordIO",
                "MesosModel",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "MesosModelTests", dependencies: ["MesosModel"]),
        .testTarget(
            name: "MesosResourcesTests",
            dependencies: [
                "MesosResources",
                "MesosModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "MesosRecordIOTests", dependencies: ["MesosRecordIO"]),
        .testTarget(
            name: "MesosAllocatorTests",
            dependencies: [
                "MesosAllocator", "MesosModel", "MesosResources",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "MesosFlagsTests",
            dependencies: ["MesosFlags", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "MesosHTTPClientTests",
            dependencies: [
                "MesosHTTPClient",
                "MesosRecordIO",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "MesosZooKeeperTests", dependencies: ["MesosZooKeeper", "MesosTestKit"]),
        .testTarget(name: "MesosTestKitTests", dependencies: ["MesosTestKit"]),
        .testTarget(name: "MesosLeaderElectionTests", dependencies: ["MesosLeaderElection", "MesosTestKit"]),
    ]
)
