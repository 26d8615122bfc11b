import MesosAllocator
import MesosModel
import MesosResources

extension MasterState {
    /// Runs an allocation round and sends the resulting OFFERS, one event per framework.
    public mutating func allocate(now: MasterTime) -> [MasterAction] {
        offer(allocator.allocate(now: now.instant), now: now)
    }

    /// A whole allocation round in slices of agents (``DRFAllocator/roundSlices(size:)``), to be
    /// run one after the other with ``allocate(agents:now:)``.
    public mutating func allocationRoundSlices(agentsPerSlice: Int) -> [[AgentID]] {
        allocator.roundSlices(size: agentsPerSlice)
    }

    /// An allocation round over the agents `ids` (those still known): their offers, sent.
    public mutating func allocate(agents ids: [AgentID], now: MasterTime) -> [MasterAction] {
        offer(allocator.allocate(agents: ids, now: now.instant), now: now)
    }

    /// Turns the allocator's decisions into offers and sends each framework its OFFERS event.
    private mutating func offer(_ decisions: [AllocatorOffer], now: MasterTime) -> [MasterAction] {
        // The round's offers grouped by the allocator's framework slot: the framework's record is
        // looked up once per round, not once per offer (hashing its id), and so is its list.
        var groupOfSlot = [Int](repeating: -1, count: allocator.frameworkSlotCount)
        var groups: [RoundGroup] = []
        let prefix = "\(masterID)-O"
        for index in decisions.indices {
            let slot = decisions[index].frameworkSlot
            var group = slot < groupOfSlot.count ? groupOfSlot[slot] : -1
            if group < 0 {
                let frameworkID = decisions[index].frameworkID
                guard let frameworkIndex = frameworks.index(forKey: frameworkID) else {
                    do { try allocator.recover(decisions[index], now: now.instant) } catch { allocatorFailed(error) }
                    continue
                }
                let record = frameworks.values[frameworkIndex]
                group = groups.count
                if slot < groupOfSlot.count { groupOfSlot[slot] = group }
                groups.append(RoundGroup(
                    id: frameworkID, index: frameworkIndex, isConnected: record.isConnected,
                    // Like Mesos, frameworks without RESERVATION_REFINEMENT get the older resource
                    // format (`"role": "*"`, `reservation`) that they understand.
                    refines: record.info.capabilities.contains { $0.type == .reservationRefinement }))
            }
            guard groups[group].isConnected,
                  let agentIndex = agents.index(forKey: decisions[index].agentID),
                  agents.values[agentIndex].isConnected
            else {
                do { try allocator.recover(decisions[index], now: now.instant) } catch { allocatorFailed(error) }
                continue
            }
            let id = OfferID(prefix + String(nextOfferNumber))
            nextOfferNumber += 1
            let offer = Self.makeOffer(
                id, for: decisions[index], downgraded: !groups[group].refines, agent: &agents.values[agentIndex])
            groups[group].offers.append(offer)
            if configuration.offerTimeout != nil { offerQueue.append((id, now.instant)) }
            offers[id] = OfferRecord(offer: offer, allocation: decisions[index], created: now.instant)
        }
        for group in groups.sorted(by: { $0.id < $1.id }) where !group.offers.isEmpty {
            counters.offersSent += group.offers.count
            sendToFramework(group.id, Scheduler.Event(type: .offers, offers: .init(offers: group.offers)))
        }
        return takeActions()
    }

    /// One framework's share of an allocation round.
    private struct RoundGroup {
        let id: FrameworkID
        let index: Dictionary<FrameworkID, FrameworkRecord>.Index
        let isConnected: Bool
        let refines: Bool
        var offers: [Offer] = []
    }

    /// Builds the offer of an allocation decision and records its id on the agent (connected).
    ///
    /// The agent's record is passed `inout` so that its fields are read in place: reading a record
    /// through a dictionary's getter copies it (retaining every field), which cost a fifth of a
    /// 50,000-offer round.
    private static func makeOffer(
        _ id: OfferID, for decision: AllocatorOffer, downgraded: Bool, agent: inout AgentRecord
    ) -> Offer {
        let executorIDs = agent.executors.isEmpty ? [] : agent.executors[decision.frameworkID].map { Array($0.keys).sorted() } ?? []
        let resources: [Resource]
        if let last = agent.lastOfferedResources, last.downgraded == downgraded,
           last.decision.offersSameResources(as: decision)
        {
            resources = last.resources
        } else {
            resources = decision.resources(downgraded: downgraded)
            agent.lastOfferedResources = OfferedResources(decision: decision, downgraded: downgraded, resources: resources)
        }
        agent.offers.append(AgentOffer(id: id, resources: resources))
        return Offer(
            id: id, frameworkID: decision.frameworkID, agentID: decision.agentID, hostname: agent.info.hostname,
            domain: agent.info.domain, resources: resources,
            attributes: agent.info.attributes, executorIDs: executorIDs,
            allocationInfo: AllocationInfo(role: decision.role))
    }

