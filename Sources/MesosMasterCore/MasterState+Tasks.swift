import MesosModel
import MesosResources

extension MasterState {
    /// Sets a task's state, counting terminal transitions.
    func setState(_ task: inout MesosTask, _ state: TaskState) {
        task.state = state
    }

    mutating func countTransition(from old: TaskState, to new: TaskState) {
        if !old.isTerminal, new.isTerminal { counters.terminalTasks[new, default: 0] += 1 }
    }

    /// A status update from an agent: records the latest state, gives back the
    /// resources of a task that became terminal, and forwards the update to the
    /// framework (which acknowledges it by uuid).
    mutating func statusUpdate(from agentID: AgentID, _ body: AgentProtocol.Call.Update, now: MasterTime) {
        counters.statusUpdates += 1
        var status = body.status
        if status.agentID == nil { status.agentID = agentID }
        let frameworkID = body.frameworkID ?? agents[agentID]?.tasks.first { $0.value.contains(status.taskID) }?.key
        guard let frameworkID, frameworks[frameworkID] != nil else { return }
        if var task = frameworks[frameworkID]?.tasks[status.taskID] {
            let old = task.state
            let latest = body.latestState ?? status.state
            task.state = latest
            task.statuses.append(status)
            if task.statuses.count > configuration.maxStatusesPerTask {
                task.statuses.removeFirst(task.statuses.count - configuration.maxStatusesPerTask)
            }
            task.statusUpdateState = status.state
            task.statusUpdateUUID = status.uuid
            countTransition(from: old, to: latest)
            if !old.isTerminal, latest.isTerminal {
                releaseResources(of: task, now: now)
            }
            frameworks[frameworkID]?.tasks[status.taskID] = task
            notifyOperators(.taskUpdated(frameworkID, status, latest))
            if status.uuid == nil, latest.isTerminal {
                completeTask(status.taskID, of: frameworkID)
            }
        }
        sendToFramework(frameworkID, Scheduler.Event(type: .update, update: .init(status: status)))
    }

    /// Gives a (newly terminal) task's resources back to the allocator.
    mutating func releaseResources(of task: MesosTask, now: MasterTime) {
        let resources = Resources(task.resources)
        agents[task.agentID]?.used -= resources
        do {
            try allocator.recoverResources(framework: task.frameworkID, agent: task.agentID, resources: task.resources, now: now.instant)
        } catch {
            allocatorFailed(error)
        }
    }

    /// Moves a task to its framework's completed tasks.
    mutating func completeTask(_ taskID: TaskID, of frameworkID: FrameworkID) {
        // Mutated in place: a local copy of the record would copy its task table.
        guard let task = frameworks[frameworkID]?.tasks.removeValue(forKey: taskID) else { return }
        agents[task.agentID]?.tasks[frameworkID]?.remove(taskID)
        if agents[task.agentID]?.tasks[frameworkID]?.isEmpty == true { agents[task.agentID]?.tasks[frameworkID] = nil }
        let limit = max(0, configuration.maxCompletedTasksPerFramework)
        frameworks[frameworkID]?.completedTasks.append(task)
        while (frameworks[frameworkID]?.completedTasks.count ?? 0) > limit {
            frameworks[frameworkID]?.completedTasks.removeFirst()
        }
    }

    /// ACKNOWLEDGE: a terminal update acknowledged completes the task; the
    /// acknowledgement goes to the agent.
    mutating func acknowledge(_ frameworkID: FrameworkID, _ body: Scheduler.Call.Acknowledge) {
        if let task = frameworks[frameworkID]?.tasks[body.taskID], task.statusUpdateUUID == body.uuid,
            task.statusUpdateState?.isTerminal == true
        {
            completeTask(body.taskID, of: frameworkID)
        }
        sendToAgent(body.agentID, .acknowledge(.init(frameworkID: frameworkID, taskID: body.taskID, uuid: body.uuid)))
    }

