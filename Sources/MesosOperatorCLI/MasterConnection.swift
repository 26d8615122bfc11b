import Foundation
import Logging
import MesosHTTPClient
import MesosLeaderElection
import MesosZooKeeper
import Synchronization

/// Talks to the leading master and to agents over HTTP: finds the leader (trying a list in turn,
/// following a standby's redirect, or asking ZooKeeper), and turns every failure into an
/// ``OperatorCLIError`` that names the address.
public final class MasterConnection: Sendable {
    /// The configured master.
    public let setting: MasterSetting
    private let client: HTTPClient
    private let logger: Logger
    /// The master that answered last: asked first next time (`tail --follow` polls, and a
    /// `zk://` lookup is a ZooKeeper session).
    private let lastLeader = Mutex<String?>(nil)
    /// How long one request may take.
    public let requestTimeout: Duration

    /// A connection to the master `setting` names.
    public init(setting: MasterSetting, requestTimeout: Duration = .seconds(15), logger: Logger) throws(OperatorCLIError) {
        self.setting = setting
        self.requestTimeout = requestTimeout
        self.logger = logger
        do {
            client = try HTTPClient(logger: logger)
        } catch {
            throw OperatorCLIError("cannot start the HTTP client: \(error)")
        }
    }

    /// Releases the HTTP client.
    public func shutdown() async {
        await client.shutdown()
    }

    /// The base URLs to try: the configured ones, or the leader ZooKeeper names.
    public func candidateBases() async throws(OperatorCLIError) -> [String] {
        switch setting.address {
        case .endpoints(let bases):
            return bases
        case .zooKeeper(let url):
            let detector = ZooKeeperMasterDetector(url: url, sessionTimeout: .seconds(10), logger: logger)
            guard let leader = await detector.currentLeader(timeout: .seconds(10)) else {
                throw OperatorCLIError("no leading master found in \(url) within 10 seconds (is ZooKeeper reachable and a master running with --zk=\(url)?)")
            }
            guard let endpoint = leader.endpoint else {
                throw OperatorCLIError("the leader in \(url) does not say where it listens")
            }
            return ["http://\(endpoint)"]
        }
    }

    /// `GET` `path` on the leading master; the body of its 200 answer.
    public func get(_ path: String) async throws(OperatorCLIError) -> Data {
        try await send(.get, path, body: [], headers: [:]).body
    }

    /// Sends `method` `path` with `body` to the leading master and returns its (non-redirect) answer.
    public func send(
        _ method: HTTPMethod, _ path: String, body: [UInt8], headers: HTTPHeaders
    ) async throws(OperatorCLIError) -> (status: Int, body: Data) {
        if let cached = lastLeader.withLock({ $0 }),
           case .success(let answer) = try await exchange(method, path, body: body, headers: headers, base: cached) {
            return answer
        }
        let bases = try await candidateBases()
        var failures: [String] = []
        for base in bases {
            switch try await exchange(method, path, body: body, headers: headers, base: base) {
            case .success(let answer): return answer
            case .failure(let failure): failures.append(failure.description)
            }
        }
        if bases.count == 1 {
            throw OperatorCLIError("cannot reach the master at \(failures.first ?? Self.hostPort(bases[0]))")
        }
        throw OperatorCLIError("cannot reach a leading master among \(setting.address): \(failures.joined(separator: "; "))")
    }

    /// One master's answer, following its redirects: success, a reason to try the next master
    /// (unreachable, no leader), or a thrown error answer.
    private func exchange(
        _ method: HTTPMethod, _ path: String, body: [UInt8], headers: HTTPHeaders, base: String
    ) async throws(OperatorCLIError) -> Result<(status: Int, body: Data), OperatorCLIError> {
        var current = base
        var hops = 0
        while true {
            let response: HTTPResponse
            do {
                response = try await client.execute(HTTPRequest(
                    method: method, url: current + path, headers: headers, body: body,
                    timeout: requestTimeout, connectTimeout: .seconds(3)))
            } catch {
                return .failure(OperatorCLIError("\(Self.hostPort(current)): \(error)"))
            }
            if (301...308).contains(response.status), let location = response.location,
               let leader = MasterRedirect.leaderBase(location: location, scheme: Self.scheme(current)), hops < 3 {
                hops += 1
                current = leader
                continue
            }
            if response.status == 503 {
                let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
                return .failure(OperatorCLIError("\(Self.hostPort(current)): no leader elected (\(text))"))
            }
            guard (200..<300).contains(response.status) else {
                let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
                throw OperatorCLIError("the master at \(Self.hostPort(current)) answered \(method) \(path) with HTTP \(response.status)\(text.isEmpty ? "" : ": \(text)")")
            }
            let leader = current
            lastLeader.withLock { $0 = leader }
            return .success((response.status, Data(response.body)))
        }
    }

    /// `GET` `path` on the agent at `address` (`host:port`); the body of its 200 answer.
    public func agentGet(_ address: String, _ path: String) async throws(OperatorCLIError) -> Data {
        let response: HTTPResponse
        do {
            response = try await client.execute(HTTPRequest(
                url: "http://\(address)\(path)", timeout: requestTimeout, connectTimeout: .seconds(3)))
        } catch {
            throw OperatorCLIError("cannot reach the agent at \(address): \(error)")
        }
        guard response.status == 200 else {
            let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
            throw OperatorCLIError("the agent at \(address) answered GET \(path) with HTTP \(response.status)\(text.isEmpty ? "" : ": \(text)")")
        }
        return Data(response.body)
    }

    static func hostPort(_ base: String) -> String {
        guard let range = base.range(of: "://") else { return base }
        return String(base[range.upperBound...])
    }

    static func scheme(_ base: String) -> String {
        guard let range = base.range(of: "://") else { return "http" }
        return String(base[..<range.lowerBound])
    }
}
