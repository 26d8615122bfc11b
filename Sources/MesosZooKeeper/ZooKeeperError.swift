import CMesosShims

/// An error reported by ZooKeeper or by this client.
public struct ZooKeeperError: Error, Sendable, Hashable, CustomStringConvertible {
    /// ZooKeeper's return code (`ZOK`, `ZNONODE`, ...); 0 for client-side errors.
    public let code: Int32
    /// What happened and, where it helps, what to do about it.
    public let message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// An error from a ZooKeeper return code, described with ZooKeeper's own text.
    public init(code: Int32, operation: String, path: String? = nil) {
        self.code = code
        let reason = String(cString: zerror(code))
        if let path {
            self.message = "ZooKeeper \(operation) \(path): \(reason)"
        } else {
            self.message = "ZooKeeper \(operation): \(reason)"
        }
    }

    public var description: String { message }

    public static let noNodeCode = Int32(ZNONODE.rawValue)
    public static let nodeExistsCode = Int32(ZNODEEXISTS.rawValue)
    public static let badVersionCode = Int32(ZBADVERSION.rawValue)
    public static let notEmptyCode = Int32(ZNOTEMPTY.rawValue)
    public static let connectionLossCode = Int32(ZCONNECTIONLOSS.rawValue)
    public static let sessionExpiredCode = Int32(ZSESSIONEXPIRED.rawValue)
    public static let authFailedCode = Int32(ZAUTHFAILED.rawValue)

    /// The node does not exist.
    public var isNoNode: Bool { code == Self.noNodeCode }
    /// The node already exists.
    public var isNodeExists: Bool { code == Self.nodeExistsCode }
    /// A versioned write lost its compare-and-set race.
    public var isBadVersion: Bool { code == Self.badVersionCode }
    /// The session is gone (expired or closed); a new client is needed.
    public var isSessionExpired: Bool { code == Self.sessionExpiredCode }
    /// The connection to the server was lost; the operation may or may not have been applied.
    public var isConnectionLoss: Bool { code == Self.connectionLossCode }
}
