import MesosModel

/// Where a contending master stands.
public enum Leadership: Sendable, Hashable, CustomStringConvertible {
    /// Not connected to ZooKeeper, or not yet in the election.
    case contending
    /// Another master leads (its MasterInfo), or none is known yet (nil).
    case following(MasterInfo?)
    /// This master leads. It must still check ``ZooKeeperMasterContender/isLeading`` (the lease)
    /// before acting, as this value can be stale by the time it is read.
    case leading

    public var description: String {
        switch self {
        case .contending: "contending"
        case .following(let leader): "following \(leader?.endpoint ?? "no leader")"
        case .leading: "leading"
        }
    }
}
