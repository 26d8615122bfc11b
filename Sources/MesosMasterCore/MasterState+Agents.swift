import MesosAllocator
import MesosModel
import MesosResources

extension MasterState {
    /// An agent's SUBSCRIBE on a new stream: registers a new agent (no id) or
    /// re-admits a known one with the tasks it reports. An agent removed for good gets
    /// SHUTDOWN; the stream closes after it.
    public mutating func agentSubscribe(_ body: AgentProtocol.Call.Subscribe, streamID: StreamID, now: MasterTime) -> [MasterAction] {
        var info = body.agentInfo
        if let error = Resources.validate(info.resources) {
            pending.append(.sendToAgent(streamID, .error("Invalid agent resources: \(error.message)")))
            pending.append(.closeAgentStream(streamID))
            return takeActions()
        }
        let id: AgentID
        if let existing = info.id {
            if goneAgents.contains(existing) {
                pending.append(.sendToAgent(streamID, .shutdown("Agent \(existing) was removed from the cluster; register anew")))
                pending.append(.closeAgentStream(streamID))
                return takeActions()
            }
            id = existing
        } else {
            id = AgentID("\(masterID)-S\(nextAgentNumber)")
            nextAgentNumber += 1
        }
        info.id = id

        if var agent = agents[id] {
            // A known agent reconnects (same master): replace its stream, merge what it reports.
            if let old = agent.streamID {
                pending.append(.closeAgentStream(old))
                agentStreams[old] = nil
            }
            agent.streamID = streamID
            agent.missedPings = 0
            agent.awaitingPong = false
            agent.reregisteredTime = now.wallSeconds
            agent.version = body.version
            agents[id] = agent
            adoptFrameworks(body.frameworks, now: now)
            for task in body.tasks
            where frameworks[task.frameworkID]?.tasks[task.taskID] == nil && !task.state.isTerminal
                && Resources.validate(task.resources) == nil
            {
                adoptTask(task, agentID: id)
            }
            dropTasksUnknownToAgent(id, reported: body.tasks, now: now)
            do { try allocator.activateAgent(id) } catch { allocatorFailed(error) }
        } else {
            let wasUnreachable = unreachableAgents.removeValue(forKey: id) != nil
            recoveringAgents[id] = nil
            if recoveringAgents.isEmpty { recoveryDeadline = nil }
            var agent = AgentRecord(id: id, info: info, registeredTime: now.wallSeconds)
            agent.streamID = streamID
            agent.version = body.version
            if info.id != body.agentInfo.id { agent.registeredTime = now.wallSeconds } else { agent.reregisteredTime = now.wallSeconds }
            agents[id] = agent
            adoptFrameworks(body.frameworks, now: now)
            var used: [FrameworkID: Resources] = [:]
            var toKill: [MesosTask] = []
            for task in body.tasks where frameworks[task.frameworkID] != nil && Resources.validate(task.resources) == nil {
                if wasUnreachable, frameworks[task.frameworkID]?.isPartitionAware == false {
                    toKill.append(task)
                }
                adoptTask(task, agentID: id)
                if !task.state.isTerminal { used[task.frameworkID, default: Resources()] += Resources(task.resources) }
            }
            for executor in body.executors {
                guard let framework = executor.frameworkID else { continue }
                agents[id]?.executors[framework, default: [:]][executor.executorID] = executor
            }
            do {
                try allocator.addAgent(id, total: Resources(info.resources), used: used, attributes: info.attributes)
            } catch {
                allocatorFailed(error)
            }
            settleUnreachableTasks(of: id, reported: body.tasks, now: now)
            notifyOperators(.agentAdded(id))
            for task in toKill {
                sendToAgentStream(streamID, .killTask(.init(frameworkID: task.frameworkID, taskID: task.taskID)))
            }
        }
        agentStreams[streamID] = id
        registryDirty = true
        let subscribed = AgentProtocol.Event.Subscribed(
            agentID: id, masterInfo: configuration.masterInfo, pingIntervalSeconds: configuration.agentPingTimeout.inSeconds)
        pending.insert(.sendToAgent(streamID, .subscribed(subscribed)), at: pending.firstIndex { action in
            if case .sendToAgent(let stream, _) = action { return stream == streamID }
            return false
        } ?? pending.count)
        return takeActions()
    }

