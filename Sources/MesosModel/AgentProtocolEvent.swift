import Foundation

extension AgentProtocol {
    /// A message from the master to an agent on its subscription stream, one per
    /// RecordIO record.
    ///
    /// Wire form: `{"type": "RUN_TASK", "run_task": {...}}`.
    public struct Event: Codable, Sendable, Hashable {
        /// The kind of event.
        public enum EventType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// First event of a subscription (`subscribed`).
            case subscribed = "SUBSCRIBED"
            /// Launch a task (`run_task`).
            case runTask = "RUN_TASK"
            /// Launch a task group under one executor (`run_task_group`).
            case runTaskGroup = "RUN_TASK_GROUP"
            /// Kill a task (`kill_task`).
            case killTask = "KILL_TASK"
            /// A framework acknowledged a status update (`acknowledge`).
            case acknowledge = "ACKNOWLEDGE"
            /// Kill every task and executor of a framework (`shutdown_framework`).
            case shutdownFramework = "SHUTDOWN_FRAMEWORK"
            /// Shut an executor down (`shutdown_executor`).
            case shutdownExecutor = "SHUTDOWN_EXECUTOR"
            /// A framework's message for an executor (`message`).
            case message = "MESSAGE"
            /// Liveness probe; answer with a `PONG` call.
            case ping = "PING"
            /// The master removed the agent: kill everything and register anew (`shutdown`).
            case shutdown = "SHUTDOWN"
            /// The subscription failed; the stream closes after it (`error`).
            case error = "ERROR"
        }

        /// `SUBSCRIBED` body.
        public struct Subscribed: Codable, Sendable, Hashable {
            /// The agent's (possibly newly assigned) ID, to keep for ever.
            public var agentID: AgentID
            /// The master the agent is connected to.
            public var masterInfo: MasterInfo?
            /// How often the master sends `PING`.
            public var pingIntervalSeconds: Double?

            /// Creates a subscribed body.
            public init(agentID: AgentID, masterInfo: MasterInfo? = nil, pingIntervalSeconds: Double? = nil) {
                self.agentID = agentID
                self.masterInfo = masterInfo
                self.pingIntervalSeconds = pingIntervalSeconds
            }

            private enum CodingKeys: String, CodingKey {
                case agentID = "agent_id"
                case masterInfo = "master_info"
                case pingIntervalSeconds = "ping_interval_seconds"
            }
        }

        /// `RUN_TASK` body.
        public struct RunTask: Codable, Sendable, Hashable {
            /// The task's framework (with its id).
            public var frameworkInfo: FrameworkInfo
            /// The task.
            public var task: TaskInfo

            /// Creates a run task body.
            public init(frameworkInfo: FrameworkInfo, task: TaskInfo) {
                self.frameworkInfo = frameworkInfo
                self.task = task
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkInfo = "framework_info"
                case task
            }
        }

        /// `RUN_TASK_GROUP` body.
        public struct RunTaskGroup: Codable, Sendable, Hashable {
            /// The group's framework (with its id).
            public var frameworkInfo: FrameworkInfo
            /// The executor running the group.
            public var executor: ExecutorInfo
            /// The tasks.
            public var taskGroup: TaskGroupInfo

            /// Creates a run task group body.
            public init(frameworkInfo: FrameworkInfo, executor: ExecutorInfo, taskGroup: TaskGroupInfo) {
                self.frameworkInfo = frameworkInfo
                self.executor = executor
                self.taskGroup = taskGroup
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkInfo = "framework_info"
                case executor
                case taskGroup = "task_group"
            }
        }

        /// `KILL_TASK` body.
        public struct KillTask: Codable, Sendable, Hashable {
            /// The task's framework.
            public var frameworkID: FrameworkID
            /// The task.
            public var taskID: TaskID
            /// Overrides the task's kill policy.
            public var killPolicy: KillPolicy?

            /// Creates a kill task body.
            public init(frameworkID: FrameworkID, taskID: TaskID, killPolicy: KillPolicy? = nil) {
                self.frameworkID = frameworkID
                self.taskID = taskID
                self.killPolicy = killPolicy
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkID = "framework_id"
                case taskID = "task_id"
                case killPolicy = "kill_policy"
            }
        }

        /// `ACKNOWLEDGE` body.
        public struct Acknowledge: Codable, Sendable, Hashable {
            /// The task's framework.
            public var frameworkID: FrameworkID
            /// The task.
            public var taskID: TaskID
            /// The acknowledged update's UUID.
            public var uuid: Data

            /// Creates an acknowledge body.
            public init(frameworkID: FrameworkID, taskID: TaskID, uuid: Data) {
                self.frameworkID = frameworkID
                self.taskID = taskID
                self.uuid = uuid
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkID = "framework_id"
                case taskID = "task_id"
                case uuid
            }
        }

        /// `SHUTDOWN_FRAMEWORK` body.
        public struct ShutdownFramework: Codable, Sendable, Hashable {
            /// The framework.
            public var frameworkID: FrameworkID

            /// Creates a shutdown framework body.
            public init(frameworkID: FrameworkID) {
                self.frameworkID = frameworkID
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkID = "framework_id"
            }
        }

