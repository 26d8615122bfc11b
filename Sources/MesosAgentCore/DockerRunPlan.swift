import MesosModel
import MesosResources

/// The `docker run` invocation for a docker task: a pure translation of the TaskInfo into
/// argv for the docker CLI (never a shell command line), validated on the way.
public struct DockerRunPlan: Sendable, Hashable {
    /// The label keys every container of ours carries.
    public enum Label {
        /// The agent's id.
        public static let agentID = "mesos.agent_id"
        /// The framework's id.
        public static let frameworkID = "mesos.framework_id"
        /// The task's id.
        public static let taskID = "mesos.task_id"
        /// The container's id.
        public static let containerID = "mesos.container_id"
    }

    /// Docker parameters that would grant host privileges, refused unless `--allow_privileged`.
    public static let privilegedParameters: Set<String> = [
        "privileged", "cap-add", "security-opt", "device", "pid", "ipc", "userns", "uts", "cgroupns",
    ]

    /// The container's name, `mesos-<agent id>-<container id>`.
    public var containerName: String
    /// The image to run.
    public var image: String
    /// Whether to pull the image even when it is present.
    public var forcePull: Bool
    /// The arguments after `docker`: `run -d --name ... <image> ...`.
    public var arguments: [String]

    /// The container name for `containerID` on `agentID`.
    public static func containerName(agentID: AgentID, containerID: ContainerID) -> String {
        "mesos-\(agentID.value)-\(containerID.value)"
    }

    /// Builds the plan for `task`, or throws a TASK_ERROR when the description is invalid
    /// or asks for something this agent refuses.
    public static func make(
        task: TaskInfo, frameworkID: FrameworkID, agentID: AgentID, containerID: ContainerID,
        executorID: ExecutorID, hostSandbox: String, agentEndpoint: String, allowPrivileged: Bool,
        enableCFSQuota: Bool = false
    ) throws(TaskLaunchError) -> DockerRunPlan {
        guard let container = task.container, container.type == .docker, let docker = container.docker else {
            throw .invalid("task \(task.taskID.value) has no docker ContainerInfo: set container.type DOCKER and container.docker.image")
        }
        let image = docker.image
        guard !image.isEmpty, !image.hasPrefix("-"), !image.contains(where: \.isWhitespace) else {
            throw .invalid("docker image '\(image)' is not a valid image reference")
        }
        let name = containerName(agentID: agentID, containerID: containerID)
        var argv = ["run", "-d", "--pull=never", "--name", name,
                    "--label", "\(Label.agentID)=\(agentID.value)",
                    "--label", "\(Label.frameworkID)=\(frameworkID.value)",
                    "--label", "\(Label.taskID)=\(task.taskID.value)",
                    "--label", "\(Label.containerID)=\(containerID.value)"]

        let resources = Resources(task.resources)
        if let cpus = resources.cpus, cpus > 0 {
            argv.append("--cpu-shares=\(max(2, Int(cpus * 1024)))")
            // A hard limit only on request, as Mesos (`--cgroups_enable_cfs`): a quota of a fraction
            // of a CPU also throttles the container's start (tens of milliseconds per launch).
            if enableCFSQuota { argv.append("--cpus=\(formatDecimal(cpus))") }
        }
        if let mem = resources.mem, mem > 0 {
            let bytes = max(Int64(mem * 1024 * 1024), 6 * 1024 * 1024)  // docker's minimum is 6 MB
            argv.append("--memory=\(bytes)")
            argv.append("--memory-swap=\(bytes)")
        }

        let variables = TaskEnvironment.variables(
            task: task, frameworkID: frameworkID, agentID: agentID, executorID: executorID,
            containerName: name, sandbox: TaskEnvironment.dockerSandbox, hostSandbox: hostSandbox,
            agentEndpoint: agentEndpoint)
        for variable in variables {
            guard !variable.name.isEmpty, !variable.name.contains("=") else {
                throw .invalid("environment variable name '\(variable.name)' is empty or contains '='")
            }
            argv += ["-e", "\(variable.name)=\(variable.value)"]
        }
        argv += ["-v", "\(hostSandbox):\(TaskEnvironment.dockerSandbox)", "-w", TaskEnvironment.dockerSandbox]

        argv += try networkArguments(container: container, docker: docker, resources: resources)
        if let hostname = container.hostname, docker.network != .host, docker.network != nil {
            guard IdentifierValidation.problem(with: hostname, kind: "hostname") == nil, !hostname.hasPrefix("-") else {
                throw .invalid("container hostname '\(hostname)' is not valid")
            }
            argv += ["--hostname", hostname]
        }
        for volume in container.volumes {
            argv += ["-v", try volumeArgument(volume, hostSandbox: hostSandbox)]
        }
        if docker.privileged == true {
            guard allowPrivileged else {
                throw .invalid("privileged containers are refused on this agent (start it with --allow_privileged to permit them)")
            }
            argv.append("--privileged")
        }
        for parameter in docker.parameters {
            let key = parameter.key
            guard !key.isEmpty, !key.hasPrefix("-"),
                  key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
            else { throw .invalid("docker parameter key '\(key)' is not a docker option name") }
            if !allowPrivileged, privilegedParameters.contains(key) {
                throw .invalid("docker parameter '\(key)' is refused on this agent (start it with --allow_privileged to permit it)")
            }
            argv.append("--\(key)=\(parameter.value)")
        }

        guard let command = task.command else {
            argv.append(image)
            return DockerRunPlan(containerName: name, image: image, forcePull: docker.forcePullImage ?? false, arguments: argv)
        }
        if command.isShell {
            guard let value = command.value, !value.isEmpty else {
                throw .invalid("a shell command needs command.value")
            }
            argv += ["--entrypoint", "/bin/sh", image, "-c", value]
        } else {
            argv.append(image)
            if let value = command.value, !value.isEmpty { argv.append(value) }
            argv += command.arguments
        }
        return DockerRunPlan(containerName: name, image: image, forcePull: docker.forcePullImage ?? false, arguments: argv)
    }