    private mutating func sendToAgentStream(_ streamID: StreamID, _ event: AgentProtocol.Event) {
        pending.append(.sendToAgent(streamID, event))
    }

    /// Tasks the master launched on a re-subscribing agent that the agent does not
    /// report never reached it (their RUN_TASK was lost with the old stream): they
    /// become TASK_DROPPED (PARTITION_AWARE) or TASK_LOST.
    mutating func dropTasksUnknownToAgent(_ agentID: AgentID, reported: [MesosTask], now: MasterTime) {
        guard let known = agents[agentID]?.tasks, !known.isEmpty else { return }
        var reportedKeys: Set<String> = []
        for task in reported { reportedKeys.insert(task.frameworkID.value + "/" + task.taskID.value) }
        for frameworkID in known.keys.sorted() {
            for taskID in (known[frameworkID] ?? []).sorted() where !reportedKeys.contains(frameworkID.value + "/" + taskID.value) {
                guard var task = frameworks[frameworkID]?.tasks[taskID], !task.state.isTerminal,
                    let aware = frameworks[frameworkID]?.isPartitionAware
                else { continue }
                let state: TaskState = aware ? .dropped : .lost
                let status = masterStatus(
                    task: taskID, state: state, reason: .reconciliation,
                    message: "Task is unknown to the agent \(agentID) that re-subscribed", agentID: agentID, now: now)
                countTransition(from: task.state, to: state)
                releaseResources(of: task, now: now)
                task.state = state
                task.statuses.append(status)
                frameworks[frameworkID]?.tasks[taskID] = task
                notifyOperators(.taskUpdated(frameworkID, status, state))
                sendToFramework(frameworkID, Scheduler.Event(type: .update, update: .init(status: status)))
                completeTask(taskID, of: frameworkID)
            }
        }
    }

    /// Tasks left TASK_UNREACHABLE when the agent was lost that it does not report on
    /// its return are gone: TASK_GONE.
    mutating func settleUnreachableTasks(of agentID: AgentID, reported: [MesosTask], now: MasterTime) {
        guard let stale = unreachableTaskIndex.removeValue(forKey: agentID) else { return }
        var reportedKeys: Set<String> = []
        for task in reported { reportedKeys.insert(task.frameworkID.value + "/" + task.taskID.value) }
        for frameworkID in stale.keys.sorted() {
            for taskID in (stale[frameworkID] ?? []).sorted() where !reportedKeys.contains(frameworkID.value + "/" + taskID.value) {
                guard var task = frameworks[frameworkID]?.tasks[taskID], task.state == .unreachable else { continue }
                let status = masterStatus(
                    task: taskID, state: .gone, reason: .reconciliation,
                    message: "Task is unknown to the agent \(agentID) that came back", agentID: agentID, now: now)
                countTransition(from: task.state, to: .gone)
                task.state = .gone
                task.statuses.append(status)
                frameworks[frameworkID]?.tasks[taskID] = task
                notifyOperators(.taskUpdated(frameworkID, status, .gone))
                sendToFramework(frameworkID, Scheduler.Event(type: .update, update: .init(status: status)))
                completeTask(taskID, of: frameworkID)
            }
        }
    }

    /// Frameworks an agent reports that the master does not know: rebuilt,
    /// disconnected, waiting for their schedulers.
    mutating func adoptFrameworks(_ infos: [FrameworkInfo], now: MasterTime) {
        for info in infos {
            guard let id = info.id, frameworks[id] == nil, !removedFrameworkIDs.contains(id) else { continue }
            var record = FrameworkRecord(id: id, info: info, registeredTime: now.wallSeconds, hasSubscribed: false)
            record.failoverDeadline = now.instant
                .advanced(by: configuration.agentReregisterTimeout)
                .advanced(by: .seconds(record.failoverTimeout))
            frameworks[id] = record
            failoverCandidates.insert(id)
            addFrameworkToAllocator(record, active: false)
            registryDirty = true
        }
    }

