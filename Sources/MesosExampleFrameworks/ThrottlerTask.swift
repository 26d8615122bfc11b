import MesosModel

/// Builds the `TaskInfo` of one Throttler task.
///
/// By default the task runs the Throttler's own worker (`<workerPath> run-queries --executor`) as a
/// custom executor on the agent's host: it reports `TASK_RUNNING`, runs its queries one after
/// another and reports `TASK_FINISHED` with "Executed N queries in X sec" (`TASK_FAILED` after a
/// failed query). The worker binary must exist at `workerPath` on every agent. With a docker image
/// the task is a command task in that image running a busybox `wget` loop that prints the same line.
public enum ThrottlerTask {
    /// The task `id` with `queries` queries on `agentID`.
    public static func make(id: TaskID, queries: Int, agentID: AgentID, options: ThrottlerOptions) -> TaskInfo {
        let name = "\(options.frameworkName) \(id.value) (\(queries) queries)"
        if let image = options.dockerImage {
            return TaskInfo(
                name: name, taskID: id, agentID: agentID, resources: options.shape.resources,
                command: .shell(wgetLoop(target: options.target, queries: queries)),
                container: ContainerInfo(type: .docker, docker: ContainerInfo.DockerInfo(image: image)))
        }
        let arguments = [
            options.workerPath, "run-queries", "--target", options.target, "--queries", String(queries), "--executor",
        ]
        let executor = ExecutorInfo(
            executorID: ExecutorID("\(id.value)-executor"),
            command: .executable(options.workerPath, arguments: arguments),
            name: "\(options.frameworkName) worker")
        return TaskInfo(name: name, taskID: id, agentID: agentID, resources: options.shape.resources, executor: executor)
    }

    /// A POSIX sh loop of `queries` sequential `wget`s of `target` (busybox) that prints "Executed N
    /// queries in X sec" (times from `/proc/uptime`) and exits 1 at the first failed query.
    public static func wgetLoop(target: String, queries: Int) -> String {
        let url = "'" + target.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return """
            n=\(queries); i=0; t0=$(cut -d' ' -f1 /proc/uptime); \
            while [ $i -lt $n ]; do wget -q -O /dev/null \(url) || { echo "Query $((i+1)) of $n failed"; exit 1; }; \
            i=$((i+1)); done; t1=$(cut -d' ' -f1 /proc/uptime); \
            echo "Executed $n queries in $(awk "BEGIN{printf \\"%.3f\\", $t1-$t0}") sec"
            """
    }
}