    /// Forgets an offer and gives its resources back; with `rescind` the framework
    /// gets a RESCIND event.
    mutating func removeOffer(_ id: OfferID, rescind: Bool, refuseSeconds: Double?, now: MasterTime) {
        guard let index = offers.index(forKey: id) else { return }
        removeOffer(at: index, rescind: rescind, refuseSeconds: refuseSeconds, now: now)
    }

    /// ``removeOffer(_:rescind:refuseSeconds:now:)`` of the offer at `index` in ``offers``.
    mutating func removeOffer(
        at index: Dictionary<OfferID, OfferRecord>.Index, rescind: Bool, refuseSeconds: Double?, now: MasterTime
    ) {
        let (id, record) = offers.remove(at: index)
        // By index, in place: `dictionary[key]?.field` moves the whole record out and back.
        if let agent = agents.index(forKey: record.offer.agentID) { agents.values[agent].offers.removeAll { $0.id == id } }
        do {
            try allocator.recover(record.allocation, refuseSeconds: refuseSeconds, now: now.instant)
        } catch {
            allocatorFailed(error)
        }
        if rescind {
            counters.offersRescinded += 1
            sendToFramework(record.offer.frameworkID, Scheduler.Event(type: .rescind, rescind: .init(offerID: id)))
        }
    }

    /// The ids of a framework's outstanding offers, in order. A framework keeps no list of its
    /// offers: every declined or accepted offer would cost a hash in a table of thousands, and
    /// only a framework's removal and the state endpoints need them.
    public func offerIDs(of framework: FrameworkID) -> [OfferID] {
        var ids: [OfferID] = []
        let records = offers.values
        for slot in records.indices where records[slot].offer.frameworkID == framework { ids.append(records[slot].offer.id) }
        return ids.sorted()
    }

    /// The ids of the outstanding offers by framework, each list in order (one pass).
    public var offerIDsByFramework: [FrameworkID: [OfferID]] {
        var result: [FrameworkID: [OfferID]] = [:]
        let records = offers.values
        for slot in records.indices { result[records[slot].offer.frameworkID, default: []].append(records[slot].offer.id) }
        for key in result.keys { result[key]?.sort() }
        return result
    }

    mutating func removeOffers(of framework: FrameworkID, rescind: Bool, now: MasterTime) {
        for id in offerIDs(of: framework) { removeOffer(id, rescind: rescind, refuseSeconds: nil, now: now) }
    }

    mutating func removeOffers(onAgent agent: AgentID, now: MasterTime) {
        guard let offers = agents[agent]?.offers else { return }
        for id in offers.map(\.id).sorted() { removeOffer(id, rescind: true, refuseSeconds: nil, now: now) }
    }

    /// DECLINE: gives the offers back with the filter (default 5 s).
    mutating func decline(_ framework: FrameworkID, _ body: Scheduler.Call.Decline, now: MasterTime) {
        let refuse = body.filters?.refuseSeconds ?? DRFAllocator.defaultRefuseSeconds
        for id in body.offerIDs {
            // By index: one hash lookup; a record copies as one retain (`OfferRecord`).
            guard let index = offers.index(forKey: id), offers.values[index].offer.frameworkID == framework else { continue }
            counters.offersDeclined += 1
            removeOffer(at: index, rescind: false, refuseSeconds: refuse, now: now)
        }
    }

    /// What is wrong with the offers of an ACCEPT (Mesos's wording), if anything.
    func offersProblem(_ ids: [OfferID], framework: FrameworkID) -> String? {
        if ids.isEmpty { return "No offers specified" }
        var seen: Set<OfferID> = []
        var agent: AgentID?
        for id in ids {
            if !seen.insert(id).inserted { return "Duplicate offer \(id) in accept" }
            guard let record = offers[id] else { return "Offer \(id) is no longer valid" }
            if record.offer.frameworkID != framework {
                return "Offer \(id) has invalid framework \(record.offer.frameworkID) while framework \(framework) is expected"
            }
            if let agent, agent != record.offer.agentID {
                return "Aggregated offers must belong to one single agent. Offer \(id) uses agent \(record.offer.agentID) and agent \(agent)"
            }
            agent = record.offer.agentID
        }
        return nil
    }

