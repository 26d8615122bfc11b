/// A general, non-killing check of a task (`CheckInfo`); results arrive in
/// `TaskStatus.checkStatus`.
public struct CheckInfo: Codable, Sendable, Hashable {
    /// The kind of check.
    public enum CheckType: String, ProtoEnum {
        /// Not set.
        case unknown = "UNKNOWN"
        /// Run a command.
        case command = "COMMAND"
        /// GET an HTTP endpoint on 127.0.0.1.
        case http = "HTTP"
        /// Open a TCP connection to 127.0.0.1.
        case tcp = "TCP"
    }

    /// A command check: `{"command": {...CommandInfo}}`.
    public struct Command: Codable, Sendable, Hashable {
        /// The command to run.
        public var command: CommandInfo

        /// Creates a command check.
        public init(command: CommandInfo) {
            self.command = command
        }

        private enum CodingKeys: String, CodingKey {
            case command
        }
    }

    /// An HTTP check: `{"port": 8080, "path": "/ready"}`.
    public struct HTTP: Codable, Sendable, Hashable {
        /// The port to send the request to.
        public var port: UInt32
        /// The request path.
        public var path: String?

        /// Creates an HTTP check.
        public init(port: UInt32, path: String? = nil) {
            self.port = port
            self.path = path
        }

        private enum CodingKeys: String, CodingKey {
            case port
            case path
        }
    }

    /// A TCP check: `{"port": 8080}`.
    public struct TCP: Codable, Sendable, Hashable {
        /// The port to connect to.
        public var port: UInt32

        /// Creates a TCP check.
        public init(port: UInt32) {
            self.port = port
        }

        private enum CodingKeys: String, CodingKey {
            case port
        }
    }

    /// The kind of check.
    public var type: CheckType?
    /// The command, for `COMMAND` checks.
    public var command: Command?
    /// The request, for `HTTP` checks.
    public var http: HTTP?
    /// The port, for `TCP` checks.
    public var tcp: TCP?
    /// Seconds to wait after the task starts before checking (proto default 15).
    public var delaySeconds: Double?
    /// Seconds between checks (proto default 10).
    public var intervalSeconds: Double?
    /// Seconds a check may take; 0 means no limit (proto default 20).
    public var timeoutSeconds: Double?

    /// Creates a check.
    public init(
        type: CheckType? = nil,
        command: Command? = nil,
        http: HTTP? = nil,
        tcp: TCP? = nil,
        delaySeconds: Double? = nil,
        intervalSeconds: Double? = nil,
        timeoutSeconds: Double? = nil
    ) {
        self.type = type
        self.command = command
        self.http = http
        self.tcp = tcp
        self.delaySeconds = delaySeconds
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case command
        case http
        case tcp
        case delaySeconds = "delay_seconds"
        case intervalSeconds = "interval_seconds"
        case timeoutSeconds = "timeout_seconds"
    }
}
