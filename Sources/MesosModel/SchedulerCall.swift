import Foundation

extension Scheduler {
    /// A request from a scheduler to the master (`scheduler.Call`), POSTed to
    /// `/api/v1/scheduler`.
    ///
    /// Wire form: `{"type": "ACCEPT", "framework_id": {...}, "accept": {...}}`: the
    /// body sits under the lowercased type name. A `type` name this build does not
    /// know decodes as `nil`, so the master can answer 400 instead of failing to parse.
    public struct Call: Codable, Sendable, Hashable {
        /// The kind of call.
        public enum CallType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// Subscribe and open the event stream (`subscribe`).
            case subscribe = "SUBSCRIBE"
            /// Remove the framework, killing all its tasks.
            case teardown = "TEARDOWN"
            /// Accept offers with operations (`accept`).
            case accept = "ACCEPT"
            /// Decline offers (`decline`).
            case decline = "DECLINE"
            /// Accept inverse offers (`accept_inverse_offers`).
            case acceptInverseOffers = "ACCEPT_INVERSE_OFFERS"
            /// Decline inverse offers (`decline_inverse_offers`).
            case declineInverseOffers = "DECLINE_INVERSE_OFFERS"
            /// Clear offer filters and unsuppress (`revive`).
            case revive = "REVIVE"
            /// Kill a task (`kill`).
            case kill = "KILL"
            /// Shut down an executor (`shutdown`).
            case shutdown = "SHUTDOWN"
            /// Acknowledge a status update (`acknowledge`).
            case acknowledge = "ACKNOWLEDGE"
            /// Acknowledge an operation status update (`acknowledge_operation_status`).
            case acknowledgeOperationStatus = "ACKNOWLEDGE_OPERATION_STATUS"
            /// Ask for the latest task states (`reconcile`).
            case reconcile = "RECONCILE"
            /// Ask for the latest operation states (`reconcile_operations`).
            case reconcileOperations = "RECONCILE_OPERATIONS"
            /// Send bytes to an executor (`message`).
            case message = "MESSAGE"
            /// Ask the allocator for resources (`request`).
            case request = "REQUEST"
            /// Stop offers (`suppress`).
            case suppress = "SUPPRESS"
            /// Change the framework's info (`update_framework`).
            case updateFramework = "UPDATE_FRAMEWORK"
        }

        /// `SUBSCRIBE` body.
        public struct Subscribe: Codable, Sendable, Hashable {
            /// The framework; `id` set means re-subscription.
            public var frameworkInfo: FrameworkInfo
            /// Roles to subscribe as suppressed (no offers).
            public var suppressedRoles: [String]

            /// Creates a subscribe body.
            public init(frameworkInfo: FrameworkInfo, suppressedRoles: [String] = []) {
                self.frameworkInfo = frameworkInfo
                self.suppressedRoles = suppressedRoles
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkInfo = "framework_info"
                case suppressedRoles = "suppressed_roles"
            }
        }

        /// `ACCEPT` body: unused offered resources count as declined with `filters`.
        public struct Accept: Codable, Sendable, Hashable {
            /// The offers to accept (all on one agent).
            public var offerIDs: [OfferID]
            /// Operations applied in order.
            public var operations: [Offer.Operation]
            /// Filters for the unused resources.
            public var filters: Filters?

            /// Creates an accept body.
            public init(offerIDs: [OfferID] = [], operations: [Offer.Operation] = [], filters: Filters? = nil) {
                self.offerIDs = offerIDs
                self.operations = operations
                self.filters = filters
            }

            private enum CodingKeys: String, CodingKey {
                case offerIDs = "offer_ids"
                case operations
                case filters
            }
        }

        /// `DECLINE` body.
        public struct Decline: Codable, Sendable, Hashable {
            /// The offers to decline.
            public var offerIDs: [OfferID]
            /// How long to filter the declined resources.
            public var filters: Filters?

            /// Creates a decline body.
            public init(offerIDs: [OfferID] = [], filters: Filters? = nil) {
                self.offerIDs = offerIDs
                self.filters = filters
            }

            private enum CodingKeys: String, CodingKey {
                case offerIDs = "offer_ids"
                case filters
            }
        }

        /// `ACCEPT_INVERSE_OFFERS` / `DECLINE_INVERSE_OFFERS` body.
        public struct InverseOffers: Codable, Sendable, Hashable {
            /// The inverse offers.
            public var inverseOfferIDs: [OfferID]
            /// Filters.
            public var filters: Filters?

            /// Creates an inverse offers body.
            public init(inverseOfferIDs: [OfferID] = [], filters: Filters? = nil) {
                self.inverseOfferIDs = inverseOfferIDs
                self.filters = filters
            }

            private enum CodingKeys: String, CodingKey {
                case inverseOfferIDs = "inverse_offer_ids"
                case filters
            }
        }

        /// `REVIVE` / `SUPPRESS` body: empty `roles` means all the framework's roles.
        public struct Roles: Codable, Sendable, Hashable {
            /// The roles.
            public var roles: [String]

            /// Creates a roles body.
            public init(roles: [String] = []) {
                self.roles = roles
            }

