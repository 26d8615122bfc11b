import Foundation
import MesosMasterCore
import MesosModel
import MesosResources

/// Renders the master's state in the shapes of Mesos's `/master/state` family
/// (plain-string ids, resources as `{"cpus": 1, "ports": "[31000-31000]"}` maps), as typed
/// ``OperatorJSON`` trees.
struct StateJSON {
    let state: MasterState
    let options: MasterOptions
    let leader: String?

    typealias Object = [String: OperatorJSON]

    /// `{"cpus": 1.0, "mem": 128.0, "disk": 0.0, "gpus": 0.0, "ports": "[31000-31000]"}`.
    static func resources(_ resources: some RandomAccessCollection<Resource>) -> Object {
        var totals = ResourceTotals()
        totals.add(resources)
        return totals.object
    }

    static func attributes(_ attributes: [Attribute]) -> Object {
        var map: Object = [:]
        for attribute in attributes {
            switch attribute.type {
            case .scalar: map[attribute.name] = .double(attribute.scalar?.value ?? 0)
            case .text: map[attribute.name] = .string(attribute.text?.value ?? "")
            case .ranges:
                map[attribute.name] = .string("[" + (attribute.ranges?.range ?? []).map { "\($0.begin)-\($0.end)" }.joined(separator: ", ") + "]")
            case .set: map[attribute.name] = .string("{" + (attribute.set?.item ?? []).joined(separator: ", ") + "}")
            }
        }
        return map
    }

    static func task(_ task: MesosTask) -> Object {
        var object: Object = [
            "id": .string(task.taskID.value), "name": .string(task.name), "framework_id": .string(task.frameworkID.value),
            "executor_id": .string(task.executorID?.value ?? ""), "slave_id": .string(task.agentID.value),
            "state": .string(task.state.rawValue), "resources": .object(resources(task.resources)),
            "statuses": .array(task.statuses.map { status -> OperatorJSON in
                var entry: Object = ["state": .string(status.state.rawValue), "timestamp": .double(status.timestamp ?? 0)]
                if let container = status.containerStatus { entry["container_status"] = .encoding(container) }
                return .object(entry)
            }),
        ]
        if let role = task.resources.first?.allocationInfo?.role { object["role"] = .string(role) }
        if let labels = task.labels { object["labels"] = OperatorJSON.encoding(labels)["labels"] ?? [] }
        if let discovery = task.discovery { object["discovery"] = .encoding(discovery) }
        if let container = task.container { object["container"] = .encoding(container) }
        if let user = task.user { object["user"] = .string(user) }
        return object
    }

    /// The JSON of a `Codable` model value in Mesos's mapping, for the v1 operator API's trees.
    static func jsonObject(_ value: some Encodable) -> OperatorJSON? {
        let json = OperatorJSON.encoding(value)
        return json == .null ? nil : json
    }

    static func strings(_ list: some Sequence<String>) -> OperatorJSON { .array(list.map { .string($0) }) }

    /// A framework's object; without `withTasks` (the summary) its task and offer lists are left out,
    /// and never built.
    ///
    /// `offered`: the sum of its offers' resources when the caller has it (the summary sums every
    /// framework's offers in one pass, ``offeredByFramework``); otherwise the offers `offerIDs` are
    /// summed.
    func framework(
        _ record: FrameworkRecord, completed: Bool = false, withTasks: Bool = true, offerIDs: [OfferID] = [],
        offered known: ResourceTotals? = nil
    ) -> Object {
        var used = ResourceTotals()
        let active = record.tasks.values
        for slot in active.indices where !active[slot].state.isTerminal { used.add(active[slot].resources) }
        var offered = known ?? ResourceTotals()
        var offers: [OperatorJSON] = []
        for id in offerIDs {
            // By index: one hash lookup, reading the offer in place (a copy retains each field).
            guard let index = state.offers.index(forKey: id) else { continue }
            if known == nil { offered.add(state.offers.values[index].offer.resources) }
            guard withTasks else { continue }
            let offer = state.offers.values[index].offer
            offers.append([
                "id": .string(offer.id.value), "framework_id": .string(offer.frameworkID.value),
                "slave_id": .string(offer.agentID.value), "resources": .object(Self.resources(offer.resources)),
            ])
        }
        let tasks = withTasks ? record.tasks.values.sorted { $0.taskID < $1.taskID } : []
        let info = record.info
        var object: Object = [
            "id": .string(record.id.value), "name": .string(info.name), "user": .string(info.user),
            "hostname": .string(info.hostname ?? ""), "webui_url": .string(info.webuiURL ?? ""),
            "failover_timeout": .double(info.failoverTimeout ?? 0), "checkpoint": .bool(info.checkpoint ?? false),
            "role": .string(info.role ?? "*"), "roles": Self.strings(record.roles),
            "capabilities": Self.strings(info.capabilities.compactMap { $0.type?.rawValue }),
            "active": .bool(record.isConnected && !completed), "connected": .bool(record.isConnected && !completed),
            "recovered": .bool(!record.hasSubscribed),
            "registered_time": .double(record.registeredTime), "unregistered_time": .double(record.unregisteredTime ?? 0),
            "resources": .object((used + offered).object), "used_resources": .object(used.object),
            "offered_resources": .object(offered.object), "allocated_resources": .object((used + offered).object),
        ]
        if withTasks {
            object["tasks"] = .array(tasks.filter { $0.state != .unreachable }.map { .object(Self.task($0)) })
            object["unreachable_tasks"] = .array(tasks.filter { $0.state == .unreachable }.map { .object(Self.task($0)) })
            object["completed_tasks"] = .array(record.completedTasks.reversed().map { .object(Self.task($0)) })
            object["offers"] = .array(offers)
            object["executors"] = []
        }
        if let time = record.reregisteredTime { object["reregistered_time"] = .double(time) }
        if let principal = info.principal { object["principal"] = .string(principal) }
        return object
    }

