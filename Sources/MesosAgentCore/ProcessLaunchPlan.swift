import MesosModel
import MesosResources

/// How to start a task (or a custom executor) as a host process: an executable and its argv,
/// never a host shell command line (except Mesos's own `shell: true` semantics, `/bin/sh -c`).
public struct ProcessLaunchPlan: Codable, Sendable, Hashable {
    /// The executable: an absolute path, or a name looked up in `PATH`.
    public var executable: String
    /// The arguments after argv[0].
    public var arguments: [String]
    /// The environment (on top of a minimal inherited `PATH`).
    public var environment: [String: String]
    /// The working directory: the sandbox.
    public var workingDirectory: String
    /// The memory limit (the task's `mem`), applied through cgroups where the host allows.
    public var memoryLimitBytes: Int64?
    /// The cpu weight (1024 per cpu of the task's `cpus`), applied through cgroups where the host allows.
    public var cpuShares: Int?

    /// Creates a plan.
    public init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String,
                memoryLimitBytes: Int64? = nil, cpuShares: Int? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.memoryLimitBytes = memoryLimitBytes
        self.cpuShares = cpuShares
    }

    /// The limits for `resources`: `mem` (MB) as bytes, `cpus` as shares (at least 2).
    public func limited(by resources: [Resource]) -> ProcessLaunchPlan {
        var plan = self
        let all = Resources(resources)
        if let mem = all.mem, mem > 0 { plan.memoryLimitBytes = Int64(mem * 1024 * 1024) }
        if let cpus = all.cpus, cpus > 0 { plan.cpuShares = max(2, Int(cpus * 1024)) }
        return plan
    }

    /// The plan for `command` run in `sandbox`: `shell: true` is `/bin/sh -c value`;
    /// `shell: false` runs `value` with `arguments` as its full argv (argv[0] first).
    public static func make(
        command: CommandInfo?, taskID: TaskID, environment: [(name: String, value: String)], sandbox: String
    ) throws(TaskLaunchError) -> ProcessLaunchPlan {
        guard let command, let value = command.value, !value.isEmpty else {
            throw .invalid("task \(taskID.value) needs command.value (the shell command or executable to run)")
        }
        var variables: [String: String] = [:]
        for variable in environment { variables[variable.name] = variable.value }
        if command.isShell {
            return ProcessLaunchPlan(executable: "/bin/sh", arguments: ["-c", value], environment: variables,
                                     workingDirectory: sandbox)
        }
        return ProcessLaunchPlan(executable: value, arguments: Array(command.arguments.dropFirst()),
                                 environment: variables, workingDirectory: sandbox)
    }
}
