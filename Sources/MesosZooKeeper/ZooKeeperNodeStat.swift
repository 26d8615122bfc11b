import CMesosShims

/// The metadata ZooKeeper keeps for a znode (`struct Stat`).
public struct ZooKeeperNodeStat: Sendable, Hashable {
    /// Data version; pass it to `set`/`delete` for compare-and-set.
    public var version: Int32
    /// Children version.
    public var childrenVersion: Int32
    /// Session id of the owner for ephemeral nodes, 0 otherwise.
    public var ephemeralOwner: Int64
    /// Transaction id that created the node.
    public var createdZxid: Int64
    /// Transaction id of the last modification.
    public var modifiedZxid: Int64
    /// Size of the data in bytes.
    public var dataLength: Int32
    /// Number of children.
    public var childCount: Int32

    public init(version: Int32, childrenVersion: Int32, ephemeralOwner: Int64, createdZxid: Int64,
                modifiedZxid: Int64, dataLength: Int32, childCount: Int32) {
        self.version = version
        self.childrenVersion = childrenVersion
        self.ephemeralOwner = ephemeralOwner
        self.createdZxid = createdZxid
        self.modifiedZxid = modifiedZxid
        self.dataLength = dataLength
        self.childCount = childCount
    }

    init(_ stat: Stat) {
        self.init(version: stat.version, childrenVersion: stat.cversion, ephemeralOwner: stat.ephemeralOwner,
                  createdZxid: stat.czxid, modifiedZxid: stat.mzxid, dataLength: stat.dataLength,
                  childCount: stat.numChildren)
    }
}

/// How a znode is created.
public struct ZooKeeperCreateMode: OptionSet, Sendable, Hashable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// A node that outlives the session that created it.
    public static let persistent = ZooKeeperCreateMode([])
    /// A node deleted when the session that created it ends.
    public static let ephemeral = ZooKeeperCreateMode(rawValue: cmesos_zoo_ephemeral())
    /// ZooKeeper appends a 10-digit, monotonically increasing sequence number to the name.
    public static let sequential = ZooKeeperCreateMode(rawValue: cmesos_zoo_sequence())
}

/// The state of a ZooKeeper session as seen by the client.
public enum ZooKeeperSessionState: Sendable, Hashable, CustomStringConvertible {
    /// Looking for a server (at start, or after a disconnection while the session may still live).
    case connecting
    /// Connected; the session is live.
    case connected
    /// The session expired (or authentication failed): ephemeral nodes are gone; a new client is needed.
    case expired
    /// Authentication was refused.
    case authenticationFailed
    /// The client was closed.
    case closed

    public var description: String {
        switch self {
        case .connecting: "connecting"
        case .connected: "connected"
        case .expired: "expired"
        case .authenticationFailed: "authentication failed"
        case .closed: "closed"
        }
    }

    static func from(cState state: Int32) -> ZooKeeperSessionState {
        if state == cmesos_zoo_state_connected() { return .connected }
        if state == cmesos_zoo_state_expired_session() { return .expired }
        if state == cmesos_zoo_state_auth_failed() { return .authenticationFailed }
        return .connecting
    }
}

/// What a one-shot watch observed.
public enum ZooKeeperWatchEvent: Sendable, Hashable {
    case created
    case deleted
    case dataChanged
    case childrenChanged
    /// The session changed state (the watch may not fire again).
    case session(ZooKeeperSessionState)

    static func from(type: Int32, state: Int32) -> ZooKeeperWatchEvent {
        if type == cmesos_zoo_event_created() { return .created }
        if type == cmesos_zoo_event_deleted() { return .deleted }
        if type == cmesos_zoo_event_changed() { return .dataChanged }
        if type == cmesos_zoo_event_child() { return .childrenChanged }
        return .session(.from(cState: state))
    }
}