    /// Writes an agent's object as Mesos's state endpoints have it, then the members `extra` writes.
    func writeAgent(_ agent: AgentRecord, into json: inout JSONWriter, extra: (inout JSONWriter) -> Void = { _ in }) {
        let port = agent.info.port ?? 5051
        json.beginObject()
        json.member("id", agent.id.value)
        json.member("hostname", agent.info.hostname)
        json.member("port", Int(port))
        json.member("pid", "slave(1)@\(agent.info.hostname):\(port)")
        json.member("registered_time", agent.registeredTime)
        // `resources` and `unreserved_resources` are the same object: written once, copied.
        var totals = ResourceTotals()
        totals.add(agent.total)
        var total = JSONWriter(capacity: 96)
        totals.write(into: &total)
        json.key("resources")
        json.value(.raw(total.bytes))
        var used = ResourceTotals()
        used.add(agent.used)
        json.key("used_resources")
        used.write(into: &json)
        var offered = ResourceTotals()
        for slot in agent.offers.indices { offered.add(agent.offers[slot].resources) }
        json.key("offered_resources")
        offered.write(into: &json)
        json.key("reserved_resources")
        json.beginObject()
        json.endObject()
        json.key("unreserved_resources")
        json.value(.raw(total.bytes))
        json.member("attributes", .object(Self.attributes(agent.info.attributes)))
        json.member("active", agent.isConnected)
        json.member("version", agent.version ?? MasterVersion.version)
        json.key("capabilities")
        json.strings(["MULTI_ROLE", "HIERARCHICAL_ROLE"])
        if let time = agent.reregisteredTime { json.member("reregistered_time", time) }
        extra(&json)
        json.endObject()
    }

    /// An agent's object, written (see ``writeAgent(_:into:extra:)``).
    func agent(_ agent: AgentRecord) -> OperatorJSON {
        var json = JSONWriter(capacity: 768)
        writeAgent(agent, into: &json)
        return .raw(json.bytes)
    }

    var frameworks: [Object] {
        let offers = state.offerIDsByFramework
        return state.frameworks.values.sorted { $0.id < $1.id }.map { framework($0, offerIDs: offers[$0.id] ?? []) }
    }

    var completedFrameworks: [Object] {
        state.completedFrameworks.reversed().map { framework($0, completed: true) }
    }

    /// The agents in the order of their ids (`only`: just that one).
    func agents(only id: String? = nil) -> [OperatorJSON] {
        if let id { return state.agents[AgentID(id)].map { [agent($0)] } ?? [] }
        return state.agents.keys.sorted().compactMap { state.agents[$0].map(agent) }
    }

    var recoveredAgents: OperatorJSON {
        .array(state.recoveringAgents.values.map { .encoding($0) })
    }

    var leaderInfo: Object {
        let info = state.configuration.masterInfo
        return [
            "id": .string(info.id), "pid": .string(options.pid), "port": .int(Int(info.port)),
            "hostname": .string(info.hostname ?? options.hostname), "ip": .int(Int(info.ip)),
            "version": .string(MasterVersion.version),
        ]
    }