            private enum CodingKeys: String, CodingKey {
                case roles
            }
        }

        /// `KILL` body.
        public struct Kill: Codable, Sendable, Hashable {
            /// The task to kill.
            public var taskID: TaskID
            /// The task's agent, if known.
            public var agentID: AgentID?
            /// Overrides the task's kill policy.
            public var killPolicy: KillPolicy?

            /// Creates a kill body.
            public init(taskID: TaskID, agentID: AgentID? = nil, killPolicy: KillPolicy? = nil) {
                self.taskID = taskID
                self.agentID = agentID
                self.killPolicy = killPolicy
            }

            private enum CodingKeys: String, CodingKey {
                case taskID = "task_id"
                case agentID = "agent_id"
                case killPolicy = "kill_policy"
            }
        }

        /// `SHUTDOWN` body.
        public struct Shutdown: Codable, Sendable, Hashable {
            /// The executor to shut down.
            public var executorID: ExecutorID
            /// The executor's agent.
            public var agentID: AgentID

            /// Creates a shutdown body.
            public init(executorID: ExecutorID, agentID: AgentID) {
                self.executorID = executorID
                self.agentID = agentID
            }

            private enum CodingKeys: String, CodingKey {
                case executorID = "executor_id"
                case agentID = "agent_id"
            }
        }

        /// `ACKNOWLEDGE` body: copy `agent_id`, `task_id` and `uuid` from the status.
        public struct Acknowledge: Codable, Sendable, Hashable {
            /// The status update's agent.
            public var agentID: AgentID
            /// The status update's task.
            public var taskID: TaskID
            /// The status update's UUID (16 bytes).
            public var uuid: Data

            /// Creates an acknowledge body.
            public init(agentID: AgentID, taskID: TaskID, uuid: Data) {
                self.agentID = agentID
                self.taskID = taskID
                self.uuid = uuid
            }

            private enum CodingKeys: String, CodingKey {
                case agentID = "agent_id"
                case taskID = "task_id"
                case uuid
            }
        }

        /// `ACKNOWLEDGE_OPERATION_STATUS` body.
        public struct AcknowledgeOperationStatus: Codable, Sendable, Hashable {
            /// The operation's agent.
            public var agentID: AgentID?
            /// The operation's resource provider.
            public var resourceProviderID: ResourceProviderID?
            /// The status update's UUID.
            public var uuid: Data
            /// The operation.
            public var operationID: OperationID

            /// Creates an acknowledge operation status body.
            public init(
                agentID: AgentID? = nil,
                resourceProviderID: ResourceProviderID? = nil,
                uuid: Data,
                operationID: OperationID
            ) {
                self.agentID = agentID
                self.resourceProviderID = resourceProviderID
                self.uuid = uuid
                self.operationID = operationID
            }

            private enum CodingKeys: String, CodingKey {
                case agentID = "agent_id"
                case resourceProviderID = "resource_provider_id"
                case uuid
                case operationID = "operation_id"
            }
        }

        /// `RECONCILE` body: empty `tasks` asks for every task of the framework.
        public struct Reconcile: Codable, Sendable, Hashable {
            /// A task to reconcile.
            public struct Task: Codable, Sendable, Hashable {
                /// The task.
                public var taskID: TaskID
                /// The task's agent, if known.
                public var agentID: AgentID?

                /// Creates a task to reconcile.
                public init(taskID: TaskID, agentID: AgentID? = nil) {
                    self.taskID = taskID
                    self.agentID = agentID
                }

                private enum CodingKeys: String, CodingKey {
                    case taskID = "task_id"
                    case agentID = "agent_id"
                }
            }

            /// The tasks to reconcile.
            public var tasks: [Task]

            /// Creates a reconcile body.
            public init(tasks: [Task] = []) {
                self.tasks = tasks
            }

            private enum CodingKeys: String, CodingKey {
                case tasks
            }
        }

        /// `RECONCILE_OPERATIONS` body: empty `operations` asks for all.
        public struct ReconcileOperations: Codable, Sendable, Hashable {
            /// An operation to reconcile.
            public struct Operation: Codable, Sendable, Hashable {
                /// The operation.
                public var operationID: OperationID
                /// The operation's agent, if known.
                public var agentID: AgentID?
                /// The operation's resource provider, if known.
                public var resourceProviderID: ResourceProviderID?

                /// Creates an operation to reconcile.
                public init(
                    operationID: OperationID,
                    agentID: AgentID? = nil,
                    resourceProviderID: ResourceProviderID? = nil
                ) {
                    self.operationID = operationID
                    self.agentID = agentID
                    self.resourceProviderID = resourceProviderID
                }

                private enum CodingKeys: String, CodingKey {
                    case operationID = "operation_id"
                    case agentID = "agent_id"
                    case resourceProviderID = "resource_provider_id"
                }
            }

            /// The operations to reconcile.
            public var operations: [Operation]

            /// Creates a reconcile operations body.
            public init(operations: [Operation] = []) {
                self.operations = operations
            }

            private enum CodingKeys: String, CodingKey {
                case operations
            }
        }