    private static func networkArguments(
        container: ContainerInfo, docker: ContainerInfo.DockerInfo, resources: Resources
    ) throws(TaskLaunchError) -> [String] {
        var argv: [String] = []
        let network = docker.network ?? .host
        switch network {
        case .host: argv.append("--net=host")
        case .bridge: argv.append("--net=bridge")
        case .none: argv.append("--net=none")
        case .user:
            guard let name = container.networkInfos.first?.name, !name.isEmpty, !name.hasPrefix("-"),
                  IdentifierValidation.problem(with: name, kind: "network name") == nil
            else { throw .invalid("USER networking needs container.network_infos[0].name (a docker network)") }
            argv.append("--net=\(name)")
        }
        if !docker.portMappings.isEmpty, network != .bridge, network != .user {
            throw .invalid("port_mappings need BRIDGE or USER networking (this task uses \(network.rawValue))")
        }
        let ports = resources.ports
        for mapping in docker.portMappings {
            let proto = (mapping.protocol ?? "tcp").lowercased()
            guard proto == "tcp" || proto == "udp" else {
                throw .invalid("port mapping protocol '\(proto)' is not tcp or udp")
            }
            let host = UInt64(mapping.hostPort)
            guard ports.contains(where: { $0.begin <= host && host <= $0.end }) else {
                throw .invalid("host port \(mapping.hostPort) is not in the task's ports resources; add it to the task's ports")
            }
            guard mapping.containerPort > 0, mapping.containerPort <= 65535 else {
                throw .invalid("container port \(mapping.containerPort) is not a valid port")
            }
            argv += ["-p", "\(mapping.hostPort):\(mapping.containerPort)/\(proto)"]
        }
        return argv
    }

    private static func volumeArgument(_ volume: Volume, hostSandbox: String) throws(TaskLaunchError) -> String {
        let containerPath: String
        if volume.containerPath.hasPrefix("/") {
            guard let normalized = RelativePath.normalizedAbsolute(volume.containerPath) else {
                throw .invalid("volume container_path '\(volume.containerPath)' is not valid")
            }
            containerPath = normalized
        } else {
            guard let joined = RelativePath.join(TaskEnvironment.dockerSandbox, volume.containerPath) else {
                throw .invalid("volume container_path '\(volume.containerPath)' escapes the sandbox")
            }
            containerPath = joined
        }
        let hostPath: String
        if let given = volume.hostPath ?? volume.source?.hostPath?.path {
            if given.hasPrefix("/") {
                guard let normalized = RelativePath.normalizedAbsolute(given) else {
                    throw .invalid("volume host_path '\(given)' is not valid")
                }
                hostPath = normalized
            } else {
                guard let joined = RelativePath.join(hostSandbox, given) else {
                    throw .invalid("volume host_path '\(given)' escapes the sandbox: relative host paths must stay inside it")
                }
                hostPath = joined
            }
        } else if let sandboxPath = volume.source?.sandboxPath {
            guard let joined = RelativePath.join(hostSandbox, sandboxPath.path) else {
                throw .invalid("volume sandbox_path '\(sandboxPath.path)' escapes the sandbox")
            }
            hostPath = joined
        } else {
            throw .invalid("volume \(volume.containerPath) needs host_path (docker volumes are not supported)")
        }
        for path in [hostPath, containerPath] where path.contains(":") || path.contains(",") {
            throw .invalid("volume path '\(path)' must not contain ':' or ','")
        }
        return "\(hostPath):\(containerPath):\(volume.mode == .ro ? "ro" : "rw")"
    }

    private static func formatDecimal(_ value: Double) -> String {
        let thousandths = (value * 1000).rounded()
        let whole = Int(thousandths / 1000)
        let fraction = Int(thousandths) % 1000
        if fraction == 0 { return "\(whole)" }
        var text = String(fraction)
        while text.count < 3 { text = "0" + text }
        while text.hasSuffix("0") { text.removeLast() }
        return "\(whole).\(text)"
    }
}
