import Foundation

extension Executor {
    /// A message from an agent to an executor on its subscription stream
    /// (`executor.Event`).
    public struct Event: Codable, Sendable, Hashable {
        /// The kind of event.
        public enum EventType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// First event of a subscription (`subscribed`).
            case subscribed = "SUBSCRIBED"
            /// Launch a task (`launch`).
            case launch = "LAUNCH"
            /// Launch a task group (`launch_group`).
            case launchGroup = "LAUNCH_GROUP"
            /// Kill a task (`kill`).
            case kill = "KILL"
            /// A status update was acknowledged (`acknowledged`).
            case acknowledged = "ACKNOWLEDGED"
            /// Bytes from the scheduler (`message`).
            case message = "MESSAGE"
            /// An error (`error`).
            case error = "ERROR"
            /// Kill all tasks and exit.
            case shutdown = "SHUTDOWN"
            /// Keep-alive from the agent (newer Mesos versions).
            case heartbeat = "HEARTBEAT"
        }

        /// `SUBSCRIBED` body.
        public struct Subscribed: Codable, Sendable, Hashable {
            /// The executor.
            public var executorInfo: ExecutorInfo
            /// The executor's framework (with `id` set).
            public var frameworkInfo: FrameworkInfo
            /// The agent.
            public var agentInfo: AgentInfo
            /// The executor's container.
            public var containerID: ContainerID?

            /// Creates a subscribed body.
            public init(
                executorInfo: ExecutorInfo,
                frameworkInfo: FrameworkInfo,
                agentInfo: AgentInfo,
                containerID: ContainerID? = nil
            ) {
                self.executorInfo = executorInfo
                self.frameworkInfo = frameworkInfo
                self.agentInfo = agentInfo
                self.containerID = containerID
            }

            private enum CodingKeys: String, CodingKey {
                case executorInfo = "executor_info"
                case frameworkInfo = "framework_info"
                case agentInfo = "agent_info"
                case containerID = "container_id"
            }
        }

        /// `LAUNCH` body.
        public struct Launch: Codable, Sendable, Hashable {
            /// The task to launch.
            public var task: TaskInfo

            /// Creates a launch body.
            public init(task: TaskInfo) {
                self.task = task
            }

            private enum CodingKeys: String, CodingKey {
                case task
            }
        }

        /// `LAUNCH_GROUP` body.
        public struct LaunchGroup: Codable, Sendable, Hashable {
            /// The tasks to launch atomically.
            public var taskGroup: TaskGroupInfo

            /// Creates a launch group body.
            public init(taskGroup: TaskGroupInfo) {
                self.taskGroup = taskGroup
            }

            private enum CodingKeys: String, CodingKey {
                case taskGroup = "task_group"
            }
        }

        /// `KILL` body.
        public struct Kill: Codable, Sendable, Hashable {
            /// The task to kill.
            public var taskID: TaskID
            /// Overrides the task's kill policy.
            public var killPolicy: KillPolicy?

            /// Creates a kill body.
            public init(taskID: TaskID, killPolicy: KillPolicy? = nil) {
                self.taskID = taskID
                self.killPolicy = killPolicy
            }

            private enum CodingKeys: String, CodingKey {
                case taskID = "task_id"
                case killPolicy = "kill_policy"
            }
        }

        /// `ACKNOWLEDGED` body.
        public struct Acknowledged: Codable, Sendable, Hashable {
            /// The update's task.
            public var taskID: TaskID
            /// The update's UUID.
            public var uuid: Data

            /// Creates an acknowledged body.
            public init(taskID: TaskID, uuid: Data) {
                self.taskID = taskID
                self.uuid = uuid
            }

            private enum CodingKeys: String, CodingKey {
                case taskID = "task_id"
                case uuid
            }
        }

        /// `MESSAGE` body: bytes from the scheduler.
        public struct Message: Codable, Sendable, Hashable {
            /// The bytes.
            public var data: Data

            /// Creates a message body.
            public init(data: Data) {
                self.data = data
            }

            private enum CodingKeys: String, CodingKey {
                case data
            }
        }

        /// `ERROR` body.
        public struct Error: Codable, Sendable, Hashable {
            /// What went wrong.
            public var message: String

            /// Creates an error body.
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
        /// Body for `ACKNOWLEDGED`.
        public var acknowledged: Acknowledged?
        /// Body for `LAUNCH`.
        public var launch: Launch?
        /// Body for `LAUNCH_GROUP`.
        public var launchGroup: LaunchGroup?
        /// Body for `KILL`.
        public var kill: Kill?
        /// Body for `MESSAGE`.
        public var message: Message?
        /// Body for `ERROR`.
        public var error: Error?

        /// Creates an event.
        public init(
            type: EventType?,
            subscribed: Subscribed? = nil,
            acknowledged: Acknowledged? = nil,
            launch: Launch? = nil,
            launchGroup: LaunchGroup? = nil,
            kill: Kill? = nil,
            message: Message? = nil,
            error: Error? = nil
        ) {
            self.type = type
            self.subscribed = subscribed
            self.acknowledged = acknowledged
            self.launch = launch
            self.launchGroup = launchGroup
            self.kill = kill
            self.message = message
            self.error = error
        }

        /// `SUBSCRIBED`.
        public static func subscribed(
            executorInfo: ExecutorInfo,
            frameworkInfo: FrameworkInfo,
            agentInfo: AgentInfo,
            containerID: ContainerID? = nil
        ) -> Self {
            Self(
                type: .subscribed,
                subscribed: Subscribed(
                    executorInfo: executorInfo,
                    frameworkInfo: frameworkInfo,
                    agentInfo: agentInfo,
                    containerID: containerID
                )
            )
        }

        /// `LAUNCH` of `task`.
        public static func launch(_ task: TaskInfo) -> Self {
            Self(type: .launch, launch: Launch(task: task))
        }

        /// `LAUNCH_GROUP` of `taskGroup`.
        public static func launchGroup(_ taskGroup: TaskGroupInfo) -> Self {
            Self(type: .launchGroup, launchGroup: LaunchGroup(taskGroup: taskGroup))
        }

        /// `KILL` of a task.
        public static func kill(taskID: TaskID, killPolicy: KillPolicy? = nil) -> Self {
            Self(type: .kill, kill: Kill(taskID: taskID, killPolicy: killPolicy))
        }

        /// `ACKNOWLEDGED` of a status update.
        public static func acknowledged(taskID: TaskID, uuid: Data) -> Self {
            Self(type: .acknowledged, acknowledged: Acknowledged(taskID: taskID, uuid: uuid))
        }

        /// `MESSAGE` from the scheduler.
        public static func message(data: Data) -> Self {
            Self(type: .message, message: Message(data: data))
        }

        /// `ERROR` with `message`.
        public static func error(message: String) -> Self {
            Self(type: .error, error: Error(message: message))
        }

        /// `SHUTDOWN` (no body).
        public static var shutdown: Self { Self(type: .shutdown) }

        /// `HEARTBEAT` (no body).
        public static var heartbeat: Self { Self(type: .heartbeat) }

        private enum CodingKeys: String, CodingKey {
            case type
            case subscribed
            case acknowledged
            case launch
            case launchGroup = "launch_group"
            case kill
            case message
            case error
        }
    }
}
