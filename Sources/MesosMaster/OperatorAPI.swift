import Foundation
import HTTPTypes
import Hummingbird
import MesosMasterCore
import MesosModel
import MesosRecordIO
import MesosResources
import NIOCore

/// `POST /api/v1`: the v1 operator calls (`mesos.v1.master.Call`) in Mesos's JSON
/// shapes: GET_HEALTH, GET_VERSION, GET_FLAGS, GET_METRICS, GET_STATE, GET_AGENTS,
/// GET_FRAMEWORKS, GET_TASKS, GET_ROLES, GET_WEIGHTS, UPDATE_WEIGHTS and SUBSCRIBE.
struct OperatorAPI {
    let endpoints: OperatorEndpoints

    typealias Object = [String: Any]

    static func time(_ seconds: Double) -> Object { ["nanoseconds": Int64(seconds * 1e9)] }

    static func list(_ resources: [Resource]) -> [Any] { resources.compactMap { StateJSON.jsonObject($0) } }

    /// The answer to a call: a response, or, for SUBSCRIBE, the event stream.
    func reply(to request: inout Request) async -> MasterReply {
        switch await call(from: &request) {
        case .reject(let response):
            return .response(response)
        case .pass(let call):
            if call.type == "SUBSCRIBE" { return .stream(await subscribe()) }
            return .response(await respond(to: call.object, type: call.type))
        }
    }

    /// The call in the request, or the response that refuses it.
    func call(from request: inout Request) async -> MasterHTTPHandler.Outcome<(object: Object, type: String)> {
        guard request.method == .post else {
            return .reject(MasterHTTPHandler.text(.methodNotAllowed, "Expecting a 'POST' request, received '\(request.method)'"))
        }
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("application/json") else {
            return .reject(MasterHTTPHandler.text(.unsupportedMediaType, "Expecting 'Content-Type' of application/json"))
        }
        guard let buffer = try? await request.collectBody(upTo: endpoints.options.maxRequestBodyBytes) else {
            return .reject(MasterHTTPHandler.text(.contentTooLarge, "Request body is larger than \(endpoints.options.maxRequestBodyBytes) bytes"))
        }
        guard let call = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? Object else {
            return .reject(MasterHTTPHandler.text(.badRequest, "Failed to parse body into JSON: the body is not a JSON object"))
        }
        guard let type = call["type"] as? String else {
            return .reject(MasterHTTPHandler.text(.badRequest, "Failed to validate master::Call: Expecting 'type' to be present"))
        }
        return .pass((call, type))
    }

