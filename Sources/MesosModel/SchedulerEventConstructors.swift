import Foundation

// Constructors for the scheduler events a master sends.
extension Scheduler.Event {
    /// `SUBSCRIBED`.
    public static func subscribed(
        frameworkID: FrameworkID,
        heartbeatIntervalSeconds: Double? = nil,
        masterInfo: MasterInfo? = nil
    ) -> Self {
        Self(
            type: .subscribed,
            subscribed: Subscribed(
                frameworkID: frameworkID,
                heartbeatIntervalSeconds: heartbeatIntervalSeconds,
                masterInfo: masterInfo
            )
        )
    }

    /// `OFFERS`, in the nested form clients read: `{"offers": {"offers": [...]}}`.
    public static func offers(_ offers: [Offer]) -> Self {
        Self(type: .offers, offers: Offers(offers: offers))
    }

    /// `INVERSE_OFFERS`.
    public static func inverseOffers(_ inverseOffers: [InverseOffer]) -> Self {
        Self(type: .inverseOffers, inverseOffers: InverseOffers(inverseOffers: inverseOffers))
    }

    /// `RESCIND` of an offer.
    public static func rescind(offerID: OfferID) -> Self {
        Self(type: .rescind, rescind: Rescind(offerID: offerID))
    }

    /// `RESCIND_INVERSE_OFFER`.
    public static func rescindInverseOffer(inverseOfferID: OfferID) -> Self {
        Self(type: .rescindInverseOffer, rescindInverseOffer: RescindInverseOffer(inverseOfferID: inverseOfferID))
    }

    /// `UPDATE` carrying `status`.
    public static func update(_ status: TaskStatus) -> Self {
        Self(type: .update, update: Update(status: status))
    }

    /// `UPDATE_OPERATION_STATUS` carrying `status`.
    public static func updateOperationStatus(_ status: OperationStatus) -> Self {
        Self(type: .updateOperationStatus, updateOperationStatus: UpdateOperationStatus(status: status))
    }

    /// `MESSAGE` from an executor.
    public static func message(agentID: AgentID, executorID: ExecutorID, data: Data) -> Self {
        Self(type: .message, message: Message(agentID: agentID, executorID: executorID, data: data))
    }

    /// `FAILURE` of an agent or executor.
    public static func failure(agentID: AgentID? = nil, executorID: ExecutorID? = nil, status: Int32? = nil) -> Self {
        Self(type: .failure, failure: Failure(agentID: agentID, executorID: executorID, status: status))
    }

    /// `ERROR` with `message`.
    public static func error(message: String) -> Self {
        Self(type: .error, error: Error(message: message))
    }

    /// `HEARTBEAT` (no body).
    public static var heartbeat: Self { Self(type: .heartbeat) }
}
