import Foundation
import MesosHTTPClient
import MesosModel
import MesosTestKit
import Testing

/// The operator endpoints in Mesos's shapes, against the real daemon.
@Suite("Operator endpoints", .timeLimit(.minutes(2)))
struct OperatorEndpointTests {
    struct OperatorEvent: Decodable, Sendable {
        let type: String
    }

    func operatorCall(_ client: HTTPClient, _ daemon: Daemon, _ json: String) async throws -> [String: Any] {
        let response = try await post(client, daemon, "/api/v1", json: json)
        guard response.status == 200, let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw TestKitError("/api/v1 answered \(response.status): \(response.bodyText)")
        }
        return object
    }

    @Test func stateFamilyAndMetrics() async throws {
        try await withMaster(["--cluster=test-cluster", "--weights=ops=2"]) { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources + [
                Resource.ranges(name: "ports", ranges: [Value.Range(begin: 31000, end: 32000)]),
            ])
            let agentID = try await agent.subscribe()
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            let offer = try await scheduler.offer(on: agentID)
            #expect(try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                                                      operations: [.launch([commandTask("t", on: agentID, resources: smallTask)])])).status == 202)
            _ = try await agent.next(.runTask)

            let version = try await getJSON(client, daemon, "/version")
            let versionText = try #require(version["version"] as? String)
            #expect(versionText.split(separator: ".").allSatisfy { Int($0) != nil })

            let state = try await getJSON(client, daemon, "/state.json")
            for key in ["version", "id", "pid", "hostname", "start_time", "elected_time", "activated_slaves", "leader",
                        "leader_info", "slaves", "frameworks", "completed_frameworks"] {
                #expect(state[key] != nil, "missing \(key)")
            }
            #expect(state["cluster"] as? String == "test-cluster")
            let slave = try #require((state["slaves"] as? [[String: Any]])?.first)
            #expect(slave["id"] as? String == agentID.value)
            let resources = try #require(slave["resources"] as? [String: Any])
            #expect(resources["cpus"] as? Double == 2)
            #expect(resources["ports"] as? String == "[31000-32000]")
            let task = try #require(((state["frameworks"] as? [[String: Any]])?.first?["tasks"] as? [[String: Any]])?.first)
            #expect(task["id"] as? String == "t")
            #expect(task["framework_id"] as? String == scheduler.frameworkID.value)
            #expect(task["state"] as? String == "TASK_STAGING")
            #expect((task["resources"] as? [String: Any])?["mem"] as? Double == 64)

            let summary = try await getJSON(client, daemon, "/master/state-summary")
            #expect((summary["slaves"] as? [[String: Any]])?.first?["TASK_STAGING"] as? Int == 1)
            #expect((summary["slaves"] as? [[String: Any]])?.first?["TASK_RUNNING"] as? Int == 0)
            #expect((summary["slaves"] as? [[String: Any]])?.first?["framework_ids"] as? [String] == [scheduler.frameworkID.value])
            let summaryFramework = try #require((summary["frameworks"] as? [[String: Any]])?.first)
            #expect(summaryFramework["TASK_STAGING"] as? Int == 1)
            #expect(summaryFramework["slave_ids"] as? [String] == [agentID.value])
            #expect((summaryFramework["used_resources"] as? [String: Any])?["mem"] as? Double == 64)
            #expect(summaryFramework["tasks"] == nil)
            #expect((try await getJSON(client, daemon, "/master/frameworks")["frameworks"] as? [Any])?.count == 1)
            #expect((try await getJSON(client, daemon, "/master/slaves")["slaves"] as? [Any])?.count == 1)
            #expect((try await getJSON(client, daemon, "/master/tasks?offset=1")["tasks"] as? [Any])?.count == 0)
            #expect((try await getJSON(client, daemon, "/master/tasks?limit=1000000&order=desc")["tasks"] as? [Any])?.count == 1)
            for path in ["/flags", "/master/flags"] {
                let flags = try #require(try await getJSON(client, daemon, path)["flags"] as? [String: String], "\(path)")
                #expect(flags["port"] == String(daemon.port), "\(path)")
                #expect(flags["logging_level"] != nil, "\(path)")
            }
            for query in ["limit=abc", "limit=-1", "offset=-1", "offset=1.5", "order=sideways"] {
                let refused = try await client.execute(HTTPRequest(url: daemon.baseURL + "/master/tasks?" + query, timeout: .seconds(10)))
                #expect(refused.status == 400, "\(query)")
                let name = String(query.prefix { $0 != "=" })
                #expect(refused.bodyText.contains(name), "\(query): \(refused.bodyText)")
            }

            let metrics = try await getJSON(client, daemon, "/metrics/snapshot")
            #expect(metrics["master/slaves_active"] as? Double == 1)
            #expect(metrics["master/frameworks_active"] as? Double == 1)
            #expect(metrics["master/tasks_staging"] as? Double == 1)
            #expect(metrics["master/cpus_total"] as? Double == 2)
            #expect(metrics["master/cpus_used"] as? Double == 0.5)
            #expect(metrics["master/outstanding_offers"] != nil)
            // The scheduler got an offer above, so at least one allocation round ran and was timed.
            #expect((metrics["allocator/mesos/allocation_runs"] as? Double ?? 0) >= 1)
            #expect((metrics["allocator/mesos/allocation_run_ms/count"] as? Double ?? 0) >= 1)
            #expect(metrics["allocator/mesos/allocation_run_ms/p99"] as? Double != nil)
            #expect((metrics["allocator/mesos/allocation_run_cpu_ms/count"] as? Double ?? 0) >= 1)

            let redirect = try await client.execute(HTTPRequest(url: daemon.baseURL + "/master/redirect"))
            #expect(redirect.status == 307)
            #expect(redirect.location == "//127.0.0.1:\(daemon.port)")

            let weights = try await client.execute(HTTPRequest(url: daemon.baseURL + "/weights"))
            let weightList = try JSONSerialization.jsonObject(with: Data(weights.body)) as? [[String: Any]]
            #expect(weightList?.count == 1)
            #expect(weightList?.first?["role"] as? String == "ops")
            #expect(weightList?.first?["weight"] as? Double == 2)
            let put = try await post(client, daemon, "/weights", body: Array(#"[{"role":"dev","weight":3.5}]"#.utf8), method: .put)
            #expect(put.status == 200)
            let bad = try await post(client, daemon, "/weights", body: Array(#"[{"role":"dev","weight":-1}]"#.utf8), method: .put)
            #expect(bad.status == 400)
            let getFlags = try await operatorCall(client, daemon, #"{"type":"GET_FLAGS"}"#)
            let flagList = (getFlags["get_flags"] as? [String: Any])?["flags"] as? [[String: Any]] ?? []
            #expect(flagList.contains { $0["name"] as? String == "port" && $0["value"] as? String == String(daemon.port) })
            let getMetrics = try await operatorCall(client, daemon, #"{"type":"GET_METRICS","get_metrics":{"timeout":{"nanoseconds":5000000000}}}"#)
            let metricList = (getMetrics["get_metrics"] as? [String: Any])?["metrics"] as? [[String: Any]] ?? []
            #expect(metricList.contains { $0["name"] as? String == "master/slaves_active" && $0["value"] as? Double == 1 })
            let getWeights = try await operatorCall(client, daemon, #"{"type":"GET_WEIGHTS"}"#)
            #expect(((getWeights["get_weights"] as? [String: Any])?["weight_infos"] as? [Any])?.count == 2)

            let teardown = try await post(client, daemon, "/master/teardown", body: Array("frameworkId=\(scheduler.frameworkID.value)".utf8),
                                          headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(teardown.status == 200)
            #expect(await scheduler.stream.waitUntilFinished())
            let unknown = try await post(client, daemon, "/master/teardown", body: Array("frameworkId=nope".utf8),
                                         headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(unknown.status == 400)
        }
    }

    @Test func v1OperatorCalls() async throws {
        try await withMaster { daemon, client in
            let agent = SimulatedAgent(master: daemon.baseURL, client: client, resources: agentResources)
            let events = try await SubscriptionStream<OperatorEvent>(
                client: client, url: daemon.baseURL + "/api/v1", call: ["type": "SUBSCRIBE"])
            #expect(events.status == 200)
            #expect(try await events.next().type == "SUBSCRIBED")
            let agentID = try await agent.subscribe()
            #expect(try await events.next { $0.type == "AGENT_ADDED" }.type == "AGENT_ADDED")
            let scheduler = try await TestScheduler.subscribe(client, daemon)
            #expect(try await events.next { $0.type == "FRAMEWORK_ADDED" }.type == "FRAMEWORK_ADDED")
            let offer = try await scheduler.offer(on: agentID)
            _ = try await scheduler.call(.accept(frameworkID: scheduler.frameworkID, offerIDs: [offer.id],
                                                 operations: [.launch([commandTask("t", on: agentID, resources: smallTask)])]))
            #expect(try await events.next { $0.type == "TASK_ADDED" }.type == "TASK_ADDED")
            _ = try await agent.next(.runTask)
            try await agent.update("t", .running)
            #expect(try await events.next { $0.type == "TASK_UPDATED" }.type == "TASK_UPDATED")

            let health = try await operatorCall(client, daemon, #"{"type":"GET_HEALTH"}"#)
            #expect((health["get_health"] as? [String: Any])?["healthy"] as? Bool == true)
            let version = try await operatorCall(client, daemon, #"{"type":"GET_VERSION"}"#)
            #expect(((version["get_version"] as? [String: Any])?["version_info"] as? [String: Any])?["version"] as? String != nil)
            let agents = try await operatorCall(client, daemon, #"{"type":"GET_AGENTS"}"#)
            let agentEntry = try #require(((agents["get_agents"] as? [String: Any])?["agents"] as? [[String: Any]])?.first)
            #expect((agentEntry["agent_info"] as? [String: Any])?["id"] as? [String: String] == ["value": agentID.value])
            let frameworks = try await operatorCall(client, daemon, #"{"type":"GET_FRAMEWORKS"}"#)
            #expect(((frameworks["get_frameworks"] as? [String: Any])?["frameworks"] as? [Any])?.count == 1)
            let tasks = try await operatorCall(client, daemon, #"{"type":"GET_TASKS"}"#)
            let task = try #require(((tasks["get_tasks"] as? [String: Any])?["tasks"] as? [[String: Any]])?.first)
            #expect(task["state"] as? String == "TASK_RUNNING")
            let state = try await operatorCall(client, daemon, #"{"type":"GET_STATE"}"#)
            #expect((state["get_state"] as? [String: Any])?["get_agents"] != nil)
            let roles = try await operatorCall(client, daemon, #"{"type":"GET_ROLES"}"#)
            #expect(((roles["get_roles"] as? [String: Any])?["roles"] as? [[String: Any]])?.first?["name"] as? String == "*")
            let update = try await post(client, daemon, "/api/v1", json: #"{"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"x","weight":2.0}]}}"#)
            #expect(update.status == 200)
            let unsupported = try await post(client, daemon, "/api/v1", json: #"{"type":"GET_QUOTA"}"#)
            #expect(unsupported.status == 501)

            try await scheduler.call(.teardown(frameworkID: scheduler.frameworkID))
            #expect(try await events.next { $0.type == "FRAMEWORK_REMOVED" }.type == "FRAMEWORK_REMOVED")
            events.close()
        }
    }
}
