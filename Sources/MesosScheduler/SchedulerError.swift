/// Why a scheduler could not do what was asked. Every message says what to do about it.
public enum SchedulerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The master URL cannot be parsed.
    case invalidMasterURL(String, reason: String)
    /// The master answered 401 or 403 to SUBSCRIBE.
    case authenticationRefused(master: String, status: Int, message: String)
    /// The master refused the SUBSCRIBE call itself (400 or another permanent answer).
    case subscriptionRejected(master: String, status: Int, message: String)
    /// The master sent an ERROR event (e.g. the framework was removed or failed over elsewhere).
    case frameworkRemoved(message: String)
    /// A call was made while no subscription is open.
    case notSubscribed(call: String)
    /// The master refused a call.
    case callRejected(call: String, status: Int, message: String)
    /// A call could not reach the master.
    case callFailed(call: String, reason: String)
    /// The event sequence was iterated a second time.
    case eventsAlreadyIterated
    /// The client was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .invalidMasterURL(let url, let reason):
            return "Invalid master URL '\(url)': \(reason). Use host:port, a comma list of them, "
                + "http(s)://host:port, or zk://host:port[,host:port]/path"
        case .authenticationRefused(let master, let status, let message):
            return "Master \(master) refused the framework's credentials (HTTP \(status)\(Self.suffix(message))); "
                + "check SchedulerConfiguration.credentials (principal and secret) against the master's credentials"
        case .subscriptionRejected(let master, let status, let message):
            return "Master \(master) rejected SUBSCRIBE (HTTP \(status)\(Self.suffix(message))); fix the FrameworkInfo and start again"
        case .frameworkRemoved(let message):
            return "The master ended the framework: \(message). Start a new framework (without the old framework id), "
                + "or raise failover_timeout so a disconnected scheduler is not removed"
        case .notSubscribed(let call):
            return "Cannot send \(call): the scheduler is not subscribed to a master right now; "
                + "wait for the next .subscribed event and retry"
        case .callRejected(let call, let status, let message):
            return "The master rejected \(call) (HTTP \(status)\(Self.suffix(message)))"
        case .callFailed(let call, let reason):
            return "Could not send \(call) to the master: \(reason); the scheduler reconnects by itself, retry after the next .subscribed event"
        case .eventsAlreadyIterated:
            return "SchedulerClient.events can be iterated only once; keep one loop that handles every event"
        case .shutDown:
            return "The scheduler client was shut down; create a new one"
        }
    }

    private static func suffix(_ message: String) -> String {
        message.isEmpty ? "" : ": " + String(message.prefix(500))
    }
}
