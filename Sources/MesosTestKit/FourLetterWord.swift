import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// ZooKeeper's "four letter word" admin commands (`ruok`, `srvr`, `mntr`) over a plain TCP
/// connection, as `echo ruok | nc host port` would send them.
public enum FourLetterWord {
    /// Sends `command` to 127.0.0.1:`port` and returns the reply, or nil when nothing listens.
    /// The blocking socket calls (up to `timeoutSeconds` each, when a server starting under load is
    /// slow to answer) run on a thread of their own, never on a Swift concurrency thread: tests
    /// share two of those.
    public static func send(_ command: String, port: UInt16, timeoutSeconds: Int = 2) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: exchange(command, port: port, timeoutSeconds: timeoutSeconds))
            }
            thread.start()
        }
    }

    private static func exchange(_ command: String, port: UInt16, timeoutSeconds: Int) -> String? {
        guard let connection = LoopbackConnection(port: port), connection.send(command) else { return nil }
        return connection.readUntilClosed(timeoutSeconds: timeoutSeconds)
    }
}
