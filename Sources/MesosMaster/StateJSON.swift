import Foundation
import MesosMasterCore
import MesosModel
import MesosResources

/// Renders the master's state in the shapes of Mesos's `/master/state` family
/// (plain-string ids, resources as `{"cpus": 1, "ports": "[31000-31000]"}` maps).
struct StateJSON {
    let state: MasterState
    let options: MasterOptions
    let leader: String?

    typealias Object = [String: Any]

    /// `{"cpus": 1.0, "mem": 128.0, "disk": 0.0, "gpus": 0.0, "ports": "[31000-31000]"}`.
    static func resources(_ resources: Resources) -> Object {
        var map: Object = ["cpus": 0.0, "mem": 0.0, "disk": 0.0, "gpus": 0.0]
        var ranges: [String: [Value.Range]] = [:]
        var sets: [String: [String]] = [:]
        for resource in resources {
            switch resource.type {
            case .scalar: map[resource.name] = ((map[resource.name] as? Double) ?? 0) + (resource.scalar?.value ?? 0)
            case .ranges: ranges[resource.name, default: []] += resource.ranges?.range ?? []
            case .set: sets[resource.name, default: []] += resource.set?.item ?? []
            case .text: break
            }
        }
        for (name, list) in ranges {
            map[name] = "[" + list.sorted { $0.begin < $1.begin }.map { "\($0.begin)-\($0.end)" }.joined(separator: ", ") + "]"
        }
        for (name, items) in sets { map[name] = "{" + items.sorted().joined(separator: ", ") + "}" }
        return map
    }

    static func resources(_ list: [Resource]) -> Object { resources(Resources(list)) }

    static func attributes(_ attributes: [Attribute]) -> Object {
        var map: Object = [:]
        for attribute in attributes {
            switch attribute.type {
            case .scalar: map[attribute.name] = attribute.scalar?.value ?? 0
            case .text: map[attribute.name] = attribute.text?.value ?? ""
            case .ranges:
                map[attribute.name] = "[" + (attribute.ranges?.range ?? []).map { "\($0.begin)-\($0.end)" }.joined(separator: ", ") + "]"
            case .set: map[attribute.name] = "{" + (attribute.set?.item ?? []).joined(separator: ", ") + "}"
            }
        }
        return map
    }

    static func task(_ task: MesosTask) -> Object {
        var object: Object = [
            "id": task.taskID.value, "name": task.name, "framework_id": task.frameworkID.value,
            "executor_id": task.executorID?.value ?? "", "slave_id": task.agentID.value, "state": task.state.rawValue,
            "resources": resources(task.resources),
            "statuses": task.statuses.map { status -> Object in
                var entry: Object = ["state": status.state.rawValue, "timestamp": status.timestamp ?? 0]
                if let container = status.containerStatus, let json = jsonObject(container) { entry["container_status"] = json }
                return entry
            },
        ]
        if let role = task.resources.first?.allocationInfo?.role { object["role"] = role }
        if let labels = task.labels, let json = jsonObject(labels) { object["labels"] = (json as? Object)?["labels"] ?? [] }
        if let discovery = task.discovery, let json = jsonObject(discovery) { object["discovery"] = json }
        if let container = task.container, let json = jsonObject(container) { object["container"] = json }
        if let user = task.user { object["user"] = user }
        return object
    }