    /// The response to every call but SUBSCRIBE.
    func respond(to call: Object, type: String) async -> Response {
        let state = await endpoints.runtime.state
        switch type {
        case "GET_HEALTH":
            return OperatorEndpoints.json(any: ["type": type, "get_health": ["healthy": true]])
        case "GET_VERSION":
            return OperatorEndpoints.json(any: ["type": type, "get_version": ["version_info": versionInfo]])
        case "GET_STATE":
            return OperatorEndpoints.json(any: ["type": type, "get_state": Self.getState(state)])
        case "GET_AGENTS":
            return OperatorEndpoints.json(any: ["type": type, "get_agents": Self.getAgents(state)])
        case "GET_FRAMEWORKS":
            return OperatorEndpoints.json(any: ["type": type, "get_frameworks": Self.getFrameworks(state)])
        case "GET_TASKS":
            return OperatorEndpoints.json(any: ["type": type, "get_tasks": Self.getTasks(state)])
        case "GET_EXECUTORS":
            return OperatorEndpoints.json(any: ["type": type, "get_executors": ["executors": [Any]()]])
        case "GET_ROLES":
            return OperatorEndpoints.json(any: ["type": type, "get_roles": Self.getRoles(state)])
        case "GET_WEIGHTS":
            return OperatorEndpoints.json(any: ["type": type, "get_weights": ["weight_infos": weightInfos(state)]])
        case "GET_FLAGS":
            let flags = endpoints.options.flags.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }
            return OperatorEndpoints.json(any: ["type": type, "get_flags": ["flags": flags]])
        case "GET_METRICS":
            // Answered at once: `get_metrics.timeout` has nothing to wait for.
            let metrics = await endpoints.metricsSnapshot().sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] as Object }
            return OperatorEndpoints.json(any: ["type": type, "get_metrics": ["metrics": metrics]])
        case "GET_MASTER":
            return OperatorEndpoints.json(any: ["type": type, "get_master": [
                "master_info": StateJSON.jsonObject(state.configuration.masterInfo) ?? [:],
                "start_time": state.startTime, "elected_time": state.startTime,
            ]])
        case "UPDATE_WEIGHTS":
            let infos = ((call["update_weights"] as? Object)?["weight_infos"] as? [Object]) ?? []
            var weights: [String: Double] = [:]
            for info in infos {
                guard let role = info["role"] as? String, let weight = info["weight"] as? Double else {
                    return MasterHTTPHandler.text(.badRequest, "Failed to validate master::Call: each weight_info needs 'role' and 'weight'")
                }
                weights[role] = weight
            }
            if let rejection = await endpoints.runtime.updateWeights(weights) {
                return MasterHTTPHandler.rejection(rejection)
            }
            return Response(status: .ok)
        default:
            return MasterHTTPHandler.text(.notImplemented, "Operator call '\(type)' is not supported by swift-mesos")
        }
    }

    var versionInfo: Object {
        ["version": MasterVersion.version, "build_date": "2026-01-01 00:00:00", "build_time": 1_767_225_600, "build_user": "swift-mesos"]
    }

    func weightInfos(_ state: MasterState) -> [Object] {
        state.currentWeights.keys.sorted().map { ["role": $0, "weight": state.currentWeights[$0] ?? 1] }
    }

    static func getState(_ state: MasterState) -> Object {
        [
            "get_tasks": getTasks(state), "get_executors": ["executors": [Any]()],
            "get_frameworks": getFrameworks(state), "get_agents": getAgents(state),
        ]
    }

    static func getAgents(_ state: MasterState) -> Object {
        let agents: [Object] = state.agents.values.sorted { $0.id < $1.id }.map { Self.agent($0, state) }
        return ["agents": agents, "recovered_agents": state.recoveringAgents.values.compactMap { StateJSON.jsonObject($0) }]
    }

    /// One `master::Response::GetAgents::Agent`.
    static func agent(_ agent: AgentRecord, _ state: MasterState) -> Object {
        var offered = Resources()
        for offer in agent.offers { offered += Resources(offer.resources) }
        var object: Object = [
            "agent_info": StateJSON.jsonObject(agent.info) ?? [:], "active": agent.isConnected,
            "version": agent.version ?? MasterVersion.version,
            "pid": "slave(1)@\(agent.info.hostname):\(agent.info.port ?? 5051)",
            "registered_time": Self.time(agent.registeredTime),
            "total_resources": Self.list(Array(agent.total)), "allocated_resources": Self.list(Array(agent.used)),
            "offered_resources": Self.list(Array(offered)),
            "capabilities": [["type": "MULTI_ROLE"], ["type": "HIERARCHICAL_ROLE"]],
        ]
        if let time = agent.reregisteredTime { object["reregistered_time"] = Self.time(time) }
        return object
    }

    static func framework(_ record: FrameworkRecord, completed: Bool) -> Object {
        var object: Object = [
            "framework_info": StateJSON.jsonObject(record.info) ?? [:],
            "active": record.isConnected && !completed, "connected": record.isConnected && !completed,
            "recovered": !record.hasSubscribed, "registered_time": Self.time(record.registeredTime),
        ]
        if let time = record.reregisteredTime { object["reregistered_time"] = Self.time(time) }
        if let time = record.unregisteredTime { object["unregistered_time"] = Self.time(time) }
        return object
    }

    static func getFrameworks(_ state: MasterState) -> Object {
        [
            "frameworks": state.frameworks.values.sorted { $0.id < $1.id }.map { framework($0, completed: false) },
            "completed_frameworks": state.completedFrameworks.map { framework($0, completed: true) },
        ]
    }

    static func getTasks(_ state: MasterState) -> Object {
        var tasks: [Any] = []
        var unreachable: [Any] = []
        var completed: [Any] = []
        for record in state.frameworks.values.sorted(by: { $0.id < $1.id }) {
            for task in record.tasks.values.sorted(by: { $0.taskID < $1.taskID }) {
                guard let json = StateJSON.jsonObject(task) else { continue }
                if task.state == .unreachable { unreachable.append(json) } else { tasks.append(json) }
            }
            completed += record.completedTasks.compactMap { StateJSON.jsonObject($0) }
        }
        for record in state.completedFrameworks {
            completed += record.completedTasks.compactMap { StateJSON.jsonObject($0) }
        }
        return ["tasks": tasks, "unreachable_tasks": unreachable, "completed_tasks": completed, "pending_tasks": [Any](), "orphan_tasks": [Any]()]
    }

    static func getRoles(_ state: MasterState) -> Object {
        var frameworksByRole: [String: [String]] = [:]
        for record in state.frameworks.values {
            for role in record.roles { frameworksByRole[role, default: []].append(record.id.value) }
        }
        for role in state.currentWeights.keys where frameworksByRole[role] == nil { frameworksByRole[role] = [] }
        let roles: [Object] = frameworksByRole.keys.sorted().map { role in
            let allocation = state.allocator.allocation(ofRole: role)
            return [
                "name": role, "weight": state.currentWeights[role] ?? 1.0,
                "frameworks": (frameworksByRole[role] ?? []).sorted().map { ["value": $0] },
                "resources": allocation.keys.sorted().map { ["name": $0, "type": "SCALAR", "scalar": ["value": allocation[$0] ?? 0]] },
            ]
        }
        return ["roles": roles]
    }

    /// SUBSCRIBE: SUBSCRIBED with the state, then TASK_ADDED, TASK_UPDATED,
    /// AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED, FRAMEWORK_UPDATED,
    /// FRAMEWORK_REMOVED and HEARTBEAT events.
    /// SUBSCRIBE: SUBSCRIBED with the state, then the events, until the client goes away.
    func subscribe() async -> OpenSubscription {
        let state = await endpoints.runtime.state
        let subscribed: Object = ["type": "SUBSCRIBED", "subscribed": ["get_state": Self.getState(state), "heartbeat_interval_seconds": 15.0]]
        let data = OperatorJSON.data(subscribed) ?? Data()
        let record = (try? RecordIOEncoder.encode(data)) ?? []
        let streamID = UUID().uuidString.lowercased()
        let runtime = endpoints.runtime
        let queue = await runtime.subscribeOperator(streamID: streamID, first: record)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return OpenSubscription(queue: queue, headers: headers) { await runtime.operatorStreamEnded(streamID) }
    }

    /// The RecordIO record of an operator event, rendered against the current state.
    static func record(_ event: OperatorEvent, state: MasterState) -> [UInt8]? {
        let object: Object
        switch event {
        case .taskAdded(let task):
            object = ["type": "TASK_ADDED", "task_added": ["task": StateJSON.jsonObject(task) ?? [:]]]
        case .taskUpdated(let frameworkID, let status, let latest):
            object = ["type": "TASK_UPDATED", "task_updated": [
                "framework_id": ["value": frameworkID.value], "status": StateJSON.jsonObject(status) ?? [:], "state": latest.rawValue,
            ]]
        case .agentAdded(let id):
            guard let record = state.agents[id] else { return nil }
            object = ["type": "AGENT_ADDED", "agent_added": ["agent": agent(record, state)]]
        case .agentRemoved(let id):
            object = ["type": "AGENT_REMOVED", "agent_removed": ["agent_id": ["value": id.value]]]
        case .frameworkAdded(let id):
            guard let record = state.frameworks[id] else { return nil }
            object = ["type": "FRAMEWORK_ADDED", "framework_added": ["framework": framework(record, completed: false)]]
        case .frameworkUpdated(let id):
            guard let record = state.frameworks[id] else { return nil }
            object = ["type": "FRAMEWORK_UPDATED", "framework_updated": ["framework": framework(record, completed: false)]]
        case .frameworkRemoved(let info):
            object = ["type": "FRAMEWORK_REMOVED", "framework_removed": ["framework_info": StateJSON.jsonObject(info) ?? [:]]]
        }
        guard let data = OperatorJSON.data(object) else { return nil }
        return try? RecordIOEncoder.encode(data)
    }
}
