import Foundation
import MesosTestKit
import Testing

/// The daemon helper against a real HTTP server process (busybox httpd serving a `health` file).
struct DaemonTests {
    func siteWithHealth() throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try "ok\n".write(to: site.appendingPathComponent("health"), atomically: true, encoding: .utf8)
        return site
    }

    @Test func startsWaitsForHealthAndStops() async throws {
        let site = try siteWithHealth()
        let pid = try await withDaemon(
            "/bin/busybox", name: "httpd", arguments: ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", site.path]
        ) { daemon in
            #expect(daemon.process.isRunning)
            #expect(daemon.address.hasPrefix("127.0.0.1:"))
            return daemon.process.pid
        }
        #expect(kill(pid, 0) != 0 || isZombie(pid))
    }

    @Test func reportsADaemonThatNeverBecomesHealthy() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        do {
            _ = try await Daemon.start(
                "/bin/busybox", name: "unhealthy", arguments: ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", empty.path],
                timeout: .seconds(10))  // it never becomes healthy: long enough for httpd to answer under load
            Issue.record("a daemon answering 404 on /health must not count as healthy")
        } catch let error as TestKitError {
            #expect(error.description.contains("HTTP 404"))
        }
    }

    @Test func reportsADaemonThatExits() async throws {
        do {
            _ = try await Daemon.start("/bin/false", arguments: [], timeout: .seconds(60))
            Issue.record("an exiting daemon must be reported")
        } catch let error as TestKitError {
            #expect(error.description.contains("exited"))
        }
    }

    func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }
}