    /// ACCEPT: validates the offers, applies LAUNCH and LAUNCH_GROUP operations in order,
    /// and gives the unused resources back with the filter.
    mutating func accept(_ frameworkID: FrameworkID, _ body: Scheduler.Call.Accept, now: MasterTime) {
        // Only values are kept from the record: holding a copy of it while its task
        // table is mutated would copy the whole table (copy-on-write).
        guard let frameworkInfo = frameworks[frameworkID]?.info, let isPartitionAware = frameworks[frameworkID]?.isPartitionAware else {
            return
        }
        if let problem = offersProblem(body.offerIDs, framework: frameworkID) {
            // Valid offers among them are given back; every task is dropped.
            for id in body.offerIDs where offers[id]?.offer.frameworkID == frameworkID {
                removeOffer(id, rescind: false, refuseSeconds: nil, now: now)
            }
            let state: TaskState = isPartitionAware ? .dropped : .lost
            for operation in body.operations {
                for task in Self.tasks(of: operation) {
                    sendToFramework(frameworkID, Scheduler.Event(type: .update, update: .init(status: masterStatus(
                        task: task.taskID, state: state, reason: .invalidOffers,
                        message: "Task launched with invalid offers: \(problem)", agentID: task.agentID, now: now))))
                    counters.terminalTasks[state, default: 0] += 1
                }
            }
            return
        }
        counters.offersAccepted += body.offerIDs.count
        var available = Resources()
        var agentID = AgentID("")
        var role = "*"
        for id in body.offerIDs {
            guard let record = offers.removeValue(forKey: id) else { continue }
            agents[record.offer.agentID]?.offers.removeAll { $0.id == id }
            available += Resources(record.offer.resources)
            agentID = record.offer.agentID
            role = record.allocation.role
        }
        var launching = TaskLaunchValidator(
            frameworkID: frameworkID, agentID: agentID, role: role,
            knownExecutors: agents[agentID]?.executors[frameworkID] ?? [:], available: available)
        for operation in body.operations {
            switch operation.type {
            case .launch:
                for info in operation.launch?.taskInfos ?? [] {
                    let duplicate = frameworks[frameworkID]?.tasks[info.taskID] != nil
                    switch launching.admit(info, isDuplicate: duplicate) {
                    case .success(let task):
                        launch(task, framework: frameworkID)
                        sendToAgent(agentID, .runTask(.init(frameworkInfo: frameworkInfo, task: task)))
                    case .failure(let error):
                        rejectTask(info.taskID, agentID: info.agentID, framework: frameworkID, reason: .taskInvalid, message: error.message, now: now)
                    }
                }
            case .launchGroup:
                guard let group = operation.launchGroup else { continue }
                let duplicate = group.taskGroup.tasks.contains { frameworks[frameworkID]?.tasks[$0.taskID] != nil }
                switch launching.admit(group: group, isDuplicate: duplicate) {
                case .success(let (executor, tasks)):
                    for task in tasks { launch(task, framework: frameworkID) }
                    agents[agentID]?.executors[frameworkID, default: [:]][executor.executorID] = executor
                    sendToAgent(agentID, .runTaskGroup(.init(
                        frameworkInfo: frameworkInfo, executor: executor, taskGroup: TaskGroupInfo(tasks: tasks))))
                case .failure(let error):
                    for info in group.taskGroup.tasks {
                        rejectTask(info.taskID, agentID: info.agentID, framework: frameworkID, reason: .taskGroupInvalid, message: error.message, now: now)
                    }
                }
            default:
                // RESERVE, UNRESERVE, CREATE, DESTROY, ... are not supported yet.
                if let operationID = operation.id {
                    let status = OperationStatus(
                        operationID: operationID, state: .error,
                        message: "Operation \(operation.type?.rawValue ?? "UNKNOWN") is not supported by swift-mesos yet",
                        agentID: agentID)
                    sendToFramework(frameworkID, Scheduler.Event(type: .updateOperationStatus, updateOperationStatus: .init(status: status)))
                }
            }
        }
        for (id, info) in launching.newExecutors { agents[agentID]?.executors[frameworkID, default: [:]][id] = info }
        let unused = launching.available
        if !unused.isEmpty {
            let refuse = body.filters?.refuseSeconds ?? DRFAllocator.defaultRefuseSeconds
            do {
                try allocator.recoverResources(framework: frameworkID, agent: agentID, resources: unused, refuseSeconds: refuse, now: now.instant)
            } catch {
                allocatorFailed(error)
            }
        }
    }

    static func tasks(of operation: Offer.Operation) -> [TaskInfo] {
        switch operation.type {
        case .launch: operation.launch?.taskInfos ?? []
        case .launchGroup: operation.launchGroup?.taskGroup.tasks ?? []
        default: []
        }
    }

    mutating func rejectTask(
        _ taskID: TaskID, agentID: AgentID, framework: FrameworkID, reason: TaskStatus.Reason, message: String, now: MasterTime
    ) {
        counters.terminalTasks[.error, default: 0] += 1
        sendToFramework(framework, Scheduler.Event(type: .update, update: .init(status: masterStatus(
            task: taskID, state: .error, reason: reason, message: message, agentID: agentID, now: now))))
    }

    /// Records a task being launched (TASK_STAGING) on its agent.
    mutating func launch(_ info: TaskInfo, framework: FrameworkID) {
        let task = MesosTask(launching: info, frameworkID: framework, user: frameworks[framework]?.info.user)
        frameworks[framework]?.tasks[info.taskID] = task
        agents[info.agentID]?.tasks[framework, default: []].insert(info.taskID)
        agents[info.agentID]?.used += Resources(info.resources)
        notifyOperators(.taskAdded(task))
    }
}
