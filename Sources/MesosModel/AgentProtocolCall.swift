import Foundation

extension AgentProtocol {
    /// A request from an agent to the master, POSTed to `/api/v1/agent`.
    ///
    /// Wire form: `{"type": "UPDATE", "agent_id": {...}, "update": {...}}`: the body
    /// sits under the lowercased type name. A `type` name this build does not know
    /// decodes as `nil`, so the master can answer 400 instead of failing to parse.
    public struct Call: Codable, Sendable, Hashable {
        /// The kind of call.
        public enum CallType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// Register or re-register and open the event stream (`subscribe`).
            case subscribe = "SUBSCRIBE"
            /// A task status update (`update`).
            case update = "UPDATE"
            /// The answer to a `PING` event.
            case pong = "PONG"
            /// A custom executor ended (`executor_exited`).
            case executorExited = "EXECUTOR_EXITED"
            /// An executor's message to its framework (`message`).
            case message = "MESSAGE"
            /// The agent is shutting down for good.
            case unsubscribe = "UNSUBSCRIBE"
        }

        /// `SUBSCRIBE` body.
        public struct Subscribe: Codable, Sendable, Hashable {
            /// The agent; `id` set means re-registration.
            public var agentInfo: AgentInfo
            /// The agent's tasks (re-registration), each with its latest state and
            /// the state and uuid of its oldest unacknowledged update.
            public var tasks: [MesosTask]
            /// The agent's custom executors.
            public var executors: [ExecutorInfo]
            /// The frameworks that have tasks or executors on the agent.
            public var frameworks: [FrameworkInfo]
            /// The agent's software version.
            public var version: String?

            /// Creates a subscribe body.
            public init(
                agentInfo: AgentInfo,
                tasks: [MesosTask] = [],
                executors: [ExecutorInfo] = [],
                frameworks: [FrameworkInfo] = [],
                version: String? = nil
            ) {
                self.agentInfo = agentInfo
                self.tasks = tasks
                self.executors = executors
                self.frameworks = frameworks
                self.version = version
            }

            private enum CodingKeys: String, CodingKey {
                case agentInfo = "agent_info"
                case tasks
                case executors
                case frameworks
                case version
            }
        }

        /// `UPDATE` body.
        public struct Update: Codable, Sendable, Hashable {
            /// The status update (with `uuid`, `source`, `agent_id`, `executor_id`).
            public var status: TaskStatus
            /// The newest state the agent knows for the task; what the master records.
            public var latestState: TaskState?
            /// The task's framework (`TaskStatus` does not carry it); always send it.
            public var frameworkID: FrameworkID?

            /// Creates an update body.
            public init(status: TaskStatus, latestState: TaskState? = nil, frameworkID: FrameworkID? = nil) {
                self.status = status
                self.latestState = latestState
                self.frameworkID = frameworkID
            }

            private enum CodingKeys: String, CodingKey {
                case status
                case latestState = "latest_state"
                case frameworkID = "framework_id"
            }
        }

        /// `EXECUTOR_EXITED` body.
        public struct ExecutorExited: Codable, Sendable, Hashable {
            /// The executor's framework.
            public var frameworkID: FrameworkID
            /// The executor.
            public var executorID: ExecutorID
            /// The exit status, as a `wait` status.
            public var status: Int32?

            /// Creates an executor exited body.
            public init(frameworkID: FrameworkID, executorID: ExecutorID, status: Int32? = nil) {
                self.frameworkID = frameworkID
                self.executorID = executorID
                self.status = status
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkID = "framework_id"
                case executorID = "executor_id"
                case status
            }
        }

        /// `MESSAGE` body: bytes from an executor to its framework.
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

        /// The kind of call; `nil` when absent or a name this build does not know.
        public var type: CallType?
        /// The calling agent; required on every call but a first `SUBSCRIBE`.
        public var agentID: AgentID?
        /// Body for `SUBSCRIBE`.
        public var subscribe: Subscribe?
        /// Body for `UPDATE`.
        public var update: Update?
        /// Body for `EXECUTOR_EXITED`.
        public var executorExited: ExecutorExited?
        /// Body for `MESSAGE`.
        public var message: Message?

        /// Creates a call.
        public init(
            type: CallType?,
            agentID: AgentID? = nil,
            subscribe: Subscribe? = nil,
            update: Update? = nil,
            executorExited: ExecutorExited? = nil,
            message: Message? = nil
        ) {
            self.type = type
            self.agentID = agentID
            self.subscribe = subscribe
            self.update = update
            self.executorExited = executorExited
            self.message = message
        }

        /// `SUBSCRIBE` (re-registration when `agentInfo.id` is set; it is also sent as `agent_id`).
        public static func subscribe(_ body: Subscribe) -> Self {
            Self(type: .subscribe, agentID: body.agentInfo.id, subscribe: body)
        }

        /// `UPDATE` of a task status.
        public static func update(
            agentID: AgentID, frameworkID: FrameworkID, status: TaskStatus, latestState: TaskState? = nil
        ) -> Self {
            Self(
                type: .update, agentID: agentID,
                update: Update(status: status, latestState: latestState, frameworkID: frameworkID))
        }

        /// `PONG`.
        public static func pong(agentID: AgentID) -> Self {
            Self(type: .pong, agentID: agentID)
        }

        /// `UNSUBSCRIBE`.
        public static func unsubscribe(agentID: AgentID) -> Self {
            Self(type: .unsubscribe, agentID: agentID)
        }

        private enum CodingKeys: String, CodingKey {
            case type
            case agentID = "agent_id"
            case subscribe
            case update
            case executorExited = "executor_exited"
            case message
        }
    }
}
