import MesosAllocator
import MesosModel
import MesosResources

extension MasterState {
    /// A scheduler call other than SUBSCRIBE, already validated with
    /// ``SchedulerCallValidation``, sent with `Mesos-Stream-Id: streamID`.
    /// Unknown framework: 400; not subscribed: 403; missing or wrong stream id: 400;
    /// else the call is applied (the HTTP answer is 202).
    /// With `counted` false the call is not counted in the metrics (a part of a call counted already).
    public mutating func handle(
        _ call: Scheduler.Call, streamID: StreamID?, now: MasterTime, counted: Bool = true
    ) -> Result<[MasterAction], CallRejection> {
        guard let frameworkID = call.frameworkID, let type = call.type else {
            return .failure(.invalidSchedulerCall("Expecting 'framework_id' to be present"))
        }
        // Only fields are read here: a copy of the record held while the call mutates
        // `frameworks[frameworkID]` would make every mutation copy its task tables.
        guard frameworks[frameworkID] != nil else {
            return .failure(CallRejection(status: 400, "Framework cannot be found"))
        }
        guard let current = frameworks[frameworkID]?.streamID else {
            return .failure(CallRejection(status: 403, "Framework is not subscribed"))
        }
        guard let streamID else {
            return .failure(CallRejection(status: 400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header"))
        }
        guard streamID == current else {
            return .failure(CallRejection(status: 400, "The stream ID '\(streamID)' included in this request didn't match the stream ID currently associated with framework ID \(frameworkID)"))
        }
        if counted { counters.schedulerCalls[type.rawValue, default: 0] += 1 }
        switch type {
        case .teardown:
            removeFramework(frameworkID, reason: "Framework torn down", now: now)
        case .accept:
            if let body = call.accept { accept(frameworkID, body, now: now) }
        case .decline:
            if let body = call.decline { decline(frameworkID, body, now: now) }
        case .revive:
            do { try allocator.reviveOffers(framework: frameworkID, roles: Set(call.revive?.roles ?? [])) } catch { allocatorFailed(error) }
            if call.revive?.roles.isEmpty ?? true {
                frameworks[frameworkID]?.suppressedRoles = []
            } else {
                frameworks[frameworkID]?.suppressedRoles.subtract(call.revive?.roles ?? [])
            }
        case .suppress:
            let roles = call.suppress?.roles ?? []
            do { try allocator.suppressOffers(framework: frameworkID, roles: Set(roles)) } catch { allocatorFailed(error) }
            let suppressed = roles.isEmpty ? frameworks[frameworkID]?.roles ?? [] : roles
            frameworks[frameworkID]?.suppressedRoles.formUnion(suppressed)
        case .kill:
            if let body = call.kill { kill(frameworkID, body, now: now) }
        case .shutdown:
            if let body = call.shutdown {
                sendToAgent(body.agentID, .shutdownExecutor(.init(frameworkID: frameworkID, executorID: body.executorID)))
            }
        case .acknowledge:
            if let body = call.acknowledge { acknowledge(frameworkID, body) }
        case .reconcile:
            if let body = call.reconcile { reconcile(frameworkID, body, now: now) }
        case .message:
            if let body = call.message {
                sendToAgent(body.agentID, .message(.init(frameworkID: frameworkID, executorID: body.executorID, data: body.data)))
            }
        case .request:
            let task = call.request?.requests.first?.resources
            do { try allocator.updateDemand(framework: frameworkID, task: task?.isEmpty == false ? task : nil) } catch { allocatorFailed(error) }
        case .updateFramework:
            if let body = call.updateFramework {
                if let problem = Self.frameworkInfoProblem(body.frameworkInfo) {
                    return .failure(.invalidSchedulerCall(problem))
                }
                var info = body.frameworkInfo
                info.id = frameworkID
                frameworks[frameworkID]?.info = info
                frameworks[frameworkID]?.suppressedRoles = Set(body.suppressedRoles)
                do {
                    try allocator.updateFramework(FrameworkProfile(info), suppressedRoles: Set(body.suppressedRoles))
                } catch {
                    allocatorFailed(error)
                }
                registryDirty = true
            }
        case .acceptInverseOffers, .declineInverseOffers, .acknowledgeOperationStatus, .reconcileOperations:
            break  // No inverse offers or operations are ever made: nothing to do.
        case .subscribe, .unknown:
            return .failure(.invalidSchedulerCall("SUBSCRIBE is handled by subscribe(_:streamID:now:)"))
        }
        return .success(takeActions())
    }

    /// Sets role weights (`/weights`, UPDATE_WEIGHTS).
    public mutating func updateWeights(_ weights: [String: Double]) -> CallRejection? {
        for (role, weight) in weights {
            if let error = RoleName.validationError(role) { return CallRejection(status: 400, error) }
            if !(weight.isFinite && weight > 0) {
                return CallRejection(status: 400, "Invalid weight '\(weight)' for role '\(role)': weights must be positive")
            }
        }
        do {
            try allocator.updateWeights(weights)
        } catch {
            return CallRejection(status: 400, error.message)
        }
        for (role, weight) in weights { currentWeights[role] = weight }
        return nil
    }
}
