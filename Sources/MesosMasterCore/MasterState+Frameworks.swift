import MesosAllocator
import MesosModel
import MesosResources

extension MasterState {
    /// SUBSCRIBE on a new stream `streamID` (already validated with
    /// ``SchedulerCallValidation``). Returns SUBSCRIBED and a HEARTBEAT for the stream,
    /// or one ERROR followed by closing it when the subscription is refused
    /// (HTTP 200 either way). A live subscription of the same framework gets ERROR
    /// "Framework failed over" and is closed.
    public mutating func subscribe(_ call: Scheduler.Call, streamID: StreamID, now: MasterTime) -> [MasterAction] {
        guard let body = call.subscribe else {
            refuseSubscription(streamID, "Expecting 'subscribe' to be present")
            return takeActions()
        }
        var info = body.frameworkInfo
        if let problem = Self.frameworkInfoProblem(info) {
            refuseSubscription(streamID, problem)
            return takeActions()
        }
        let suppressed = Set(body.suppressedRoles)
        let id: FrameworkID
        if let requested = info.id {
            if removedFrameworkIDs.contains(requested) {
                refuseSubscription(streamID, "Framework has been removed")
                return takeActions()
            }
            id = requested
        } else {
            id = makeFrameworkID()
            nextFrameworkNumber += 1
        }
        info.id = id
        counters.schedulerCalls["SUBSCRIBE", default: 0] += 1

        if var record = frameworks[id] {
            // Re-subscription: fail over the old stream, if any.
            if let old = record.streamID {
                pending.append(.sendToFramework(old, Scheduler.Event(type: .error, error: .init(message: "Framework failed over"))))
                pending.append(.closeFrameworkStream(old))
                frameworkStreams[old] = nil
            }
            removeOffers(of: id, rescind: false, now: now)
            record.info = info
            record.streamID = streamID
            record.failoverDeadline = nil
            failoverCandidates.remove(id)
            record.reregisteredTime = now.wallSeconds
            record.hasSubscribed = true
            record.suppressedRoles = suppressed
            frameworks[id] = record
            notifyOperators(.frameworkUpdated(id))
            do {
                try allocator.updateFramework(FrameworkProfile(info), suppressedRoles: suppressed)
                try allocator.activateFramework(id)
            } catch {
                allocatorFailed(error)
            }
        } else {
            var record = FrameworkRecord(id: id, info: info, registeredTime: now.wallSeconds, hasSubscribed: true)
            record.streamID = streamID
            record.suppressedRoles = suppressed
            frameworks[id] = record
            addFrameworkToAllocator(record, active: true)
            notifyOperators(.frameworkAdded(id))
        }
        frameworkStreams[streamID] = id
        registryDirty = true
        let subscribed = Scheduler.Event.Subscribed(
            frameworkID: id, heartbeatIntervalSeconds: configuration.heartbeatInterval.inSeconds,
            masterInfo: configuration.masterInfo)
        pending.append(.sendToFramework(streamID, Scheduler.Event(type: .subscribed, subscribed: subscribed)))
        pending.append(.sendToFramework(streamID, Scheduler.Event(type: .heartbeat)))
        return takeActions()
    }

    mutating func refuseSubscription(_ streamID: StreamID, _ message: String) {
        pending.append(.sendToFramework(streamID, Scheduler.Event(type: .error, error: .init(message: message))))
        pending.append(.closeFrameworkStream(streamID))
    }

    /// What is wrong with a subscribing framework's info (Mesos's wording), if anything.
    static func frameworkInfoProblem(_ info: FrameworkInfo) -> String? {
        let multiRole = info.capabilities.contains { $0.type == .multiRole }
        if multiRole, info.role != nil {
            return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable"
        }
        if !multiRole, !info.roles.isEmpty {
            return "'FrameworkInfo.roles' is set but the framework is not MULTI_ROLE capable"
        }
        let roles = multiRole ? info.roles : [info.role ?? "*"]
        if roles.count > 1024 { return "Too many roles (at most 1024)" }
        if Set(roles).count != roles.count { return "'FrameworkInfo.roles' contains duplicate items" }
        for role in roles {
            if let error = RoleName.validationError(role) { return error }
        }
        if let timeout = info.failoverTimeout, timeout.isNaN || timeout < 0 {
            return "'FrameworkInfo.failover_timeout' must be a non-negative number of seconds"
        }
        if info.name.utf8.count > 4096 || info.user.utf8.count > 4096 {
            return "'FrameworkInfo.name' and 'FrameworkInfo.user' must be at most 4096 bytes"
        }
        return nil
    }

