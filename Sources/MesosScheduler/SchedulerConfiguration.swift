import Logging
import MesosModel

/// Everything a ``SchedulerClient`` or ``MesosSchedulerDriver`` needs to know.
///
/// ```swift
/// var configuration = SchedulerConfiguration(
///     master: "zk://zk1:2181,zk2:2181/mesos",
///     frameworkInfo: FrameworkInfo(user: "nobody", name: "hello"))
/// configuration.credentials = SchedulerCredentials(principal: "hello", secret: "s3cret")
/// ```
public struct SchedulerConfiguration: Sendable {
    /// The master URL (see ``MasterURL``).
    public var master: String
    /// The framework; fields left unset get ``SchedulerDefaults`` (one-week failover timeout,
    /// checkpointing). Set `id` to fail over an existing framework.
    public var frameworkInfo: FrameworkInfo
    /// Roles to subscribe as suppressed.
    public var suppressedRoles: [String]
    /// HTTP basic credentials, when the master authenticates frameworks.
    public var credentials: SchedulerCredentials?
    /// When status updates are acknowledged.
    public var acknowledgements: AcknowledgementMode
    /// Delays between reconnection attempts.
    public var backoff: RetryBackoff
    /// Heartbeat intervals without any event after which the connection counts as lost.
    public var missedHeartbeatsBeforeReconnect: Int
    /// Whether to reconcile the framework's tasks after each re-registration.
    public var reconcileAfterReregistration: Bool
    /// Limit for establishing a connection to a master.
    public var connectTimeout: Duration
    /// Limit for one call (ACCEPT, DECLINE, ...).
    public var callTimeout: Duration
    /// Where the SDK logs (connection attempts, reconnections, dropped calls).
    public var logger: Logger

    /// Creates a configuration with the SDK's defaults.
    public init(
        master: String,
        frameworkInfo: FrameworkInfo,
        suppressedRoles: [String] = [],
        credentials: SchedulerCredentials? = nil,
        acknowledgements: AcknowledgementMode = .implicit,
        backoff: RetryBackoff = RetryBackoff(),
        missedHeartbeatsBeforeReconnect: Int = 3,
        reconcileAfterReregistration: Bool = true,
        connectTimeout: Duration = .seconds(5),
        callTimeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "mesos.scheduler")
    ) {
        self.master = master
        self.frameworkInfo = frameworkInfo
        self.suppressedRoles = suppressedRoles
        self.credentials = credentials
        self.acknowledgements = acknowledgements
        self.backoff = backoff
        self.missedHeartbeatsBeforeReconnect = missedHeartbeatsBeforeReconnect
        self.reconcileAfterReregistration = reconcileAfterReregistration
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
        self.logger = logger
    }
}

/// A framework's principal and secret, sent with HTTP basic authentication.
public struct SchedulerCredentials: Hashable, Sendable, CustomStringConvertible {
    /// The principal (also set as `FrameworkInfo.principal` when that is unset).
    public var principal: String
    /// The secret.
    public var secret: String

    /// Creates credentials.
    public init(principal: String, secret: String) {
        self.principal = principal
        self.secret = secret
    }

    /// Shows the principal only.
    public var description: String { "SchedulerCredentials(principal: \(principal), secret: <redacted>)" }
}
