/// The latest result of a task's `CheckInfo` (`CheckStatusInfo`).
public struct CheckStatusInfo: Codable, Sendable, Hashable {
    /// A command check result: `{"exit_code": 0}`.
    public struct Command: Codable, Sendable, Hashable {
        /// The command's exit code; absent when the result is not available.
        public var exitCode: Int32?

        /// Creates a command result.
        public init(exitCode: Int32? = nil) {
            self.exitCode = exitCode
        }

        private enum CodingKeys: String, CodingKey {
            case exitCode = "exit_code"
        }
    }

    /// An HTTP check result: `{"status_code": 200}`.
    public struct HTTP: Codable, Sendable, Hashable {
        /// The response status code; absent when the result is not available.
        public var statusCode: UInt32?

        /// Creates an HTTP result.
        public init(statusCode: UInt32? = nil) {
            self.statusCode = statusCode
        }

        private enum CodingKeys: String, CodingKey {
            case statusCode = "status_code"
        }
    }

    /// A TCP check result: `{"succeeded": true}`.
    public struct TCP: Codable, Sendable, Hashable {
        /// Whether the connection succeeded; absent when the result is not available.
        public var succeeded: Bool?

        /// Creates a TCP result.
        public init(succeeded: Bool? = nil) {
            self.succeeded = succeeded
        }

        private enum CodingKeys: String, CodingKey {
            case succeeded
        }
    }

    /// The kind of check this result is for.
    public var type: CheckInfo.CheckType?
    /// The result of a command check.
    public var command: Command?
    /// The result of an HTTP check.
    public var http: HTTP?
    /// The result of a TCP check.
    public var tcp: TCP?

    /// Creates a check status.
    public init(type: CheckInfo.CheckType? = nil, command: Command? = nil, http: HTTP? = nil, tcp: TCP? = nil) {
        self.type = type
        self.command = command
        self.http = http
        self.tcp = tcp
    }

    private enum CodingKeys: String, CodingKey {
        case type
        case command
        case http
        case tcp
    }
}