    /// `/master/state`.
    var full: Object {
        let leaderPID = leader.map { "master@\($0)" } ?? options.pid
        var object: Object = [
            "version": .string(MasterVersion.version), "build_date": "2026-01-01 00:00:00", "build_time": 1_767_225_600,
            "build_user": "swift-mesos", "start_time": .double(state.startTime), "elected_time": .double(state.startTime),
            "id": .string(state.masterID), "pid": .string(options.pid), "hostname": .string(options.hostname),
            "activated_slaves": .int(state.agents.values.filter(\.isConnected).count),
            "deactivated_slaves": .int(state.agents.values.filter { !$0.isConnected }.count),
            "unreachable_slaves": .int(state.unreachableAgents.count),
            "leader": .string(leaderPID), "leader_info": .object(leaderInfo), "flags": .object(options.flags.mapValues { .string($0) }),
            "slaves": .array(agents()), "recovered_slaves": recoveredAgents,
            "frameworks": .array(frameworks.map { .object($0) }),
            "completed_frameworks": .array(completedFrameworks.map { .object($0) }),
            "orphan_tasks": [], "unregistered_frameworks": [],
        ]
        if let cluster = options.cluster { object["cluster"] = .string(cluster) }
        return object
    }

    /// The task states the summary counts, in its order.
    static let summaryStates = TaskState.allCases.filter { $0 != .unknown }

    /// The position of `state` in ``summaryStates`` (nil for `TASK_UNKNOWN`), without hashing:
    /// a raw-value enum hashes its text, once per task per summary.
    static func summaryPosition(_ state: TaskState) -> Int? {
        switch state {
        case .staging: 0
        case .starting: 1
        case .running: 2
        case .killing: 3
        case .finished: 4
        case .failed: 5
        case .killed: 6
        case .error: 7
        case .lost: 8
        case .dropped: 9
        case .unreachable: 10
        case .gone: 11
        case .goneByOperator: 12
        case .unknown: nil
        }
    }

    /// `/master/state-summary`: each agent's and framework's counts of tasks by state, written
    /// straight into JSON text (``JSONWriter``). The master's endpoint writes the same parts in
    /// slices on its actor (``StateSummarySlices``).
    var summary: [UInt8] {
        let frameworks = summaryFrameworks()
        var json = JSONWriter(capacity: 1024 * (state.agents.count + 1))
        Self.writeSummary(
            hostname: options.hostname, cluster: options.cluster, frameworks: frameworks,
            agents: [summaryAgents(state.agents.keys.sorted())], into: &json)
        return json.bytes
    }

    /// The summary's object around its parts: `frameworks` and `agents` are comma-separated objects.
    static func writeSummary(
        hostname: String, cluster: String?, frameworks: [UInt8], agents: [[UInt8]], into json: inout JSONWriter
    ) {
        writeSummaryStart(hostname: hostname, cluster: cluster, frameworks: frameworks, into: &json)
        for slice in agents { json.elements(slice) }
        json.endArray()
        json.endObject()
    }

    /// The summary up to its agents: `{"hostname": …, "frameworks": […], "slaves": [`.
    static func writeSummaryStart(hostname: String, cluster: String?, frameworks: [UInt8], into json: inout JSONWriter) {
        json.beginObject()
        json.member("hostname", hostname)
        if let cluster { json.member("cluster", cluster) }
        json.key("frameworks")
        json.beginArray()
        json.elements(frameworks)
        json.endArray()
        json.key("slaves")
        json.beginArray()
    }

    /// What closes the summary after its agents.
    static let summaryEnd = "]}"

    /// The summary's count keys (`"TASK_RUNNING":`), written once.
    static let summaryCountKeys: [[UInt8]] = summaryStates.map { state in
        var json = JSONWriter(capacity: 32)
        json.key(escaping: state.rawValue)
        return json.bytes
    }

    static func writeSummaryCounts(_ counts: [Int], into json: inout JSONWriter) {
        for (index, key) in summaryCountKeys.enumerated() {
            json.key(text: key)
            json.int(counts[index])
        }
    }

    /// The summary's framework objects, comma-separated.
    func summaryFrameworks() -> [UInt8] {
        summaryFrameworks(state.frameworks.keys.sorted())
    }

    /// The objects of the frameworks `ids` (those still known), comma-separated.
    func summaryFrameworks(_ ids: some Sequence<FrameworkID>) -> [UInt8] {
        var json = JSONWriter(capacity: 4096)
        let offered = offeredByFramework
        for id in ids {
            guard let frameworkIndex = state.frameworks.index(forKey: id) else { continue }
            var counts = [Int](repeating: 0, count: Self.summaryStates.count)
            var agentIDs: Set<String> = []
            // By index, reading fields in place: `for task in values` copies each task (retains
            // every field), which was a fifth of the summary's time.
            let tasks = state.frameworks.values[frameworkIndex].tasks.values
            for slot in tasks.indices {
                agentIDs.insert(tasks[slot].agentID.value)
                if let position = Self.summaryPosition(tasks[slot].state) { counts[position] += 1 }
            }
            var object = framework(
                state.frameworks.values[frameworkIndex], withTasks: false, offered: offered[id] ?? ResourceTotals())
            object["slave_ids"] = Self.strings(agentIDs.sorted())
            json.beginObject()
            for (key, value) in object {
                json.key(escaping: key)
                json.value(value)
            }
            Self.writeSummaryCounts(counts, into: &json)
            json.endObject()
        }
        return json.bytes
    }

