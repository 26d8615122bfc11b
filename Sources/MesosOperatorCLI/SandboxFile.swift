import Foundation

/// A file in a task's sandbox, read through the agent's `/files/read?path=&offset=&length=`
/// (Mesos's files API: `{"data": "...", "offset": N}`; offset `-1` asks for the file's size).
public struct SandboxFile: Sendable {
    /// The task.
    public let task: TaskEntry
    /// The agent's `host:port`.
    public let agentAddress: String
    /// The file's absolute path on the agent.
    public let path: String
    /// The most bytes asked for at once.
    public static let chunkSize = 1 << 20

    /// The file `name` in `task`'s sandbox: finds the task's agent in `state` and its sandbox in
    /// the agent's `/state`.
    public static func locate(
        _ name: String, of task: TaskEntry, in state: ClusterState, connection: MasterConnection
    ) async throws(OperatorCLIError) -> SandboxFile {
        guard let agent = state.agent(task.task.agentID) else {
            throw OperatorCLIError("the agent \(task.task.agentID) of task '\(task.task.id)' is no longer known to the master")
        }
        let sandboxes = try AgentSandboxes(json: try await connection.agentGet(agent.address, "/state"))
        guard let directory = sandboxes.directory(frameworkID: task.task.frameworkID, taskID: task.task.id) else {
            let why = task.task.isTerminal ? "it may have been garbage collected" : "the task is \(task.task.shortState); try again once it runs"
            throw OperatorCLIError("the agent at \(agent.address) has no sandbox for task '\(task.task.id)' (\(why))")
        }
        guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
            throw OperatorCLIError("'\(name)' is not a file name inside the sandbox")
        }
        return SandboxFile(task: task, agentAddress: agent.address, path: directory + "/" + name)
    }

    /// The file's size in bytes.
    public func size(connection: MasterConnection) async throws(OperatorCLIError) -> Int {
        try await read(offset: -1, length: 0, connection: connection).offset
    }

    /// Up to `length` bytes from `offset` (the agent answers with text).
    public func read(offset: Int, length: Int, connection: MasterConnection) async throws(OperatorCLIError) -> (data: String, offset: Int) {
        var query = URLComponents()
        query.queryItems = [
            URLQueryItem(name: "path", value: path), URLQueryItem(name: "offset", value: "\(offset)"),
            URLQueryItem(name: "length", value: "\(length)"),
        ]
        let encoded = (query.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let body: Data
        do {
            body = try await connection.agentGet(agentAddress, "/files/read?" + encoded)
        } catch {
            if error.description.contains("HTTP 404") {
                throw OperatorCLIError("task '\(task.task.id)' has no file '\((path as NSString).lastPathComponent)' in its sandbox on \(agentAddress)")
            }
            throw error
        }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let data = object["data"] as? String, let at = (object["offset"] as? NSNumber)?.intValue
        else {
            throw OperatorCLIError("the agent at \(agentAddress) answered /files/read with something other than {\"data\", \"offset\"}")
        }
        return (data, at)
    }

    /// The whole file from `offset`, chunk by chunk, each handed to `write`; the offset after it.
    @discardableResult
    public func copy(from offset: Int, connection: MasterConnection, to write: (String) -> Void) async throws(OperatorCLIError) -> Int {
        var offset = offset
        while true {
            let chunk = try await read(offset: offset, length: Self.chunkSize, connection: connection)
            if chunk.data.isEmpty { return offset }
            write(chunk.data)
            offset += chunk.data.utf8.count
        }
    }
}
