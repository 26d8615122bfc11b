import Foundation
import MesosAgentCore
import MesosModel

/// The agent's `/state`, in the shape of Mesos's agent state where practical.
public struct AgentStateSnapshot: Codable, Sendable {
    /// An executor (for command tasks: one per task) with its sandbox.
    public struct ExecutorEntry: Codable, Sendable {
        /// The executor id.
        public var id: String
        /// The container id.
        public var container: String
        /// The sandbox path (usable with `/files`).
        public var directory: String
        /// Its live tasks.
        public var tasks: [MesosTask]
        /// Its finished tasks.
        public var completedTasks: [MesosTask]

        private enum CodingKeys: String, CodingKey {
            case id, container, directory, tasks
            case completedTasks = "completed_tasks"
        }
    }

    /// A framework with tasks here.
    public struct FrameworkEntry: Codable, Sendable {
        /// The framework id.
        public var id: String
        /// Its name.
        public var name: String
        /// Its executors.
        public var executors: [ExecutorEntry]
        /// Its executors whose tasks all completed.
        public var completedExecutors: [ExecutorEntry]

        private enum CodingKeys: String, CodingKey {
            case id, name, executors
            case completedExecutors = "completed_executors"
        }
    }

    /// The agent id (empty before registration).
    public var id: String
    /// The hostname.
    public var hostname: String
    /// The HTTP port.
    public var port: Int
    /// The version.
    public var version: String
    /// The master the agent is subscribed to.
    public var masterHostname: String?
    /// The agent's total resources as Mesos's `{"cpus": 4, "mem": ..., "ports": "[31000-32000]"}`.
    public var resources: [String: ResourceValue]
    /// Resources used by live tasks.
    public var usedResources: [String: ResourceValue]
    /// The agent's attributes.
    public var attributes: [Attribute]
    /// Frameworks with live or completed tasks.
    public var frameworks: [FrameworkEntry]
    /// The agent's flags.
    public var flags: [String: String]

    /// A resource value: a number for scalars, the text form for ranges and sets.
    public enum ResourceValue: Codable, Sendable, Equatable {
        case number(Double)
        case text(String)

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, hostname, port, version, resources, attributes, frameworks, flags
        case masterHostname = "master_hostname"
        case usedResources = "used_resources"
    }

    /// Summarizes `resources` by name.
    public static func summary(of resources: [Resource]) -> [String: ResourceValue] {
        var scalars: [String: Double] = [:]
        var texts: [String: [String]] = [:]
        for resource in resources {
            if let scalar = resource.scalar {
                scalars[resource.name, default: 0] += scalar.value
            } else if let ranges = resource.ranges {
                texts[resource.name, default: []] += ranges.range.map { "\($0.begin)-\($0.end)" }
            } else if let set = resource.set {
                texts[resource.name, default: []] += set.item
            }
        }
        var result: [String: ResourceValue] = [:]
        for (name, value) in scalars { result[name] = .number((value * 1000).rounded() / 1000) }
        for (name, parts) in texts { result[name] = .text("[" + parts.joined(separator: ", ") + "]") }
        return result
    }

    /// Builds the snapshot from the runtime's tasks.
    public static func make(
        agentID: AgentID?, agentInfo: AgentInfo, master: String?, tasks: [AgentTask], completed: [AgentTask],
        flags: [String: String]
    ) -> AgentStateSnapshot {
        let id = agentID ?? AgentID("")
        var frameworks: [FrameworkID: FrameworkEntry] = [:]
        func entry(_ task: AgentTask) -> ExecutorEntry {
            ExecutorEntry(id: task.executorID.value, container: task.containerID.value, directory: task.sandbox,
                          tasks: [], completedTasks: [])
        }
        for task in tasks {
            var framework = frameworks[task.frameworkID]
                ?? FrameworkEntry(id: task.frameworkID.value, name: task.frameworkInfo.name, executors: [], completedExecutors: [])
            var executor = entry(task)
            if task.state.isTerminal {
                executor.completedTasks.append(task.mesosTask(agentID: id))
            } else {
                executor.tasks.append(task.mesosTask(agentID: id))
            }
            framework.executors.append(executor)
            frameworks[task.frameworkID] = framework
        }
        for task in completed {
            var framework = frameworks[task.frameworkID]
                ?? FrameworkEntry(id: task.frameworkID.value, name: task.frameworkInfo.name, executors: [], completedExecutors: [])
            var executor = entry(task)
            executor.completedTasks.append(task.mesosTask(agentID: id))
            framework.completedExecutors.append(executor)
            frameworks[task.frameworkID] = framework
        }
        let used = tasks.filter { !$0.state.isTerminal }.flatMap(\.task.resources)
        return AgentStateSnapshot(
            id: id.value, hostname: agentInfo.hostname, port: Int(agentInfo.port ?? 5051), version: AgentVersion.current,
            masterHostname: master, resources: summary(of: agentInfo.resources), usedResources: summary(of: used),
            attributes: agentInfo.attributes, frameworks: frameworks.values.sorted { $0.id < $1.id }, flags: flags)
    }
}
