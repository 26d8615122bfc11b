/// Suppresses offers when the framework has nothing to launch and revives them when it has, sending
/// each call only when the need changes (Mesos frameworks that forget this hoard or starve offers).
///
/// A pure value: feed it whether there is work, it answers which call to send, if any.
public struct OfferDemand: Hashable, Sendable {
    /// What to tell the master.
    public enum Change: Hashable, Sendable {
        /// Send SUPPRESS: no offers wanted.
        case suppress
        /// Send REVIVE: offers wanted again (this also clears decline filters).
        case revive
    }

    /// Whether offers are currently suppressed as far as this value knows.
    public private(set) var isSuppressed: Bool

    /// Starts in the master's initial state: offers flowing (unless subscribed with suppressed roles).
    public init(isSuppressed: Bool = false) {
        self.isSuppressed = isSuppressed
    }

    /// Records whether there is work waiting for offers, returning the call to send or `nil`.
    public mutating func update(hasWork: Bool) -> Change? {
        if hasWork, isSuppressed {
            isSuppressed = false
            return .revive
        }
        if !hasWork, !isSuppressed {
            isSuppressed = true
            return .suppress
        }
        return nil
    }

    /// A new subscription starts unsuppressed: forget the old state.
    public mutating func resubscribed() {
        isSuppressed = false
    }
}
