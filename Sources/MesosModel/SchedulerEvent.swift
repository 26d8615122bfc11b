import Foundation

extension Scheduler {
    /// A message from the master to a scheduler on its subscription stream
    /// (`scheduler.Event`), one per RecordIO record.
    ///
    /// Wire form: `{"type": "OFFERS", "offers": {"offers": [...]}}`.
    public struct Event: Codable, Sendable, Hashable {
        /// The kind of event.
        public enum EventType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// First event of a subscription (`subscribed`).
            case subscribed = "SUBSCRIBED"
            /// New offers (`offers`).
            case offers = "OFFERS"
            /// Requests to give resources back (`inverse_offers`).
            case inverseOffers = "INVERSE_OFFERS"
            /// An offer is no longer valid (`rescind`).
            case rescind = "RESCIND"
            /// An inverse offer is no longer valid (`rescind_inverse_offer`).
            case rescindInverseOffer = "RESCIND_INVERSE_OFFER"
            /// A task status update (`update`).
            case update = "UPDATE"
            /// An operation status update (`update_operation_status`).
            case updateOperationStatus = "UPDATE_OPERATION_STATUS"
            /// Bytes from an executor (`message`).
            case message = "MESSAGE"
            /// An agent or executor failed (`failure`).
            case failure = "FAILURE"
            /// An unrecoverable error; the scheduler should abort (`error`).
            case error = "ERROR"
            /// Keep-alive, sent every `heartbeat_interval_seconds`.
            case heartbeat = "HEARTBEAT"
        }

        /// `SUBSCRIBED` body.
        public struct Subscribed: Codable, Sendable, Hashable {
            /// The framework's (possibly newly assigned) ID.
            public var frameworkID: FrameworkID
            /// How often the master sends HEARTBEAT events.
            public var heartbeatIntervalSeconds: Double?
            /// The master the scheduler is connected to.
            public var masterInfo: MasterInfo?

            /// Creates a subscribed body.
            public init(frameworkID: FrameworkID, heartbeatIntervalSeconds: Double? = nil, masterInfo: MasterInfo? = nil) {
                self.frameworkID = frameworkID
                self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
                self.masterInfo = masterInfo
            }

            private enum CodingKeys: String, CodingKey {
                case frameworkID = "framework_id"
                case heartbeatIntervalSeconds = "heartbeat_interval_seconds"
                case masterInfo = "master_info"
            }
        }

        /// `OFFERS` body: `{"offers": [...]}`.
        public struct Offers: Codable, Sendable, Hashable {
            /// The offers.
            public var offers: [Offer]

            /// Creates an offers body.
            public init(offers: [Offer] = []) {
                self.offers = offers
            }

            /// Decodes the body; the tape decoder reads it without `Codable` containers
            /// (TapeJSONDecoder+Offers.swift), the largest message a framework reads.
            public init(from decoder: any Decoder) throws {
                if let tape = decoder as? TapeJSONDecoder {
                    self = try tape.offersBody(at: tape.current)
                    return
                }
                self.init(offers: try decoder.container(keyedBy: CodingKeys.self).decode([Offer].self, forKey: .offers))
            }

            private enum CodingKeys: String, CodingKey {
                case offers
            }
        }

        /// `INVERSE_OFFERS` body: `{"inverse_offers": [...]}`.
        public struct InverseOffers: Codable, Sendable, Hashable {
            /// The inverse offers.
            public var inverseOffers: [InverseOffer]

            /// Creates an inverse offers body.
            public init(inverseOffers: [InverseOffer] = []) {
                self.inverseOffers = inverseOffers
            }

            private enum CodingKeys: String, CodingKey {
                case inverseOffers = "inverse_offers"
            }
        }

        /// `RESCIND` body.
        public struct Rescind: Codable, Sendable, Hashable {
            /// The rescinded offer.
            public var offerID: OfferID

            /// Creates a rescind body.
            public init(offerID: OfferID) {
                self.offerID = offerID
            }

