import Foundation
@testable import MesosOperatorCLI
import Testing

/// A `/master/state` in the shape our master (and Mesos) renders it.
let stateJSON = #"""
{
  "version": "1.11.0", "leader": "master@127.0.0.1:5050",
  "slaves": [
    {"id": "agent-2", "hostname": "node2", "port": 5052, "active": false, "registered_time": 900,
     "resources": {"cpus": 4, "mem": 8192, "disk": 0, "gpus": 0, "ports": "[31000-32000]"},
     "used_resources": {"cpus": 0, "mem": 0, "disk": 0, "gpus": 0}},
    {"id": "agent-1", "hostname": "node1", "port": 5051, "active": true, "registered_time": 880,
     "resources": {"cpus": 2, "mem": 1024, "disk": 0, "gpus": 0},
     "used_resources": {"cpus": 0.6, "mem": 288, "disk": 0, "gpus": 0}}
  ],
  "frameworks": [
    {"id": "fw-b", "name": "web", "role": "*", "roles": [], "active": true, "registered_time": 950,
     "used_resources": {"cpus": 0.5, "mem": 256},
     "tasks": [
       {"id": "web-1", "name": "web one", "framework_id": "fw-b", "slave_id": "agent-1", "state": "TASK_RUNNING",
        "resources": {"cpus": 0.5, "mem": 256, "disk": 0, "gpus": 0},
        "statuses": [{"state": "TASK_STARTING", "timestamp": 990.5}, {"state": "TASK_RUNNING", "timestamp": 991}]}
     ],
     "unreachable_tasks": [],
     "completed_tasks": [
       {"id": "web-0", "name": "web zero", "framework_id": "fw-b", "slave_id": "agent-1", "state": "TASK_FINISHED",
        "resources": {"cpus": 0.5, "mem": 256}, "statuses": [{"state": "TASK_RUNNING", "timestamp": 700}]}
     ]},
    {"id": "fw-a", "name": "batch", "roles": ["analytics"], "active": false, "registered_time": 100,
     "used_resources": {"cpus": 0.1, "mem": 32},
     "tasks": [
       {"id": "job-7", "name": "job", "framework_id": "fw-a", "slave_id": "agent-1", "state": "TASK_STAGING",
        "resources": {"cpus": 0.1, "mem": 32}, "statuses": []}
     ],
     "completed_tasks": []}
  ],
  "completed_frameworks": [
    {"id": "fw-old", "name": "old", "role": "*", "active": false, "tasks": [],
     "completed_tasks": [
       {"id": "gone-1", "name": "gone", "framework_id": "fw-old", "slave_id": "agent-9", "state": "TASK_KILLED",
        "resources": {"cpus": 1, "mem": 64}, "statuses": [{"state": "TASK_KILLED", "timestamp": 500}]}
     ]}
  ]
}
"""#

@Suite struct ClusterStateTests {
    let state: ClusterState

    init() throws {
        state = try ClusterState(json: Data(stateJSON.utf8))
    }

    @Test func decodesFrameworksAgentsAndTasks() {
        #expect(state.frameworks.map(\.id) == ["fw-b", "fw-a"])
        #expect(state.frameworks[1].role == "analytics")
        #expect(state.agents.map(\.address) == ["node2:5052", "node1:5051"])
        #expect(state.tasks.map(\.task.id) == ["web-1", "web-0", "job-7", "gone-1"])
        let web = state.tasks[0].task
        #expect(web.shortState == "RUNNING")
        #expect(web.startTime == 990.5)
        #expect(!web.isTerminal)
        #expect(state.tasks[1].task.isTerminal)
    }

    @Test func rejectsWhatIsNotAState() {
        #expect(throws: OperatorCLIError.self) { try ClusterState(json: Data("<html>".utf8)) }
    }

    @Test func psShowsLiveTasksByDefault() {
        let tasks = TaskTable.selectTasks(in: state, includeCompleted: false, framework: nil)
        #expect(TaskTable.table(tasks, in: state, now: 1000).render() == """
            ID     NAME     FRAMEWORK  STATE    AGENT  CPUS  MEM  AGE
            job-7  job      batch      STAGING  node1   0.1   32    -
            web-1  web one  web        RUNNING  node1   0.5  256   9s

            """)
    }

    @Test func psAllAddsCompletedTasksAndFiltersByFramework() {
        let all = TaskTable.selectTasks(in: state, includeCompleted: true, framework: nil)
        #expect(all.map(\.task.id) == ["job-7", "gone-1", "web-0", "web-1"])
        #expect(TaskTable.selectTasks(in: state, includeCompleted: true, framework: "web").map(\.task.id) == ["web-0", "web-1"])
        #expect(TaskTable.selectTasks(in: state, includeCompleted: false, framework: "fw-a").map(\.task.id) == ["job-7"])
        #expect(TaskTable.selectTasks(in: state, includeCompleted: false, framework: "nothing").isEmpty)
        // A task on an agent the master forgot shows the agent id.
        let gone = TaskTable.table(TaskTable.selectTasks(in: state, includeCompleted: true, framework: "old"), in: state, now: 560)
        #expect(gone.rows == [["gone-1", "gone", "old", "KILLED", "agent-9", "1", "64", "1m00s"]])
    }

    @Test func agentsTable() {
        #expect(AgentTable.table(state, now: 1000).render() == """
            ID       ADDRESS     ACTIVE  TASKS   CPUS       MEM    AGE
            agent-1  node1:5051  yes         2  0.6/2  288/1024  2m00s
            agent-2  node2:5052  no          0    0/4    0/8192  1m40s

            """)
    }

    @Test func frameworksTable() {
        #expect(FrameworkTable.table(state, includeCompleted: false, now: 1000).render() == """
            ID    NAME   ROLE       STATUS    TASKS  CPUS  MEM     AGE
            fw-a  batch  analytics  inactive      1   0.1   32  15m00s
            fw-b  web    *          active        1   0.5  256     50s

            """)
        let all = FrameworkTable.table(state, includeCompleted: true, now: 1000)
        #expect(all.rows.last == ["fw-old", "old", "*", "completed", "0", "0", "0", "-"])
    }

    @Test func taskArgumentsPreferLiveTasks() throws {
        let both = ClusterState(
            frameworks: [FrameworkView(id: "f", name: "f", tasks: [TaskView(id: "run-2", frameworkID: "f", agentID: "a", state: "TASK_RUNNING")],
                                       completedTasks: [TaskView(id: "run-1", frameworkID: "f", agentID: "a", state: "TASK_FINISHED")])],
            agents: [])
        #expect(try TaskArgument.find("run", in: both).task.id == "run-2")
        #expect(try TaskArgument.find("run-1", in: both).task.id == "run-1")
        #expect(throws: OperatorCLIError("no task 'x' (swift-mesos ps --all lists the tasks)")) { try TaskArgument.find("x", in: both) }
    }
}

@Suite struct AgentSandboxesTests {
    /// An agent's `/state` as our agent renders it (tasks in the v1 JSON form).
    let agentState = #"""
    {"id": "agent-1", "hostname": "node1", "port": 5051,
     "frameworks": [
       {"id": "fw-b", "name": "web",
        "executors": [
          {"id": "web-1", "container": "c1", "directory": "/work/slaves/agent-1/frameworks/fw-b/executors/web-1/runs/c1",
           "tasks": [{"task_id": {"value": "web-1"}, "name": "w", "framework_id": {"value": "fw-b"},
                      "agent_id": {"value": "agent-1"}, "state": "TASK_RUNNING", "resources": []}],
           "completed_tasks": []}
        ],
        "completed_executors": [
          {"id": "web-1", "container": "c0", "directory": "/old/run", "tasks": [],
           "completed_tasks": [{"task_id": {"value": "web-1"}, "state": "TASK_FAILED"}]},
          {"id": "web-0", "container": "c9", "directory": "/work/web-0", "tasks": [],
           "completed_tasks": [{"id": "web-0", "state": "TASK_FINISHED"}]}
        ]}
     ]}
    """#

    @Test func findsTheSandboxOfLiveAndCompletedTasks() throws {
        let sandboxes = try AgentSandboxes(json: Data(agentState.utf8))
        #expect(sandboxes.directory(frameworkID: "fw-b", taskID: "web-1") == "/work/slaves/agent-1/frameworks/fw-b/executors/web-1/runs/c1")
        #expect(sandboxes.directory(frameworkID: "fw-b", taskID: "web-0") == "/work/web-0")
        #expect(sandboxes.directory(frameworkID: "fw-x", taskID: "web-1") == nil)
        #expect(sandboxes.directory(frameworkID: "fw-b", taskID: "nope") == nil)
    }
}
