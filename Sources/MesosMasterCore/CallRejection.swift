/// An HTTP-level refusal of a call: the status code and the plain-text body
/// (Mesos's wording).
public struct CallRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code (400, 403, 404...).
    public var status: Int
    /// The plain-text reason.
    public var message: String

    /// Creates a rejection.
    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    /// 400 with `Failed to validate scheduler::Call: <reason>`.
    public static func invalidSchedulerCall(_ reason: String) -> CallRejection {
        CallRejection(status: 400, "Failed to validate scheduler::Call: \(reason)")
    }

    /// 400 with `Failed to validate agent call: <reason>`.
    public static func invalidAgentCall(_ reason: String) -> CallRejection {
        CallRejection(status: 400, "Failed to validate agent call: \(reason)")
    }

    public var description: String { "\(status): \(message)" }
}