            private enum CodingKeys: String, CodingKey {
                case offerID = "offer_id"
            }
        }

        /// `RESCIND_INVERSE_OFFER` body.
        public struct RescindInverseOffer: Codable, Sendable, Hashable {
            /// The rescinded inverse offer.
            public var inverseOfferID: OfferID

            /// Creates a rescind inverse offer body.
            public init(inverseOfferID: OfferID) {
                self.inverseOfferID = inverseOfferID
            }

            private enum CodingKeys: String, CodingKey {
                case inverseOfferID = "inverse_offer_id"
            }
        }

        /// `UPDATE` body.
        public struct Update: Codable, Sendable, Hashable {
            /// The task status; acknowledge it when it carries a `uuid`.
            public var status: TaskStatus

            /// Creates an update body.
            public init(status: TaskStatus) {
                self.status = status
            }

            private enum CodingKeys: String, CodingKey {
                case status
            }
        }

        /// `UPDATE_OPERATION_STATUS` body.
        public struct UpdateOperationStatus: Codable, Sendable, Hashable {
            /// The operation status.
            public var status: OperationStatus

            /// Creates an update operation status body.
            public init(status: OperationStatus) {
                self.status = status
            }

            private enum CodingKeys: String, CodingKey {
                case status
            }
        }

        /// `MESSAGE` body: bytes from an executor.
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

        /// `FAILURE` body: an agent was removed, or an executor terminated.
        public struct Failure: Codable, Sendable, Hashable {
            /// The agent.
            public var agentID: AgentID?
            /// The executor, for executor failures.
            public var executorID: ExecutorID?
            /// The executor's wait status, when known.
            public var status: Int32?

            /// Creates a failure body.
            public init(agentID: AgentID? = nil, executorID: ExecutorID? = nil, status: Int32? = nil) {
                self.agentID = agentID
                self.executorID = executorID
                self.status = status
            }

            private enum CodingKeys: String, CodingKey {
                case agentID = "agent_id"
                case executorID = "executor_id"
                case status
            }
        }

        /// `ERROR` body: `{"message": "Framework failed over"}`.
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
        /// Body for `OFFERS`.
        public var offers: Offers?
        /// Body for `INVERSE_OFFERS`.
        public var inverseOffers: InverseOffers?
        /// Body for `RESCIND`.
        public var rescind: Rescind?
        /// Body for `RESCIND_INVERSE_OFFER`.
        public var rescindInverseOffer: RescindInverseOffer?
        /// Body for `UPDATE`.
        public var update: Update?
        /// Body for `UPDATE_OPERATION_STATUS`.
        public var updateOperationStatus: UpdateOperationStatus?
        /// Body for `MESSAGE`.
        public var message: Message?
        /// Body for `FAILURE`.
        public var failure: Failure?
        /// Body for `ERROR`.
        public var error: Error?

        /// Creates an event.
        public init(
            type: EventType?,
            subscribed: Subscribed? = nil,
            offers: Offers? = nil,
            inverseOffers: InverseOffers? = nil,
            rescind: Rescind? = nil,
            rescindInverseOffer: RescindInverseOffer? = nil,
            update: Update? = nil,
            updateOperationStatus: UpdateOperationStatus? = nil,
            message: Message? = nil,
            failure: Failure? = nil,
            error: Error? = nil
        ) {
            self.type = type
            self.subscribed = subscribed
            self.offers = offers
            self.inverseOffers = inverseOffers
            self.rescind = rescind
            self.rescindInverseOffer = rescindInverseOffer
            self.update = update
            self.updateOperationStatus = updateOperationStatus
            self.message = message
            self.failure = failure
            self.error = error
        }

        private enum CodingKeys: String, CodingKey {
            case type
            case subscribed
            case offers
            case inverseOffers = "inverse_offers"
            case rescind
            case rescindInverseOffer = "rescind_inverse_offer"
            case update
            case updateOperationStatus = "update_operation_status"
            case message
            case failure
            case error
        }
    }
}