        /// `MESSAGE` body: bytes for an executor, delivered at most once.
        public struct Message: Codable, Sendable, Hashable {
            /// The executor's agent.
            public var agentID: AgentID
            /// The executor.
            public var executorID: ExecutorID
            /// The bytes.
            public var data: Data

            /// Creates a message body.
            public init(agentID: AgentID, executorID: ExecutorID, data: Data) {
                self.agentID = agentID
                self.executorID = executorID
                self.data = data
            }

            private enum CodingKeys: String, CodingKey {
                case agentID = "agent_id"
                case executorID = "executor_id"
                case data
            }
        }

        /// `REQUEST` body.
        public struct Request: Codable, Sendable, Hashable {
            /// The resource requests.
            public var requests: [MesosModel.Request]

            /// Creates a request body.
            public init(requests: [MesosModel.Request] = []) {
                self.requests = requests
            }

            private enum CodingKeys: String, CodingKey {
                case requests
            }
        }

        /// `UPDATE_FRAMEWORK` body.
        public struct UpdateFramework: Codable, Sendable, Hashable {
            /// The new framework info (its `id` must be set).
            public var frameworkInfo: FrameworkInfo
            /// Roles to suppress.
            public var suppressedRoles: [String]

            /// Creates an update framework body.
            public init(frameworkInfo: FrameworkInfo, suppressedRoles: [String] = []) {
                self.frameworkInfo = frameworkInfo
                self.suppressedRoles = suppressedRoles
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkInfo = "framework_info"
                case suppressedRoles = "suppressed_roles"
            }
        }

        /// The calling framework; required for every call except a first SUBSCRIBE.
        public var frameworkID: FrameworkID?
        /// The kind of call; `nil` when absent or a name this build does not know.
        public var type: CallType?
        /// Body for `SUBSCRIBE`.
        public var subscribe: Subscribe?
        /// Body for `ACCEPT`.
        public var accept: Accept?
        /// Body for `DECLINE`.
        public var decline: Decline?
        /// Body for `ACCEPT_INVERSE_OFFERS`.
        public var acceptInverseOffers: InverseOffers?
        /// Body for `DECLINE_INVERSE_OFFERS`.
        public var declineInverseOffers: InverseOffers?
        /// Body for `REVIVE`.
        public var revive: Roles?
        /// Body for `KILL`.
        public var kill: Kill?
        /// Body for `SHUTDOWN`.
        public var shutdown: Shutdown?
        /// Body for `ACKNOWLEDGE`.
        public var acknowledge: Acknowledge?
        /// Body for `ACKNOWLEDGE_OPERATION_STATUS`.
        public var acknowledgeOperationStatus: AcknowledgeOperationStatus?
        /// Body for `RECONCILE`.
        public var reconcile: Reconcile?
        /// Body for `RECONCILE_OPERATIONS`.
        public var reconcileOperations: ReconcileOperations?
        /// Body for `MESSAGE`.
        public var message: Message?
        /// Body for `REQUEST`.
        public var request: Request?
        /// Body for `SUPPRESS`.
        public var suppress: Roles?
        /// Body for `UPDATE_FRAMEWORK`.
        public var updateFramework: UpdateFramework?

        /// Creates a call.
        public init(
            frameworkID: FrameworkID? = nil,
            type: CallType?,
            subscribe: Subscribe? = nil,
            accept: Accept? = nil,
            decline: Decline? = nil,
            acceptInverseOffers: InverseOffers? = nil,
            declineInverseOffers: InverseOffers? = nil,
            revive: Roles? = nil,
            kill: Kill? = nil,
            shutdown: Shutdown? = nil,
            acknowledge: Acknowledge? = nil,
            acknowledgeOperationStatus: AcknowledgeOperationStatus? = nil,
            reconcile: Reconcile? = nil,
            reconcileOperations: ReconcileOperations? = nil,
            message: Message? = nil,
            request: Request? = nil,
            suppress: Roles? = nil,
            updateFramework: UpdateFramework? = nil
        ) {
            self.frameworkID = frameworkID
            self.type = type
            self.subscribe = subscribe
            self.accept = accept
            self.decline = decline
            self.acceptInverseOffers = acceptInverseOffers
            self.declineInverseOffers = declineInverseOffers
            self.revive = revive
            self.kill = kill
            self.shutdown = shutdown
            self.acknowledge = acknowledge
            self.acknowledgeOperationStatus = acknowledgeOperationStatus
            self.reconcile = reconcile
            self.reconcileOperations = reconcileOperations
            self.message = message
            self.request = request
            self.suppress = suppress
            self.updateFramework = updateFramework
        }

        private enum CodingKeys: String, CodingKey {
            case frameworkID = "framework_id"
            case type
            case subscribe
            case accept
            case decline
            case acceptInverseOffers = "accept_inverse_offers"
            case declineInverseOffers = "decline_inverse_offers"
            case revive
            case kill
            case shutdown
            case acknowledge
            case acknowledgeOperationStatus = "acknowledge_operation_status"
            case reconcile
            case reconcileOperations = "reconcile_operations"
            case message
            case request
            case suppress
            case updateFramework = "update_framework"
        }
    }
}