    /// The sums of the outstanding offers' resources by framework, in one pass over the offers
    /// table. Listing each framework's offer ids and looking each one up again (as the full state
    /// must, to list the offers) hashed every id twice: at 50,000 agents with a round's offers
    /// outstanding, that was most of the summary's frameworks.
    var offeredByFramework: [FrameworkID: ResourceTotals] {
        var sums: [FrameworkID: ResourceTotals] = [:]
        let records = state.offers.values
        // A round's offers are inserted framework by framework, so consecutive records mostly
        // share one framework: its sum is kept aside until the framework changes.
        var current: (id: FrameworkID, sum: ResourceTotals)?
        for slot in records.indices {
            // Two fields of the offer, not the offer: a copy of it retains each of its fields.
            let id = records[slot].frameworkID
            if current?.id != id {
                if let (id, sum) = current { sums[id] = sum }
                current = (id, sums[id] ?? ResourceTotals())
            }
            current?.sum.add(records[slot].resources)
        }
        if let (id, sum) = current { sums[id] = sum }
        return sums
    }

    /// The summary's objects of the agents `ids` (those still known), comma-separated, with their
    /// tasks' counts by state.
    func summaryAgents(_ ids: some Collection<AgentID>) -> [UInt8] {
        var json = JSONWriter(capacity: 1024 * (ids.count + 1))
        var counts = [Int](repeating: 0, count: Self.summaryStates.count)
        for id in ids {
            guard let index = state.agents.index(forKey: id) else { continue }
            for slot in counts.indices { counts[slot] = 0 }
            // Its tasks' states, from their frameworks' records (by index, read in place).
            let tasksByFramework = state.agents.values[index].tasks
            for (frameworkID, taskIDs) in tasksByFramework {
                guard let frameworkIndex = state.frameworks.index(forKey: frameworkID) else { continue }
                let tasks = state.frameworks.values[frameworkIndex].tasks
                for taskID in taskIDs {
                    guard let taskIndex = tasks.index(forKey: taskID),
                          let position = Self.summaryPosition(tasks.values[taskIndex].state)
                    else { continue }
                    counts[position] += 1
                }
            }
            writeAgent(state.agents.values[index], into: &json) { json in
                Self.writeSummaryCounts(counts, into: &json)
                json.key("framework_ids")
                json.strings(tasksByFramework.keys.map(\.value).sorted())
            }
        }
        return json.bytes
    }

    /// `/metrics/snapshot`.
    var metrics: [String: Double] {
        var m: [String: Double] = [:]
        // One pass over the agents, reading fields in place (no copies of records, no `Resources`
        // arithmetic: at 50,000 agents those took the snapshot over a second).
        let agents = state.agents.values
        var connected = 0
        var total = ResourceTotals()
        var used = ResourceTotals()
        for slot in agents.indices {
            if agents[slot].isConnected { connected += 1 }
            total.add(agents[slot].total)
            used.add(agents[slot].used)
        }
        m["master/elected"] = leader == nil ? 1.0 : 0.0
        m["master/uptime_secs"] = Date().timeIntervalSince1970 - state.startTime
        m["master/slaves_active"] = Double(connected)
        m["master/slaves_connected"] = Double(connected)
        m["master/slaves_disconnected"] = Double(agents.count - connected)
        m["master/slaves_inactive"] = Double(agents.count - connected)
        m["master/slaves_unreachable"] = Double(state.unreachableAgents.count)
        let frameworks = state.frameworks.values
        m["master/frameworks_active"] = Double(frameworks.filter(\.isConnected).count)
        m["master/frameworks_connected"] = Double(frameworks.filter(\.isConnected).count)
        m["master/frameworks_disconnected"] = Double(frameworks.filter { !$0.isConnected }.count)
        m["master/frameworks_inactive"] = Double(frameworks.filter { !$0.isConnected }.count)
        var live: [TaskState: Int] = [:]
        for framework in frameworks {
            let tasks = framework.tasks.values
            for slot in tasks.indices { live[tasks[slot].state, default: 0] += 1 }
        }
        for state in [TaskState.staging, .starting, .running, .killing, .unreachable] {
            m["master/tasks_\(state.rawValue.dropFirst(5).lowercased())"] = Double(live[state] ?? 0)
        }
        for state in [TaskState.finished, .failed, .killed, .lost, .error, .dropped, .gone, .goneByOperator] {
            m["master/tasks_\(state.rawValue.dropFirst(5).lowercased())"] = Double(self.state.counters.terminalTasks[state] ?? 0)
        }
        for name in ["cpus", "mem", "disk", "gpus"] {
            let t = total.scalar(name)
            let u = used.scalar(name)
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
