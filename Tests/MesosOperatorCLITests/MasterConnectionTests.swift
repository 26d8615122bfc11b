import Foundation
import HTTPTypes
import Hummingbird
import Logging
@testable import MesosOperatorCLI
import MesosTestKit
import NIOCore
import Testing

/// An HTTP server on a free loopback port that answers `/master/state` and `/master/teardown`
/// with a fixed status, `Location` and body, for the duration of a test.
struct FakeMaster: Sendable {
    let port: Int
    var address: String { "127.0.0.1:\(port)" }

    static func with<T>(
        status: HTTPResponse.Status, location: String? = nil, body: String = "",
        _ test: (FakeMaster) async throws -> T
    ) async throws -> T {
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            var headers = HTTPFields()
            if let location { headers[.location] = location }
            headers[.contentType] = "application/json"
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/master/state", use: respond)
        router.post("/master/teardown", use: respond)
        let (ports, portInput) = AsyncStream<Int>.makeStream()
        var quiet = Logger(label: "test.fake-master")
        quiet.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portInput.yield(channel.localAddress?.port ?? 0)
                portInput.finish()
            },
            logger: quiet)
        return try await withRunningService(app, logger: quiet) {
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CLITestError("the fake master did not start") }
            return try await test(FakeMaster(port: port))
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct MasterConnectionTests {
    static let state = #"{"frameworks": [], "slaves": [{"id": "a1", "hostname": "h", "port": 5051, "active": true}]}"#

    func connection(_ master: String) throws -> MasterConnection {
        var logger = Logger(label: "test.cli")
        logger.logLevel = .critical
        let setting = try MasterSetting.resolve(flag: master, environment: [:]) { _ in nil }
        return try MasterConnection(setting: setting, requestTimeout: .seconds(10), logger: logger)
    }

    @Test func skipsMastersWithoutALeaderAndFollowsRedirects() async throws {
        try await FakeMaster.with(status: .ok, body: Self.state) { leader in
            try await FakeMaster.with(status: .serviceUnavailable, body: "No leader elected") { electing in
                try await FakeMaster.with(status: .temporaryRedirect, location: "//\(leader.address)/master/state") { standby in
                    for master in ["\(electing.address),\(leader.address)", standby.address, "\(electing.address),http://\(standby.address)"] {
                        let connection = try connection(master)
                        let state = try ClusterState(json: try await connection.get("/master/state"))
                        await connection.shutdown()
                        #expect(state.agents.map(\.id) == ["a1"], "via \(master)")
                    }
                    let onlyElecting = try connection(electing.address)
                    await #expect(throws: OperatorCLIError("cannot reach the master at \(electing.address): no leader elected (No leader elected)")) {
                        try await onlyElecting.get("/master/state")
                    }
                    await onlyElecting.shutdown()
                }
            }
        }
    }

    @Test func anErrorAnswerIsReportedWithItsBody() async throws {
        try await FakeMaster.with(status: .badRequest, body: "Missing 'frameworkId'\n") { master in
            let connection = try connection(master.address)
            await #expect(throws: OperatorCLIError("the master at \(master.address) answered POST /master/teardown with HTTP 400: Missing 'frameworkId'")) {
                try await connection.send(.post, "/master/teardown", body: [], headers: [:])
            }
            await connection.shutdown()
        }
    }

    @Test func aRedirectToADeadLeaderNamesTheLeader() async throws {
        try await FakeMaster.with(status: .temporaryRedirect, location: "//127.0.0.1:1") { master in
            let connection = try connection(master.address)
            do {
                _ = try await connection.get("/master/state")
                Issue.record("expected an error")
            } catch {
                #expect("\(error)".hasPrefix("cannot reach the master at 127.0.0.1:1: "), "\(error)")
            }
            await connection.shutdown()
        }
    }
}