    /// KILL: a known task is killed by its agent; an unknown one is answered like
    /// explicit reconciliation.
    mutating func kill(_ frameworkID: FrameworkID, _ body: Scheduler.Call.Kill, now: MasterTime) {
        guard let task = frameworks[frameworkID]?.tasks[body.taskID] else {
            if let status = reconciliationStatus(frameworkID, .init(taskID: body.taskID, agentID: body.agentID), now: now) {
                sendToFramework(frameworkID, Scheduler.Event(type: .update, update: .init(status: status)))
            }
            return
        }
        if task.state.isTerminal { return }
        sendToAgent(task.agentID, .killTask(.init(frameworkID: frameworkID, taskID: body.taskID, killPolicy: body.killPolicy ?? task.killPolicy)))
    }

    /// RECONCILE: implicit (no tasks) answers every task of the framework; explicit
    /// answers each listed task. Replies are SOURCE_MASTER, REASON_RECONCILIATION, no uuid.
    mutating func reconcile(_ frameworkID: FrameworkID, _ body: Scheduler.Call.Reconcile, now: MasterTime) {
        guard let record = frameworks[frameworkID] else { return }
        var statuses: [TaskStatus] = []
        if body.tasks.isEmpty {
            for id in record.tasks.keys.sorted() {
                guard let task = record.tasks[id] else { continue }
                statuses.append(latestStatus(of: task, now: now))
            }
        } else {
            for entry in body.tasks.prefix(100_000) {
                if let status = reconciliationStatus(frameworkID, entry, now: now) { statuses.append(status) }
            }
        }
        for status in statuses {
            sendToFramework(frameworkID, Scheduler.Event(type: .update, update: .init(status: status)))
        }
    }

    func latestStatus(of task: MesosTask, now: MasterTime) -> TaskStatus {
        let last = task.statuses.last
        var status = masterStatus(
            task: task.taskID, state: task.state, reason: .reconciliation, message: "Reconciliation: Latest task state",
            agentID: task.agentID, executorID: task.executorID, now: now)
        status.healthy = last?.healthy
        status.checkStatus = last?.checkStatus
        status.labels = last?.labels
        status.containerStatus = last?.containerStatus
        if task.state == .unreachable { status.unreachableTime = unreachableAgents[task.agentID].map(TimeInfo.init(secondsSinceEpoch:)) }
        return status
    }

    /// The answer to explicit reconciliation of one task, or nil when the master
    /// cannot answer yet (its agent may still re-register).
    func reconciliationStatus(_ frameworkID: FrameworkID, _ entry: Scheduler.Call.Reconcile.Task, now: MasterTime) -> TaskStatus? {
        guard let record = frameworks[frameworkID] else { return nil }
        if let task = record.tasks[entry.taskID] { return latestStatus(of: task, now: now) }
        let state: TaskState
        let message: String
        if let agentID = entry.agentID {
            if recoveringAgents[agentID] != nil { return nil }
            if agents[agentID] != nil {
                (state, message) = (.gone, "Reconciliation: Task is unknown to the agent")
            } else if unreachableAgents[agentID] != nil {
                (state, message) = (.unreachable, "Reconciliation: Task is unreachable")
            } else if goneAgents.contains(agentID) {
                (state, message) = (.goneByOperator, "Reconciliation: Task is gone")
            } else {
                (state, message) = (.unknown, "Reconciliation: Task is unknown")
            }
        } else {
            if !recoveringAgents.isEmpty { return nil }
            (state, message) = (.unknown, "Reconciliation: Task is unknown")
        }
        var status = masterStatus(
            task: entry.taskID, state: record.isPartitionAware ? state : .lost, reason: .reconciliation,
            message: message, agentID: entry.agentID, now: now)
        if state == .unreachable, let agentID = entry.agentID {
            status.unreachableTime = unreachableAgents[agentID].map(TimeInfo.init(secondsSinceEpoch:))
        }
        return status
    }
}
