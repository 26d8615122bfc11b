import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to 127.0.0.1, for tests that speak to a server below HTTP clients: hold
/// connections open, send raw bytes, read until the server closes. The socket closes on deinit.
/// Reads block (up to their timeout), so ``reply(timeoutSeconds:)`` makes them on a thread of its
/// own, never on a Swift concurrency thread: tests share two of those.
public final class LoopbackConnection: @unchecked Sendable {
    let fd: Int32

    /// Connects to 127.0.0.1:`port`; nil when nothing accepts the connection.
    public init?(port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        let connected = Self.withLoopbackAddress(port: port) { connect(fd, $0, $1) }
        // A failed init still runs deinit (every property is set), which closes the socket: closing
        // it here too would close whatever descriptor another thread got under that number since.
        guard connected == 0 else { return nil }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Calls `body` with the socket address of 127.0.0.1:`port` and its length.
    static func withLoopbackAddress<T>(port: UInt16, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// Writes `text`; false when it could not be written whole.
    public func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return write(fd, bytes, bytes.count) == bytes.count
    }

    /// What the server sends until it closes the connection, or until nothing came for
    /// `timeoutSeconds` ("" when nothing came at all); at most 1 MiB.
    public func reply(timeoutSeconds: Int) async -> String {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.readUntilClosed(timeoutSeconds: timeoutSeconds)) }.start()
        }
    }

    /// Everything the server sends for `seconds`, and whether it closed the connection by then.
    public func read(forSeconds seconds: Int) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.readUntil(deadline: Date().addingTimeInterval(Double(seconds)))) }.start()
        }
    }

    private func readUntil(deadline: Date) -> (text: String, closed: Bool) {
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, received.count < 1 << 20 {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                return (String(decoding: received, as: UTF8.self), true)  // reset: closed too
            }
            received.append(contentsOf: buffer[0..<count])
        }
        return (String(decoding: received, as: UTF8.self), false)
    }

    /// ``reply(timeoutSeconds:)`` on the calling thread.
    func readUntilClosed(timeoutSeconds: Int) -> String {
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while reply.count < 1 << 20 {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            reply.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: reply, as: UTF8.self)
    }
}