    /// A framework's subscription stream ended (the client went away, or the shell
    /// closed it). The framework is disconnected: its offers are withdrawn and its
    /// failover timeout starts.
    public mutating func frameworkStreamClosed(_ streamID: StreamID, now: MasterTime) -> [MasterAction] {
        guard let id = frameworkStreams.removeValue(forKey: streamID), var record = frameworks[id],
            record.streamID == streamID
        else { return takeActions() }
        record.streamID = nil
        record.unregisteredTime = now.wallSeconds
        record.failoverDeadline = now.instant.advanced(by: .seconds(record.failoverTimeout))
        frameworks[id] = record
        failoverCandidates.insert(id)
        removeOffers(of: id, rescind: false, now: now)
        do { try allocator.deactivateFramework(id) } catch { allocatorFailed(error) }
        notifyOperators(.frameworkUpdated(id))
        return takeActions()
    }

    /// TEARDOWN (scheduler call or operator `/master/teardown`): removes the framework at once.
    public mutating func teardown(_ id: FrameworkID, now: MasterTime) -> Result<[MasterAction], CallRejection> {
        guard frameworks[id] != nil else {
            return .failure(CallRejection(status: 400, "No framework found with specified ID"))
        }
        removeFramework(id, reason: "Framework removed", now: now)
        return .success(takeActions())
    }

    /// Removes a framework: kills its tasks (SHUTDOWN_FRAMEWORK to its agents), closes its
    /// stream, gives its resources back and moves it to the completed frameworks.
    mutating func removeFramework(_ id: FrameworkID, reason: String, now: MasterTime) {
        guard var record = frameworks.removeValue(forKey: id) else { return }
        removeOffers(of: id, rescind: false, now: now)
        var agentsToShutdown: Set<AgentID> = []
        for task in record.tasks.values { agentsToShutdown.insert(task.agentID) }
        for (agentID, agent) in agents where agent.executors[id] != nil { agentsToShutdown.insert(agentID) }
        for agentID in agentsToShutdown.sorted() {
            sendToAgent(agentID, .shutdownFramework(id))
            agents[agentID]?.executors[id] = nil
        }
        for taskID in record.tasks.keys.sorted() {
            guard var task = record.tasks[taskID] else { continue }
            if !task.state.isTerminal {
                agents[task.agentID]?.used -= Resources(task.resources)
                countTransition(from: task.state, to: .killed)
                setState(&task, .killed)
                let status = masterStatus(
                    task: taskID, state: .killed, reason: .frameworkRemoved, message: reason,
                    agentID: task.agentID, now: now)
                task.statuses.append(status)
                notifyOperators(.taskUpdated(id, status, .killed))
            }
            agents[task.agentID]?.tasks[id] = nil
            appendCompleted(task, to: &record)
        }
        record.tasks = [:]
        if let stream = record.streamID {
            pending.append(.closeFrameworkStream(stream))
            frameworkStreams[stream] = nil
        }
        record.streamID = nil
        record.failoverDeadline = nil
        failoverCandidates.remove(id)
        record.unregisteredTime = now.wallSeconds
        record.unregisteredReason = reason
        do { try allocator.removeFramework(id) } catch { allocatorFailed(error) }
        removedFrameworkIDs.insert(id)
        completedFrameworks.append(record)
        while completedFrameworks.count > max(0, configuration.maxCompletedFrameworks) {
            let dropped = completedFrameworks.removeFirst()
            removedFrameworkIDs.remove(dropped.id)
        }
        counters.frameworksRemoved += 1
        notifyOperators(.frameworkRemoved(record.info))
        registryDirty = true
    }

    mutating func appendCompleted(_ task: MesosTask, to record: inout FrameworkRecord) {
        record.completedTasks.append(task)
        while record.completedTasks.count > max(0, configuration.maxCompletedTasksPerFramework) {
            record.completedTasks.removeFirst()
        }
    }

    /// Sends HEARTBEAT to every connected framework (every `heartbeatInterval`).
    public mutating func heartbeat() -> [MasterAction] {
        for record in frameworks.values {
            if let stream = record.streamID { pending.append(.sendToFramework(stream, Scheduler.Event(type: .heartbeat))) }
        }
        return takeActions()
    }

    /// Expires what timed out at `now`: frameworks past their failover timeout are
    /// removed, offers past `--offer_timeout` rescinded, and agents of the recovered
    /// registry that did not re-register in time marked unreachable.
    public mutating func expireTimers(now: MasterTime) -> [MasterAction] {
        let expired = failoverCandidates.filter { id in
            guard let record = frameworks[id], !record.isConnected, let deadline = record.failoverDeadline else { return false }
            return deadline <= now.instant
        }.sorted()
        for id in expired {
            removeFramework(id, reason: "Framework failover timeout", now: now)
        }
        if let timeout = configuration.offerTimeout {
            while let first = offerQueue.first, first.created.advanced(by: timeout) <= now.instant {
                offerQueue.removeFirst()
                if offers[first.id] != nil { removeOffer(first.id, rescind: true, refuseSeconds: nil, now: now) }
            }
        }
        if let deadline = recoveryDeadline, deadline <= now.instant {
            recoveryDeadline = nil
            for id in recoveringAgents.keys.sorted() {
                recoveringAgents[id] = nil
                unreachableAgents[id] = now.wallSeconds
                counters.agentsUnreachable += 1
            }
            registryDirty = true
        }
        return takeActions()
    }
}
