import MesosAgentCore
import MesosModel
import MesosResources
import Testing

struct DockerRunPlanTests {
    static func task(_ container: ContainerInfo, command: CommandInfo? = .shell("echo hi"),
                     resources: String = "cpus:0.5;mem:64;ports:[31000-31005]") -> TaskInfo {
        TaskInfo(name: "t", taskID: TaskID("t"), agentID: AgentID("a"),
                 resources: Array((try? Resources.parse(resources)) ?? Resources()), command: command, container: container)
    }

    static func plan(_ task: TaskInfo, allowPrivileged: Bool = false, enableCFSQuota: Bool = false) throws(TaskLaunchError) -> DockerRunPlan {
        try DockerRunPlan.make(task: task, frameworkID: FrameworkID("f"), agentID: AgentID("a"),
                               containerID: ContainerID(value: "c1"), executorID: ExecutorID("t"),
                               hostSandbox: "/work/sandbox", agentEndpoint: "10.0.0.1:5051", allowPrivileged: allowPrivileged,
                               enableCFSQuota: enableCFSQuota)
    }

    @Test func aHardCPULimitOnlyWithCgroupsEnableCFS() throws {
        let task = Self.task(ContainerInfo.docker("busybox:1"))
        let shares = try Self.plan(task).arguments
        #expect(shares.contains("--cpu-shares=512"))
        #expect(!shares.contains { $0.hasPrefix("--cpus") })
        let capped = try Self.plan(task, enableCFSQuota: true).arguments
        #expect(capped.contains("--cpu-shares=512"))
        #expect(capped.contains("--cpus=0.5"))
    }

    @Test func translatesTheTaskIntoLabelledDockerRunArguments() throws {
        var container = ContainerInfo.docker("busybox:1", network: .bridge,
                                             portMappings: [.init(hostPort: 31002, containerPort: 80, protocol: "udp")])
        container.volumes = [Volume(mode: .ro, containerPath: "/data", hostPath: "/srv/data"),
                             Volume(mode: .rw, containerPath: "cache", hostPath: "cache")]
        container.docker?.parameters = [Parameter(key: "ulimit", value: "nofile=1024:1024")]
        let plan = try Self.plan(Self.task(container))
        let argv = plan.arguments
        #expect(plan.containerName == "mesos-a-c1")
        #expect(Array(argv.prefix(5)) == ["run", "-d", "--pull=never", "--name", "mesos-a-c1"])
        for label in ["mesos.agent_id=a", "mesos.framework_id=f", "mesos.task_id=t", "mesos.container_id=c1"] {
            #expect(argv.contains(label))
        }
        #expect(argv.contains("--cpu-shares=512"))
        #expect(argv.contains("--memory=\(64 << 20)"))
        #expect(argv.contains("MESOS_SANDBOX=/mnt/mesos/sandbox"))
        #expect(argv.contains("MESOS_AGENT_ENDPOINT=10.0.0.1:5051"))
        #expect(argv.contains("/work/sandbox:/mnt/mesos/sandbox"))
        #expect(argv.contains("--net=bridge"))
        #expect(argv.contains("31002:80/udp"))
        #expect(argv.contains("/srv/data:/data:ro"))
        #expect(argv.contains("/work/sandbox/cache:/mnt/mesos/sandbox/cache:rw"))
        #expect(argv.contains("--ulimit=nofile=1024:1024"))
        #expect(Array(argv.suffix(5)) == ["--entrypoint", "/bin/sh", "busybox:1", "-c", "echo hi"])
        #expect(!argv.contains("--privileged"))
    }

    @Test func nonShellCommandsUseTheImageEntrypointWithLiteralArguments() throws {
        let plan = try Self.plan(Self.task(.docker("busybox"),
                                           command: CommandInfo(shell: false, value: nil, arguments: ["a; rm -rf /", "$(x)"])))
        #expect(Array(plan.arguments.suffix(3)) == ["busybox", "a; rm -rf /", "$(x)"])
        #expect(!plan.arguments.contains("--entrypoint"))
    }

    @Test func hostNetworkingIsTheDefault() throws {
        #expect(try Self.plan(Self.task(.docker("busybox"))).arguments.contains("--net=host"))
    }

    @Test func refusesWhatWouldEscapeOrEscalate() {
        func problem(_ container: ContainerInfo, allowPrivileged: Bool = false, resources: String = "cpus:1;mem:64;ports:[31000-31005]") -> String? {
            do {
                _ = try Self.plan(Self.task(container, resources: resources), allowPrivileged: allowPrivileged)
                return nil
            } catch {
                #expect(error.state == .error)
                return error.message
            }
        }
        var escaping = ContainerInfo.docker("busybox")
        escaping.volumes = [Volume(containerPath: "/x", hostPath: "a/../../etc")]
        #expect(problem(escaping)?.contains("escapes the sandbox") == true)
        var escapingInside = ContainerInfo.docker("busybox")
        escapingInside.volumes = [Volume(containerPath: "../../etc", hostPath: "/tmp")]
        #expect(problem(escapingInside)?.contains("escapes the sandbox") == true)
        var privileged = ContainerInfo.docker("busybox")
        privileged.docker?.privileged = true
        #expect(problem(privileged)?.contains("--allow_privileged") == true)
        #expect(problem(privileged, allowPrivileged: true) == nil)
        var capAdd = ContainerInfo.docker("busybox")
        capAdd.docker?.parameters = [Parameter(key: "cap-add", value: "ALL")]
        #expect(problem(capAdd)?.contains("cap-add") == true)
        var injected = ContainerInfo.docker("busybox")
        injected.docker?.parameters = [Parameter(key: "-v /:/host --x", value: "1")]
        #expect(problem(injected) != nil)
        #expect(problem(.docker("--privileged")) != nil)
        let outsidePorts = ContainerInfo.docker("busybox", network: .bridge, portMappings: [.init(hostPort: 8080, containerPort: 80)])
        #expect(problem(outsidePorts)?.contains("8080") == true)
        let hostWithMappings = ContainerInfo.docker("busybox", network: .host, portMappings: [.init(hostPort: 31000, containerPort: 80)])
        #expect(problem(hostWithMappings)?.contains("BRIDGE") == true)
        #expect(problem(ContainerInfo.docker("busybox", network: .user))?.contains("network_infos") == true)
    }
}
