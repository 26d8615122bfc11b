import CMesosShims
import Synchronization

/// libzookeeper_mt logs every failed connection attempt to stderr; the client reports session
/// state through its logger instead.
enum ZooKeeperLogLevel {
    private static let applied = Mutex(false)

    static func quietOnce() {
        let first = applied.withLock { applied in
            defer { applied = true }
            return !applied
        }
        if first { cmesos_zoo_disable_logging() }
    }
}
