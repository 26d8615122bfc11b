import Foundation

/// Which master the CLI talks to and where that choice came from: `--master`, else the
/// `MESOS_MASTER` environment variable, else `~/.swift-mesos.json` (`{"master": "host:port"}`),
/// else `127.0.0.1:5050`.
public struct MasterSetting: Sendable, Equatable {
    /// Where a setting came from; errors name it.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// The `--master` option.
        case flag
        /// The `MESOS_MASTER` environment variable.
        case environment
        /// The config file at this path.
        case configFile(String)
        /// Nothing was configured.
        case defaultValue

        public var description: String {
            switch self {
            case .flag: "--master"
            case .environment: "MESOS_MASTER"
            case .configFile(let path): "\"master\" in \(path)"
            case .defaultValue: "the default master"
            }
        }
    }

    /// The config file's name in the home directory.
    public static let configFileName = ".swift-mesos.json"
    /// The master used when nothing is configured.
    public static let defaultMaster = "127.0.0.1:5050"

    /// The parsed address.
    public let address: MasterAddress
    /// Where it came from.
    public let source: Source

    /// Chooses the master from `flag`, `environment` (`MESOS_MASTER`, `HOME`) and the config file,
    /// read with `readFile` (nil when the file does not exist).
    public static func resolve(
        flag: String?, environment: [String: String], readFile: (String) -> Data?
    ) throws(OperatorCLIError) -> MasterSetting {
        if let flag {
            return MasterSetting(address: try parse(flag, from: .flag), source: .flag)
        }
        if let value = environment["MESOS_MASTER"], !value.isEmpty {
            return MasterSetting(address: try parse(value, from: .environment), source: .environment)
        }
        if let home = environment["HOME"], !home.isEmpty {
            let path = (home as NSString).appendingPathComponent(configFileName)
            if let data = readFile(path) {
                let value = try configuredMaster(in: data, path: path)
                return MasterSetting(address: try parse(value, from: .configFile(path)), source: .configFile(path))
            }
        }
        return MasterSetting(address: try parse(defaultMaster, from: .defaultValue), source: .defaultValue)
    }

    /// The `master` string of a config file's contents.
    public static func configuredMaster(in data: Data, path: String) throws(OperatorCLIError) -> String {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw OperatorCLIError("\(path) is not valid JSON: expected {\"master\": \"host:port\"}")
        }
        guard let dictionary = object as? [String: Any] else {
            throw OperatorCLIError("\(path) must hold a JSON object: {\"master\": \"host:port\"}")
        }
        guard let master = dictionary["master"] as? String, !master.isEmpty else {
            throw OperatorCLIError("\(path) has no \"master\" string: expected {\"master\": \"host:port\"}")
        }
        return master
    }

    private static func parse(_ text: String, from source: Source) throws(OperatorCLIError) -> MasterAddress {
        do {
            return try MasterAddress(parsing: text)
        } catch {
            throw OperatorCLIError("\(source): \(error.description)")
        }
    }
}
