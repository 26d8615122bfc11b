#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Free TCP ports on the loopback interface, for servers started by tests.
///
/// Ports come from 20000-32767, below Linux's ephemeral range (32768-60999), so that the
/// outgoing connections of the many clients and daemons a test run starts never take a port
/// between the moment it is chosen and the moment a daemon binds it; and no port is handed out
/// twice in one test process.
public enum FreePort {
    private static let range: Range<UInt16> = 20000..<32768
    private static let handedOut = Mutex(Set<UInt16>())

    /// A port that is free now on 127.0.0.1 and was not handed out before in this process.
    public static func next() throws -> UInt16 {
        for _ in 0..<1000 {
            let port = UInt16.random(in: range)
            let fresh = handedOut.withLock { $0.insert(port).inserted }
            if fresh, isFree(port) { return port }
        }
        throw TestKitError("no free port found in \(range.lowerBound)-\(range.upperBound - 1)")
    }

    /// Whether 127.0.0.1:`port` can be bound right now.
    public static func isFree(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bound = LoopbackConnection.withLoopbackAddress(port: port) { bind(fd, $0, $1) }
        return bound == 0
    }
}

/// A failure of the test kit itself (environment not as expected).
public struct TestKitError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
