/// When task status updates are acknowledged.
public enum AcknowledgementMode: Hashable, Sendable {
    /// Acknowledged by the SDK once the update was handled: after `statusUpdate` returns (classic API)
    /// or when the next event is requested (async API). The default.
    case implicit
    /// Acknowledged only by `acknowledge(_:)` / `acknowledgeStatusUpdate(_:)`: for frameworks that
    /// first persist the update.
    case explicit
}
