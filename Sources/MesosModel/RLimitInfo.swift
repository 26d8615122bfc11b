/// POSIX resource limits for a container (`RLimitInfo`).
public struct RLimitInfo: Codable, Sendable, Hashable {
    /// One limit; both `hard` and `soft` absent means unlimited.
    public struct RLimit: Codable, Sendable, Hashable {
        /// The limited resource (`RLIMIT_*` with an `RLMT_` prefix).
        public enum LimitType: String, ProtoEnum {
            /// Not set.
            case unknown = "UNKNOWN"
            /// `RLIMIT_AS`.
            case `as` = "RLMT_AS"
            /// `RLIMIT_CORE`.
            case core = "RLMT_CORE"
            /// `RLIMIT_CPU`.
            case cpu = "RLMT_CPU"
            /// `RLIMIT_DATA`.
            case data = "RLMT_DATA"
            /// `RLIMIT_FSIZE`.
            case fsize = "RLMT_FSIZE"
            /// `RLIMIT_LOCKS`.
            case locks = "RLMT_LOCKS"
            /// `RLIMIT_MEMLOCK`.
            case memlock = "RLMT_MEMLOCK"
            /// `RLIMIT_MSGQUEUE`.
            case msgqueue = "RLMT_MSGQUEUE"
            /// `RLIMIT_NICE`.
            case nice = "RLMT_NICE"
            /// `RLIMIT_NOFILE`.
            case nofile = "RLMT_NOFILE"
            /// `RLIMIT_NPROC`.
            case nproc = "RLMT_NPROC"
            /// `RLIMIT_RSS`.
            case rss = "RLMT_RSS"
            /// `RLIMIT_RTPRIO`.
            case rtprio = "RLMT_RTPRIO"
            /// `RLIMIT_RTTIME`.
            case rttime = "RLMT_RTTIME"
            /// `RLIMIT_SIGPENDING`.
            case sigpending = "RLMT_SIGPENDING"
            /// `RLIMIT_STACK`.
            case stack = "RLMT_STACK"
        }

        /// The limited resource.
        public var type: LimitType?
        /// The hard limit.
        public var hard: UInt64?
        /// The soft limit (must not exceed `hard`).
        public var soft: UInt64?

        /// Creates a limit.
        public init(type: LimitType? = nil, hard: UInt64? = nil, soft: UInt64? = nil) {
            self.type = type
            self.hard = hard
            self.soft = soft
        }

        private enum CodingKeys: String, CodingKey {
            case type
            case hard
            case soft
        }
    }

    /// The limits.
    public var rlimits: [RLimit]

    /// Creates a limit set.
    public init(rlimits: [RLimit] = []) {
        self.rlimits = rlimits
    }

    private enum CodingKeys: String, CodingKey {
        case rlimits
    }
}
