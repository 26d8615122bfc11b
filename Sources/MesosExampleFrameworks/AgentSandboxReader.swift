import Foundation
import Logging
import MesosHTTPClient
import MesosModel

/// Reads a task's `stdout` from its agent's sandbox: finds the sandbox directory in the agent's
/// `/state`, then reads the file through `/files/read`.
public final class AgentSandboxReader: Sendable {
    /// The agent did not answer as expected.
    public struct ReadError: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    private let client: HTTPClient

    /// A reader with its own HTTP client.
    public init(logger: Logger) throws {
        client = try HTTPClient(logger: logger)
    }

    /// The agent's base URL from an offer's `url` (`http://ip:port`), or nil.
    public static func baseURL(of offer: Offer) -> String? {
        guard let url = offer.url, let host = url.address.ip ?? url.address.hostname else { return nil }
        return "\(url.scheme)://\(host):\(url.address.port)"
    }

    /// The base URL of agent `agentID` from the master at `masterURL` (`/master/slaves`: the
    /// address in its `pid`, else its hostname and port).
    public func agentURL(of agentID: AgentID, masterURL: String) async throws -> String {
        let slaves = try await json(masterURL + "/master/slaves")["slaves"] as? [[String: Any]] ?? []
        guard let agent = slaves.first(where: { $0["id"] as? String == agentID.value }) else {
            throw ReadError(description: "the master does not know agent \(agentID.value)")
        }
        if let pid = agent["pid"] as? String, let at = pid.lastIndex(of: "@") {
            return "http://" + pid[pid.index(after: at)...]
        }
        guard let hostname = agent["hostname"] as? String, let port = agent["port"] as? Int else {
            throw ReadError(description: "no address for agent \(agentID.value)")
        }
        return "http://\(hostname):\(port)"
    }

    /// The base URL of a master from its `MasterInfo`.
    public static func baseURL(of master: MasterInfo) -> String {
        let host = master.address?.ip ?? master.address?.hostname ?? master.hostname ?? "127.0.0.1"
        return "http://\(host):\(master.address.map { Int($0.port) } ?? Int(master.port))"
    }

    /// The first `limit` bytes of `taskID`'s `stdout` on the agent at `agentURL`.
    public func stdout(of taskID: TaskID, frameworkID: FrameworkID, agentURL: String, limit: Int = 65536) async throws -> String {
        let state = try await json(agentURL + "/state")
        let frameworks = (state["frameworks"] as? [[String: Any]] ?? []) + (state["completed_frameworks"] as? [[String: Any]] ?? [])
        let executors = frameworks.filter { $0["id"] as? String == frameworkID.value }
            .flatMap { ($0["executors"] as? [[String: Any]] ?? []) + ($0["completed_executors"] as? [[String: Any]] ?? []) }
        let directory = executors.first { executor in
            let tasks = (executor["tasks"] as? [[String: Any]] ?? []) + (executor["completed_tasks"] as? [[String: Any]] ?? [])
            return tasks.contains { ($0["task_id"] as? [String: Any])?["value"] as? String == taskID.value }
        }?["directory"] as? String
        guard let directory else { throw ReadError(description: "no sandbox for \(taskID.value) on \(agentURL)") }
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "path", value: directory + "/stdout"), URLQueryItem(name: "offset", value: "0"),
            URLQueryItem(name: "length", value: String(limit)),
        ]
        let read = try await json(agentURL + "/files/read" + (components.percentEncodedQuery.map { "?" + $0 } ?? ""))
        guard let data = read["data"] as? String else { throw ReadError(description: "/files/read answered no data") }
        return data
    }

    /// Releases the HTTP client.
    public func shutdown() async {
        await client.shutdown()
    }

    private func json(_ url: String) async throws -> [String: Any] {
        let response = try await client.execute(HTTPRequest(url: url, timeout: .seconds(10)))
        guard response.status == 200 else { throw ReadError(description: "GET \(url) answered \(response.status)") }
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }
}
