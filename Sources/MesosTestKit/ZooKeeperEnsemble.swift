import Foundation
import Logging
import Synchronization

/// Real ZooKeeper servers for tests: Debian's ZooKeeper server jar run as child processes on free
/// loopback ports, each with its own temporary data dir and config. One node runs standalone;
/// three or more form a quorum ensemble. Stopped and cleaned up by ``shutdown()``.
public final class ZooKeeperEnsemble: Sendable {
    /// One ZooKeeper server of the ensemble.
    public final class Node: Sendable {
        /// 1-based server id (`myid`).
        public let id: Int
        /// The port clients connect to.
        public let clientPort: UInt16
        let directory: URL
        let configFile: URL
        let process = Mutex<ChildProcess?>(nil)

        init(id: Int, clientPort: UInt16, directory: URL, configFile: URL) {
            self.id = id
            self.clientPort = clientPort
            self.directory = directory
            self.configFile = configFile
        }

        /// `127.0.0.1:<clientPort>`.
        public var address: String { "127.0.0.1:\(clientPort)" }

        /// The server's mode from `srvr` (`standalone`, `leader`, `follower`), nil when it does not serve.
        public func mode() async -> String? {
            guard let reply = await FourLetterWord.send("srvr", port: clientPort),
                  let line = reply.split(separator: "\n").first(where: { $0.hasPrefix("Mode: ") })
            else { return nil }
            return String(line.dropFirst("Mode: ".count))
        }

        /// The running server process, if any (for SIGSTOP/SIGKILL fault tests).
        public var childProcess: ChildProcess? { process.withLock { $0 } }
    }

    /// The servers, in id order.
    public let nodes: [Node]
    private let root: URL
    private let logger: Logger

    /// `host:port,host:port,...` of every node.
    public var connectString: String { nodes.map(\.address).joined(separator: ",") }

    /// A `zk://` URL for `path` on this ensemble.
    public func url(path: String) -> String { "zk://\(connectString)\(path)" }

    /// Starts `size` servers (1: standalone) and waits until they serve clients.
    public static func start(size: Int = 1, logger: Logger = Logger(label: "test.zookeeper")) async throws -> ZooKeeperEnsemble {
        precondition(size >= 1, "an ensemble needs at least one server")
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("swift-mesos-zk-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var ports: [(client: UInt16, peer: UInt16, election: UInt16)] = []
        for _ in 0..<size { ports.append((try FreePort.next(), try FreePort.next(), try FreePort.next())) }

        var nodes: [Node] = []
        for (index, port) in ports.enumerated() {
            let id = index + 1
            let directory = root.appendingPathComponent("node\(id)")
            let data = directory.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            var config = """
                tickTime=500
                initLimit=20
                syncLimit=10
                dataDir=\(data.path)
                clientPort=\(port.client)
                clientPortAddress=127.0.0.1
                maxSessionTimeout=60000
                4lw.commands.whitelist=*
                admin.enableServer=false
                maxClientCnxns=0

                """
            if size > 1 {
                try "\(id)\n".write(to: data.appendingPathComponent("myid"), atomically: true, encoding: .utf8)
                for (otherIndex, other) in ports.enumerated() {
                    config += "server.\(otherIndex + 1)=127.0.0.1:\(other.peer):\(other.election)\n"
                }
            }
            let configFile = directory.appendingPathComponent("zoo.cfg")
            try config.write(to: configFile, atomically: true, encoding: .utf8)
            nodes.append(Node(id: id, clientPort: port.client, directory: directory, configFile: configFile))
        }
        let ensemble = ZooKeeperEnsemble(nodes: nodes, root: root, logger: logger)
        do {
            for node in nodes { try await ensemble.launch(node) }
            for node in nodes { try await ensemble.waitUntilServing(node) }
        } catch {
            await ensemble.shutdown()
            throw error
        }
        return ensemble
    }

    private init(nodes: [Node], root: URL, logger: Logger) {
        self.nodes = nodes
        self.root = root
        self.logger = logger
    }

    private func launch(_ node: Node) async throws {
        let java = ProcessInfo.processInfo.environment["JAVA"] ?? "/usr/bin/java"
        let jar = ProcessInfo.processInfo.environment["ZOOKEEPER_JAR"] ?? "/usr/share/java/zookeeper.jar"
        guard FileManager.default.fileExists(atPath: jar) else {
            throw TestKitError("ZooKeeper server jar not found at \(jar): install Debian's 'zookeeper' package (make test does)")
        }
        let process = try await ChildProcess.launch(
            name: "zookeeper-\(node.id)",
            executable: java,
            arguments: [
                // C1 only, one compiler thread, no perf-data file: half the CPU a server takes to start
                // (tests start many of them at once on 2 cores).
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:-UsePerfData",
                "-Dzookeeper.log.dir=\(node.directory.path)",
                "-cp", "/etc/zookeeper/conf:\(jar)",
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", node.configFile.path,
            ],
            logFile: node.directory.appendingPathComponent("zookeeper.log")
        )
        node.process.withLock { $0 = process }
    }

    /// Waits until `node` serves clients (standalone, leader or follower).
    public func waitUntilServing(_ node: Node, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let mode = await node.mode(), ["standalone", "leader", "follower"].contains(mode) { return }
            if let process = node.childProcess, !process.isRunning {
                throw TestKitError("ZooKeeper server \(node.id) exited: \(process.logTail())")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestKitError("ZooKeeper server \(node.id) did not serve within \(timeout): \(node.childProcess?.logTail() ?? "")")
    }

    /// Stops one server (SIGTERM, then SIGKILL).
    public func stop(_ node: Node) async {
        let process = node.process.withLock { $0.take() }
        await process?.stop()
    }

    /// Starts a stopped server again with its data; does not wait for a quorum.
    public func restart(_ node: Node) async throws {
        await stop(node)
        try await launch(node)
    }

    /// Stops every server and deletes their data.
    public func shutdown() async {
        for node in nodes { await stop(node) }
        try? FileManager.default.removeItem(at: root)
    }
}
