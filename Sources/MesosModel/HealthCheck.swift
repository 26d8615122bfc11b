/// A health check run by the executor; failing it kills the task (`HealthCheck`).
public struct HealthCheck: Codable, Sendable, Hashable {
    /// The kind of health check.
    public enum CheckType: String, ProtoEnum {
        /// Not set.
        case unknown = "UNKNOWN"
        /// Run a command; exit code 0 is healthy.
        case command = "COMMAND"
        /// GET an HTTP endpoint; 2xx/3xx is healthy.
        case http = "HTTP"
        /// Open a TCP connection.
        case tcp = "TCP"
    }

    /// An HTTP check: `{"port": 8080, "path": "/health"}` (`HTTPCheckInfo`).
    public struct HTTPCheckInfo: Codable, Sendable, Hashable {
        /// IP version to use.
        public var `protocol`: NetworkInfo.IPProtocol?
        /// `http` or `https`.
        public var scheme: String?
        /// The port to send the request to.
        public var port: UInt32
        /// The request path.
        public var path: String?
        /// Status codes custom executors treat as healthy.
        public var statuses: [UInt32]

        /// Creates an HTTP check.
        public init(
            protocol: NetworkInfo.IPProtocol? = nil,
            scheme: String? = nil,
            port: UInt32,
            path: String? = nil,
            statuses: [UInt32] = []
        ) {
            self.protocol = `protocol`
            self.scheme = scheme
            self.port = port
            self.path = path
            self.statuses = statuses
        }

        private enum CodingKeys: String, CodingKey {
            case `protocol`
            case scheme
            case port
            case path
            case statuses
        }
    }

    /// A TCP check: `{"port": 8080}` (`TCPCheckInfo`).
    public struct TCPCheckInfo: Codable, Sendable, Hashable {
        /// IP version to use.
        public var `protocol`: NetworkInfo.IPProtocol?
        /// The port expected to be open.
        public var port: UInt32

        /// Creates a TCP check.
        public init(protocol: NetworkInfo.IPProtocol? = nil, port: UInt32) {
            self.protocol = `protocol`
            self.port = port
        }

        private enum CodingKeys: String, CodingKey {
            case `protocol`
            case port
        }
    }

    /// Seconds to wait after the task starts before checking (proto default 15).
    public var delaySeconds: Double?
    /// Seconds between checks (proto default 10).
    public var intervalSeconds: Double?
    /// Seconds a check may take; 0 means no limit (proto default 20).
    public var timeoutSeconds: Double?
    /// Failures in a row before the task is killed (proto default 3).
    public var consecutiveFailures: UInt32?
    /// Seconds after launch during which failures are ignored (proto default 10).
    public var gracePeriodSeconds: Double?
    /// The kind of check.
    public var type: CheckType?
    /// The command, for `COMMAND` checks.
    public var command: CommandInfo?
    /// The request, for `HTTP` checks.
    public var http: HTTPCheckInfo?
    /// The port, for `TCP` checks.
    public var tcp: TCPCheckInfo?

    /// Creates a health check.
    public init(
        delaySeconds: Double? = nil,
        intervalSeconds: Double? = nil,
        timeoutSeconds: Double? = nil,
        consecutiveFailures: UInt32? = nil,
        gracePeriodSeconds: Double? = nil,
        type: CheckType? = nil,
        command: CommandInfo? = nil,
        http: HTTPCheckInfo? = nil,
        tcp: TCPCheckInfo? = nil
    ) {
        self.delaySeconds = delaySeconds
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.consecutiveFailures = consecutiveFailures
        self.gracePeriodSeconds = gracePeriodSeconds
        self.type = type
        self.command = command
        self.http = http
        self.tcp = tcp
    }

    private enum CodingKeys: String, CodingKey {
        case delaySeconds = "delay_seconds"
        case intervalSeconds = "interval_seconds"
        case timeoutSeconds = "timeout_seconds"
        case consecutiveFailures = "consecutive_failures"
        case gracePeriodSeconds = "grace_period_seconds"
        case type
        case command
        case http
        case tcp
    }
}
