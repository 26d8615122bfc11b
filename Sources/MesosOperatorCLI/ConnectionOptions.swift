import ArgumentParser
import Foundation
import Logging

/// The `--master` option every subcommand takes, and the connection it leads to.
public struct ConnectionOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("master"),
        help: ArgumentHelp(
            "The master: host:port, http://host:port, a comma list, or zk://host:port/path.",
            discussion: "Default: $MESOS_MASTER, else \"master\" in ~/.swift-mesos.json, else 127.0.0.1:5050.",
            valueName: "address"))
    var master: String?

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Seconds one HTTP request may take.", valueName: "seconds"))
    var timeout: Double = 15

    public init() {}

    public func validate() throws {
        if let master {
            do {
                _ = try MasterAddress(parsing: master)
            } catch {
                throw ValidationError("--master: \(error.description)")
            }
        }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    /// The master chosen from `--master`, the environment and the config file.
    public func setting(environment: [String: String] = ProcessInfo.processInfo.environment) throws(OperatorCLIError) -> MasterSetting {
        try MasterSetting.resolve(flag: master, environment: environment) { path in
            FileManager.default.contents(atPath: path)
        }
    }

    /// A connection to that master.
    public func connect() throws(OperatorCLIError) -> MasterConnection {
        var logger = Logger(label: "swift-mesos")
        logger.logLevel = .critical
        return try MasterConnection(setting: try setting(), requestTimeout: .milliseconds(Int(timeout * 1000)), logger: logger)
    }
}

extension MasterConnection {
    /// Runs `body` with this connection and shuts it down afterwards.
    func using<T>(_ body: (MasterConnection) async throws(OperatorCLIError) -> T) async throws(OperatorCLIError) -> T {
        do {
            let result = try await body(self)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }

    /// The master's state.
    func clusterState() async throws(OperatorCLIError) -> ClusterState {
        try ClusterState(json: try await get("/master/state"))
    }
}
