import Foundation
import Logging
import MesosTestKit
import MesosZooKeeper
import Testing

/// The client does not leak: thousands of sessions opened, used and closed against a real server
/// leave the resident set size where it was (a leaked `zhandle_t` with its buffers, session
/// context or completion per cycle would add megabytes).
@Suite(.serialized, .timeLimit(.minutes(8)))
struct ZooKeeperClientLeakTests {
    static let cycles = 1_000
    /// Allowed growth of the resident set over all cycles: 4 KiB a cycle.
    static let allowedGrowth = cycles * 4096

    /// The resident set size of this process, in bytes (`/proc/self/statm`).
    static func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { throw TestKitError("cannot parse /proc/self/statm: \(statm)") }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// One session: connect, create, get, set with a version, exists, children, delete, close.
    static func cycle(_ url: ZooKeeperURL, _ index: Int, logger: Logger) async throws {
        let client = try await ZooKeeperClient.connect(url: url, sessionTimeout: .seconds(10), logger: logger)
        do {
            let path = "/leak/node-\(index)"
            _ = try await client.create(path, data: Array(repeating: UInt8(index % 256), count: 512))
            let (data, stat) = try await client.get(path)
            guard data.count == 512 else { throw TestKitError("read \(data.count) bytes") }
            _ = try await client.set(path, data: [1, 2, 3], version: stat.version)
            guard try await client.exists(path) != nil, try await client.children("/leak").contains("node-\(index)") else {
                throw TestKitError("\(path) missing")
            }
            try await client.delete(path)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
    }

    /// The sessions run in a child process of their own (an exit test): the resident set of this
    /// process also holds what the tests running alongside allocate.
    @Test func thousandsOfSessionsDoNotGrowTheResidentSet() async throws {
        let ensemble = try await ZooKeeperEnsemble.start()
        let address = ensemble.url(path: "/leak")
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) { [address = address as String] in
            var logger = Logger(label: "test.zk.leak")
            logger.logLevel = .warning
            let url = try ZooKeeperURL(parsing: address)
            let setup = try await ZooKeeperClient.connect(url: url, logger: logger)
            try await setup.createPath("/leak")
            await setup.close()

            // Warm up (allocator arenas, caches, the C library's thread pools), then measure.
            for index in 0..<200 { try await Self.cycle(url, index, logger: logger) }
            let before = try Self.residentBytes()
            for index in 0..<Self.cycles { try await Self.cycle(url, index, logger: logger) }
            let after = try Self.residentBytes()
            print("ZooKeeper client leak check: RSS \(before / 1024) KiB before, \(after / 1024) KiB after \(Self.cycles) sessions (\((after - before) / Self.cycles) bytes a session)")
            if after - before >= Self.allowedGrowth {
                print("RSS grew by \(after - before) bytes over \(Self.cycles) sessions")
                exit(1)
            }
        }
        if let result { print(String(decoding: result.standardOutputContent, as: UTF8.self), terminator: "") }
        await ensemble.shutdown()
    }
}
