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
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let bytes = Array(command.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { return nil }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while reply.count < 1 << 20 {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            reply.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: reply, as: UTF8.self)
    }
}