        /// `SHUTDOWN_EXECUTOR` body.
        public struct ShutdownExecutor: Codable, Sendable, Hashable {
            /// The executor's framework.
            public var frameworkID: FrameworkID
            /// The executor.
            public var executorID: ExecutorID

            /// Creates a shutdown executor body.
            public init(frameworkID: FrameworkID, executorID: ExecutorID) {
                self.frameworkID = frameworkID
                self.executorID = executorID
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkID = "framework_id"
                case executorID = "executor_id"
            }
        }

        /// `MESSAGE` body: bytes from a framework for an executor.
        public struct Message: Codable, Sendable, Hashable {
            /// The executor's framework.
            public var frameworkID: FrameworkID
            /// The executor.
            public var executorID: ExecutorID
            /// The bytes.
            public var data: Data

            /// Creates a message body.
            public init(frameworkID: FrameworkID, executorID: ExecutorID, data: Data) {
                self.frameworkID = frameworkID
                self.executorID = executorID
                self.data = data
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkID = "framework_id"
                case executorID = "executor_id"
                case data
            }
        }

        /// `SHUTDOWN` and `ERROR` body: `{"message": "..."}`.
        public struct Notice: Codable, Sendable, Hashable {
            /// What happened.
            public var message: String

            /// Creates a notice body.
            public init(message: String) {
                self.message = message
            }

            private enum CodingKeys: String, CodingKey {
                case message
            }
        }

        /// The kind of event; `nil` when absent or a name this build does not know.
        public var type: EventType?
        /// Body for `SUBSCRIBED`.
        public var subscribed: Subscribed?
        /// Body for `RUN_TASK`.
        public var runTask: RunTask?
        /// Body for `RUN_TASK_GROUP`.
        public var runTaskGroup: RunTaskGroup?
        /// Body for `KILL_TASK`.
        public var killTask: KillTask?
        /// Body for `ACKNOWLEDGE`.
        public var acknowledge: Acknowledge?
        /// Body for `SHUTDOWN_FRAMEWORK`.
        public var shutdownFramework: ShutdownFramework?
        /// Body for `SHUTDOWN_EXECUTOR`.
        public var shutdownExecutor: ShutdownExecutor?
        /// Body for `MESSAGE`.
        public var message: Message?
        /// Body for `SHUTDOWN`.
        public var shutdown: Notice?
        /// Body for `ERROR`.
        public var error: Notice?

        /// Creates an event.
        public init(
            type: EventType?,
            subscribed: Subscribed? = nil,
            runTask: RunTask? = nil,
            runTaskGroup: RunTaskGroup? = nil,
            killTask: KillTask? = nil,
            acknowledge: Acknowledge? = nil,
            shutdownFramework: ShutdownFramework? = nil,
            shutdownExecutor: ShutdownExecutor? = nil,
            message: Message? = nil,
            shutdown: Notice? = nil,
            error: Notice? = nil
        ) {
            self.type = type
            self.subscribed = subscribed
            self.runTask = runTask
            self.runTaskGroup = runTaskGroup
            self.killTask = killTask
            self.acknowledge = acknowledge
            self.shutdownFramework = shutdownFramework
            self.shutdownExecutor = shutdownExecutor
            self.message = message
            self.shutdown = shutdown
            self.error = error
        }

        /// `SUBSCRIBED`.
        public static func subscribed(_ body: Subscribed) -> Self { Self(type: .subscribed, subscribed: body) }
        /// `RUN_TASK`.
        public static func runTask(_ body: RunTask) -> Self { Self(type: .runTask, runTask: body) }
        /// `RUN_TASK_GROUP`.
        public static func runTaskGroup(_ body: RunTaskGroup) -> Self { Self(type: .runTaskGroup, runTaskGroup: body) }
        /// `KILL_TASK`.
        public static func killTask(_ body: KillTask) -> Self { Self(type: .killTask, killTask: body) }
        /// `ACKNOWLEDGE`.
        public static func acknowledge(_ body: Acknowledge) -> Self { Self(type: .acknowledge, acknowledge: body) }
        /// `SHUTDOWN_FRAMEWORK`.
        public static func shutdownFramework(_ frameworkID: FrameworkID) -> Self {
            Self(type: .shutdownFramework, shutdownFramework: ShutdownFramework(frameworkID: frameworkID))
        }
        /// `SHUTDOWN_EXECUTOR`.
        public static func shutdownExecutor(_ body: ShutdownExecutor) -> Self {
            Self(type: .shutdownExecutor, shutdownExecutor: body)
        }
        /// `MESSAGE`.
        public static func message(_ body: Message) -> Self { Self(type: .message, message: body) }
        /// `PING`.
        public static let ping = Self(type: .ping)
        /// `SHUTDOWN` with a reason.
        public static func shutdown(_ message: String) -> Self { Self(type: .shutdown, shutdown: Notice(message: message)) }
        /// `ERROR` with a reason.
        public static func error(_ message: String) -> Self { Self(type: .error, error: Notice(message: message)) }

        private enum CodingKeys: String, CodingKey {
            case type
            case subscribed
            case runTask = "run_task"
            case runTaskGroup = "run_task_group"
            case killTask = "kill_task"
            case acknowledge
            case shutdownFramework = "shutdown_framework"
            case shutdownExecutor = "shutdown_executor"
            case message
            case shutdown
            case error
        }
    }
}
