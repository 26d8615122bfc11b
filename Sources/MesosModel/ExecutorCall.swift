import Foundation

extension Executor {
    /// A request from an executor to its agent (`executor.Call`), POSTed to
    /// `/api/v1/executor`.
    ///
    /// A `type` name this build does not know decodes as `nil`.
    public struct Call: Codable, Sendable, Hashable {
        /// The kind of call.
        public enum CallType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// Subscribe and open the event stream (`subscribe`).
            case subscribe = "SUBSCRIBE"
            /// A task status update (`update`).
            case update = "UPDATE"
            /// Bytes for the scheduler (`message`).
            case message = "MESSAGE"
            /// Keep-alive from the executor (newer Mesos versions).
            case heartbeat = "HEARTBEAT"
        }

        /// `SUBSCRIBE` body; after a disconnection it lists what the agent has not
        /// acknowledged yet.
        public struct Subscribe: Codable, Sendable, Hashable {
            /// Tasks with no acknowledged status update.
            public var unacknowledgedTasks: [TaskInfo]
            /// Status updates the agent has not acknowledged.
            public var unacknowledgedUpdates: [Update]

            /// Creates a subscribe body.
            public init(unacknowledgedTasks: [TaskInfo] = [], unacknowledgedUpdates: [Update] = []) {
                self.unacknowledgedTasks = unacknowledgedTasks
                self.unacknowledgedUpdates = unacknowledgedUpdates
            }

            private enum CodingKeys: String, CodingKey {
                case unacknowledgedTasks = "unacknowledged_tasks"
                case unacknowledgedUpdates = "unacknowledged_updates"
            }
        }

        /// `UPDATE` body; `status.uuid` must be set (a fresh 16-byte UUID).
        public struct Update: Codable, Sendable, Hashable {
            /// The task status.
            public var status: TaskStatus

            /// Creates an update body.
            public init(status: TaskStatus) {
                self.status = status
            }

            private enum CodingKeys: String, CodingKey {
                case status
            }
        }

        /// `MESSAGE` body: bytes for the scheduler.
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

        /// The calling executor.
        public var executorID: ExecutorID
        /// The executor's framework.
        public var frameworkID: FrameworkID
        /// The kind of call; `nil` when absent or a name this build does not know.
        public var type: CallType?
        /// Body for `SUBSCRIBE`.
        public var subscribe: Subscribe?
        /// Body for `UPDATE`.
        public var update: Update?
        /// Body for `MESSAGE`.
        public var message: Message?

        /// Creates a call.
        public init(
            executorID: ExecutorID,
            frameworkID: FrameworkID,
            type: CallType?,
            subscribe: Subscribe? = nil,
            update: Update? = nil,
            message: Message? = nil
        ) {
            self.executorID = executorID
            self.frameworkID = frameworkID
            self.type = type
            self.subscribe = subscribe
            self.update = update
            self.message = message
        }

        /// `SUBSCRIBE`, re-sending unacknowledged tasks and updates after a disconnection.
        public static func subscribe(
            executorID: ExecutorID,
            frameworkID: FrameworkID,
            unacknowledgedTasks: [TaskInfo] = [],
            unacknowledgedUpdates: [Update] = []
        ) -> Self {
            Self(
                executorID: executorID,
                frameworkID: frameworkID,
                type: .subscribe,
                subscribe: Subscribe(
                    unacknowledgedTasks: unacknowledgedTasks,
                    unacknowledgedUpdates: unacknowledgedUpdates
                )
            )
        }

        /// `UPDATE` carrying `status`.
        public static func update(executorID: ExecutorID, frameworkID: FrameworkID, status: TaskStatus) -> Self {
            Self(executorID: executorID, frameworkID: frameworkID, type: .update, update: Update(status: status))
        }

        /// `MESSAGE` for the scheduler.
        public static func message(executorID: ExecutorID, frameworkID: FrameworkID, data: Data) -> Self {
            Self(executorID: executorID, frameworkID: frameworkID, type: .message, message: Message(data: data))
        }

        /// `HEARTBEAT`.
        public static func heartbeat(executorID: ExecutorID, frameworkID: FrameworkID) -> Self {
            Self(executorID: executorID, frameworkID: frameworkID, type: .heartbeat)
        }

        private enum CodingKeys: String, CodingKey {
            case executorID = "executor_id"
            case frameworkID = "framework_id"
            case type
            case subscribe
            case update
            case message
        }
    }
}