    /// Tracks a task an agent reports.
    mutating func adoptTask(_ reported: MesosTask, agentID: AgentID) {
        guard frameworks[reported.frameworkID] != nil else { return }
        var task = reported
        task.agentID = agentID
        if let existing = frameworks[reported.frameworkID]?.tasks[reported.taskID],
            agents[agentID]?.tasks[reported.frameworkID]?.contains(reported.taskID) == true, !existing.state.isTerminal
        {
            agents[agentID]?.used -= Resources(existing.resources)
        }
        frameworks[reported.frameworkID]?.tasks[reported.taskID] = task
        agents[agentID]?.tasks[reported.frameworkID, default: []].insert(reported.taskID)
        if !task.state.isTerminal { agents[agentID]?.used += Resources(task.resources) }
    }

    /// A call from an agent other than SUBSCRIBE, on behalf of the agent whose
    /// subscription is `streamID` (the `Mesos-Stream-Id` header).
    public mutating func handleAgentCall(_ call: AgentProtocol.Call, streamID: StreamID?, now: MasterTime) -> Result<[MasterAction], CallRejection> {
        guard let type = call.type, type != .unknown else { return .failure(.invalidAgentCall("Expecting 'type' to be present")) }
        guard let agentID = call.agentID else { return .failure(.invalidAgentCall("Expecting 'agent_id' to be present")) }
        // Only the stream id is read: a copy of the record held while the call mutates
        // `agents[agentID]` would make every mutation copy its task tables.
        guard let agentStream = agents[agentID].map({ $0.streamID }) else {
            return .failure(CallRejection(status: 404, "Agent \(agentID) is not registered; subscribe again"))
        }
        guard let streamID else {
            return .failure(CallRejection(status: 400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header"))
        }
        guard agentStream == streamID else {
            return .failure(CallRejection(status: 400, "The stream ID '\(streamID)' included in this request didn't match the stream ID currently associated with agent ID \(agentID)"))
        }
        switch type {
        case .subscribe, .unknown:
            return .failure(.invalidAgentCall("SUBSCRIBE must not carry a 'Mesos-Stream-Id' header"))
        case .update:
            guard let update = call.update else { return .failure(.invalidAgentCall("Expecting 'update' to be present")) }
            statusUpdate(from: agentID, update, now: now)
        case .pong:
            agents[agentID]?.awaitingPong = false
            agents[agentID]?.missedPings = 0
        case .executorExited:
            guard let body = call.executorExited else { return .failure(.invalidAgentCall("Expecting 'executor_exited' to be present")) }
            agents[agentID]?.executors[body.frameworkID]?[body.executorID] = nil
            sendToFramework(body.frameworkID, Scheduler.Event(type: .failure, failure: .init(agentID: agentID, executorID: body.executorID, status: body.status)))
        case .message:
            guard let body = call.message else { return .failure(.invalidAgentCall("Expecting 'message' to be present")) }
            sendToFramework(body.frameworkID, Scheduler.Event(type: .message, message: .init(agentID: agentID, executorID: body.executorID, data: body.data)))
        case .unsubscribe:
            removeAgent(agentID, unreachable: false, now: now)
            goneAgents.insert(agentID)
            pending.append(.closeAgentStream(streamID))
        }
        return .success(takeActions())
    }

    /// An agent's subscription stream ended: no new offers on it and its offers are
    /// rescinded; pings decide whether it is unreachable.
    public mutating func agentStreamClosed(_ streamID: StreamID, now: MasterTime) -> [MasterAction] {
        guard let id = agentStreams.removeValue(forKey: streamID), agents[id]?.streamID == streamID else { return takeActions() }
        agents[id]?.streamID = nil
        removeOffers(onAgent: id, now: now)
        do { try allocator.deactivateAgent(id) } catch { allocatorFailed(error) }
        return takeActions()
    }

    /// Pings every agent (every `--agent_ping_timeout`); an agent that missed
    /// `--max_agent_ping_timeouts` pings in a row is marked unreachable.
    /// Phases of the ping cycle: ``pingDueAgents(now:)`` runs `pingPhases` times per
    /// `agent_ping_timeout` and pings the agents of one phase each time, so that 50,000 agents
    /// are not all pinged, and do not all answer, in the same instant (Mesos pings each agent on
    /// its own timer). Each agent is still pinged once per `agent_ping_timeout`.
    public static let pingPhases = 15

    /// The phase of the ping cycle in which `id` is pinged: a stable hash (FNV-1a) of its value.
    static func pingPhase(of id: AgentID) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.value.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(pingPhases))
    }