    static func jsonObject(_ value: some Encodable) -> Any? {
        guard let data = try? MesosJSON.encode(value) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// A framework's object; without `withTasks` (the summary) its task and offer lists are left out,
    /// and never built.
    func framework(_ record: FrameworkRecord, completed: Bool = false, withTasks: Bool = true) -> Object {
        var used = Resources()
        for task in record.tasks.values where !task.state.isTerminal { used += Resources(task.resources) }
        var offered = Resources()
        var offers: [Object] = []
        for id in record.offers.sorted() {
            guard let offer = state.offers[id]?.offer else { continue }
            offered += Resources(offer.resources)
            guard withTasks else { continue }
            offers.append([
                "id": offer.id.value, "framework_id": offer.frameworkID.value, "slave_id": offer.agentID.value,
                "resources": Self.resources(offer.resources),
            ])
        }
        let tasks = withTasks ? record.tasks.values.sorted { $0.taskID < $1.taskID } : []
        var object: Object = [
            "id": record.id.value, "name": record.info.name, "user": record.info.user,
            "hostname": record.info.hostname ?? "", "webui_url": record.info.webuiURL ?? "",
            "failover_timeout": record.info.failoverTimeout ?? 0, "checkpoint": record.info.checkpoint ?? false,
            "role": record.info.role ?? "*", "roles": record.roles,
            "capabilities": record.info.capabilities.compactMap { $0.type?.rawValue },
            "active": record.isConnected && !completed, "connected": record.isConnected && !completed,
            "recovered": !record.hasSubscribed,
            "registered_time": record.registeredTime, "unregistered_time": record.unregisteredTime ?? 0,
            "resources": Self.resources(used + offered), "used_resources": Self.resources(used),
            "offered_resources": Self.resources(offered), "allocated_resources": Self.resources(used + offered),
        ]
        if withTasks {
            object["tasks"] = tasks.filter { $0.state != .unreachable }.map(Self.task)
            object["unreachable_tasks"] = tasks.filter { $0.state == .unreachable }.map(Self.task)
            object["completed_tasks"] = record.completedTasks.reversed().map(Self.task)
            object["offers"] = offers
            object["executors"] = [Object]()
        }
        if let time = record.reregisteredTime { object["reregistered_time"] = time }
        if let principal = record.info.principal { object["principal"] = principal }
        return object
    }

    func agent(_ agent: AgentRecord) -> Object {
        var offered = Resources()
        for id in agent.offers { if let offer = state.offers[id]?.offer { offered += Resources(offer.resources) } }
        let port = agent.info.port ?? 5051
        var object: Object = [
            "id": agent.id.value, "hostname": agent.info.hostname, "port": Int(port),
            "pid": "slave(1)@\(agent.info.hostname):\(port)", "registered_time": agent.registeredTime,
            "resources": Self.resources(agent.total), "used_resources": Self.resources(agent.used),
            "offered_resources": Self.resources(offered),
            "reserved_resources": [String: Any](), "unreserved_resources": Self.resources(agent.total),
            "attributes": Self.attributes(agent.info.attributes), "active": agent.isConnected,
            "version": agent.version ?? MasterVersion.version, "capabilities": ["MULTI_ROLE", "HIERARCHICAL_ROLE"],
        ]
        if let time = agent.reregisteredTime { object["reregistered_time"] = time }
        return object
    }

    var frameworks: [Object] {
        state.frameworks.values.sorted { $0.id < $1.id }.map { framework($0) }
    }

    var completedFrameworks: [Object] {
        state.completedFrameworks.reversed().map { framework($0, completed: true) }
    }

    var agents: [Object] {
        state.agents.values.sorted { $0.id < $1.id }.map(agent)
    }

    var leaderInfo: Object {
        let info = state.configuration.masterInfo
        return [
            "id": info.id, "pid": options.pid, "port": Int(info.port), "hostname": info.hostname ?? options.hostname,
            "ip": Int(info.ip), "version": MasterVersion.version,
        ]
    }

    /// `/master/state`.
    var full: Object {
        let leaderPID = leader.map { "master@\($0)" } ?? options.pid
        var object: Object = [
            "version": MasterVersion.version, "build_date": "2026-01-01 00:00:00", "build_time": 1_767_225_600,
            "build_user": "swift-mesos", "start_time": state.startTime, "elected_time": state.startTime,
            "id": state.masterID, "pid": options.pid, "hostname": options.hostname,
            "activated_slaves": state.agents.values.filter(\.isConnected).count,
            "deactivated_slaves": state.agents.values.filter { !$0.isConnected }.count,
            "unreachable_slaves": state.unreachableAgents.count,
            "leader": leaderPID, "leader_info": leaderInfo, "flags": options.flags,
            "slaves": agents, "recovered_slaves": state.recoveringAgents.values.compactMap { Self.jsonObject($0) },
            "frameworks": frameworks, "completed_frameworks": completedFrameworks,
            "orphan_tasks": [Object](), "unregistered_frameworks": [String](),
        ]
        if let cluster = options.cluster { object["cluster"] = cluster }
        return object
    }

    /// `/master/state-summary`.
    var summary: Object {
        func counts(_ tasks: some Sequence<MesosTask>) -> Object {
            var result: Object = [:]
            for state in TaskState.allCases where state != .unknown { result[state.rawValue] = 0 }
            for task in tasks { result[task.state.rawValue] = ((result[task.state.rawValue] as? Int) ?? 0) + 1 }
            return result
        }
        let agents: [Object] = state.agents.values.sorted { $0.id < $1.id }.map { record in
            var object = agent(record)
            let tasks = record.tasks.flatMap { framework, ids in ids.compactMap { state.frameworks[framework]?.tasks[$0] } }
            object.merge(counts(tasks)) { $1 }
            object["framework_ids"] = record.tasks.keys.map(\.value).sorted()
            return object
        }
        let frameworks: [Object] = state.frameworks.values.sorted { $0.id < $1.id }.map { record in
            var object = framework(record, withTasks: false)
            object.merge(counts(record.tasks.values)) { $1 }
            object["slave_ids"] = Array(Set(record.tasks.values.map(\.agentID.value))).sorted()
            return object
        }
        var object: Object = ["hostname": options.hostname, "slaves": agents, "frameworks": frameworks]
        if let cluster = options.cluster { object["cluster"] = cluster }
        return object
    }

    /// `/metrics/snapshot`.
    var metrics: Object {
        var m: Object = [:]
        let agents = state.agents.values
        m["master/elected"] = leader == nil ? 1.0 : 0.0
        m["master/uptime_secs"] = Date().timeIntervalSince1970 - state.startTime
        m["master/slaves_active"] = Double(agents.filter(\.isConnected).count)
        m["master/slaves_connected"] = Double(agents.filter(\.isConnected).count)
        m["master/slaves_disconnected"] = Double(agents.filter { !$0.isConnected }.count)
        m["master/slaves_inactive"] = Double(agents.filter { !$0.isConnected }.count)
        m["master/slaves_unreachable"] = Double(state.unreachableAgents.count)
        let frameworks = state.frameworks.values
        m["master/frameworks_active"] = Double(frameworks.filter(\.isConnected).count)
        m["master/frameworks_connected"] = Double(frameworks.filter(\.isConnected).count)
        m["master/frameworks_disconnected"] = Double(frameworks.filter { !$0.isConnected }.count)
        m["master/frameworks_inactive"] = Double(frameworks.filter { !$0.isConnected }.count)
        var live: [TaskState: Int] = [:]
        for framework in frameworks { for task in framework.tasks.values { live[task.state, default: 0] += 1 } }
        for state in [TaskState.staging, .starting, .running, .killing, .unreachable] {
            m["master/tasks_\(state.rawValue.dropFirst(5).lowercased())"] = Double(live[state] ?? 0)
        }
        for state in [TaskState.finished, .failed, .killed, .lost, .error, .dropped, .gone, .goneByOperator] {
            m["master/tasks_\(state.rawValue.dropFirst(5).lowercased())"] = Double(self.state.counters.terminalTasks[state] ?? 0)
        }
        var total = Resources()
        var used = Resources()
        for agent in agents {
            total += agent.total
            used += agent.used
        }
        for name in ["cpus", "mem", "disk", "gpus"] {
            let t = total.scalar(named: name) ?? 0
            let u = used.scalar(named: name) ?? 0
            m["master/\(name)_total"] = t
            m["master/\(name)_used"] = u
            m["master/\(name)_percent"] = t > 0 ? u / t : 0
        }
        m["master/outstanding_offers"] = Double(state.offers.count)
        m["master/messages_decline_offers"] = Double(state.counters.offersDeclined)
        m["master/messages_accept_offers"] = Double(state.counters.offersAccepted)
        m["master/offers_sent"] = Double(state.counters.offersSent)
        m["master/offers_rescinded"] = Double(state.counters.offersRescinded)
        m["master/valid_status_updates"] = Double(state.counters.statusUpdates)
        m["master/slave_unreachable_completed"] = Double(state.counters.agentsUnreachable)
        m["master/frameworks_removed"] = Double(state.counters.frameworksRemoved)
        m["master/slow_subscribers_disconnected"] = Double(state.counters.slowSubscribersDisconnected)
        m["master/recovery_slaves_pending"] = Double(state.recoveringAgents.count)
        for (type, count) in state.counters.schedulerCalls {
            m["master/messages_scheduler_\(type.lowercased())"] = Double(count)
        }
        m["allocator/mesos/event_queue_dispatches"] = 0.0
        return m
    }
}