    /// Pings the agents of the next phase of the ping cycle (see ``pingPhases``); the timer calls
    /// it every `agent_ping_timeout / pingPhases`.
    public mutating func pingDueAgents(now: MasterTime) -> [MasterAction] {
        let phase = nextPingPhase
        nextPingPhase = (nextPingPhase + 1) % Self.pingPhases
        // Each record keeps its phase (hashing 50,000 ids every tick was 1.5 % of the master's CPU);
        // fields read in place, by index, without copying the records.
        var due: [AgentID] = []
        do {
            // The view shares the table's storage while it lives: it must be gone before `ping`
            // changes a record, or that change copies the whole table (copy-on-write), every tick.
            let records = agents.values
            for slot in records.indices where records[slot].pingPhase == phase { due.append(records[slot].id) }
        }
        return ping(due, now: now)
    }

    /// Pings every agent at once: one whole ping cycle.
    public mutating func pingAgents(now: MasterTime) -> [MasterAction] {
        ping(Array(agents.keys), now: now)
    }

    /// Counts a missed ping for each of `ids` still awaiting its last PONG (removing those that
    /// missed `max_agent_ping_timeouts`) and pings the others.
    private mutating func ping(_ ids: [AgentID], now: MasterTime) -> [MasterAction] {
        for id in ids.sorted() {
            // By index, in place: no copy of the record.
            guard let index = agents.index(forKey: id) else { continue }
            if agents.values[index].awaitingPong { agents.values[index].missedPings += 1 }
            if agents.values[index].missedPings >= max(1, configuration.maxAgentPingTimeouts) {
                removeAgent(id, unreachable: true, now: now)
                continue
            }
            agents.values[index].awaitingPong = true
            sendToAgent(id, .ping)
        }
        return takeActions()
    }

    /// Removes an agent: rescinds its offers; its tasks become TASK_UNREACHABLE
    /// (partition-aware frameworks, when `unreachable`), TASK_GONE (partition-aware,
    /// removed for good) or TASK_LOST.
    mutating func removeAgent(_ id: AgentID, unreachable: Bool, now: MasterTime) {
        guard let agent = agents[id] else { return }
        removeOffers(onAgent: id, now: now)
        for frameworkID in agent.tasks.keys.sorted() {
            for taskID in (agent.tasks[frameworkID] ?? []).sorted() {
                guard var task = frameworks[frameworkID]?.tasks[taskID], let framework = frameworks[frameworkID] else { continue }
                let aware = framework.isPartitionAware
                let state: TaskState = aware ? (unreachable ? .unreachable : .gone) : .lost
                if task.state.isTerminal { continue }
                countTransition(from: task.state, to: state)
                task.state = state
                var status = masterStatus(
                    task: taskID, state: state, reason: .agentRemoved,
                    message: unreachable ? "Agent \(id) is unreachable" : "Agent \(id) was removed",
                    agentID: id, executorID: task.executorID, now: now)
                if state == .unreachable { status.unreachableTime = TimeInfo(secondsSinceEpoch: now.wallSeconds) }
                task.statuses.append(status)
                task.statusUpdateState = nil
                task.statusUpdateUUID = nil
                frameworks[frameworkID]?.tasks[taskID] = task
                notifyOperators(.taskUpdated(frameworkID, status, state))
                sendToFramework(frameworkID, Scheduler.Event(type: .update, update: .init(status: status)))
                if state == .unreachable {
                    unreachableTaskIndex[id, default: [:]][frameworkID, default: []].insert(taskID)
                } else {
                    completeTask(taskID, of: frameworkID)
                }
            }
        }
        if let stream = agents[id]?.streamID {
            agentStreams[stream] = nil
            if !unreachable { pending.append(.closeAgentStream(stream)) } else {
                pending.append(.sendToAgent(stream, .error("Agent \(id) was marked unreachable; subscribe again")))
                pending.append(.closeAgentStream(stream))
            }
        }
        agents[id] = nil
        notifyOperators(.agentRemoved(id))
        do { try allocator.removeAgent(id) } catch { allocatorFailed(error) }
        if unreachable {
            unreachableAgents[id] = now.wallSeconds
            counters.agentsUnreachable += 1
        }
        for record in frameworks.values where record.isConnected {
            if unreachable || !agent.tasks.isEmpty {
                sendToFramework(record.id, Scheduler.Event(type: .failure, failure: .init(agentID: id)))
            }
        }
        registryDirty = true
    }
}
