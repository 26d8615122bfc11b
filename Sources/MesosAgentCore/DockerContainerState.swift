/// A container's state as `docker container inspect` reports it, reduced to what the agent's exit
/// watcher needs.
public enum DockerContainerState: Sendable, Hashable {
    /// Created, running, paused or restarting: not ended yet.
    case live
    /// Exited (or dead): how it ended.
    case ended(ContainerTermination)
    /// Docker does not know it ("No such container"): it was removed.
    case gone

    /// The `--format` of `docker container inspect` that ``parse(standardOutput:standardError:names:)`` reads.
    public static let inspectFormat = "{{.Name}}\t{{.State.Status}}\t{{.State.OOMKilled}}\t{{.State.ExitCode}}"

    /// The termination reported for a container that vanished without a known exit.
    public static func disappeared(_ name: String) -> ContainerTermination {
        .unknown(message: "the container \(name) disappeared")
    }

    /// Reads the output of `docker container inspect --format <inspectFormat> <names...>`: one line
    /// per container found, and an error line naming each container docker does not know. Names
    /// neither found nor refused (the daemon was unreachable, say) are missing from the result.
    public static func parse(standardOutput: String, standardError: String, names: [String]) -> [String: DockerContainerState] {
        var states: [String: DockerContainerState] = [:]
        for line in standardOutput.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            let name = fields[0].hasPrefix("/") ? String(fields[0].dropFirst()) : fields[0]
            guard !name.isEmpty else { continue }
            switch fields[1] {
            case "exited", "dead":
                let code = Int32(fields[3]) ?? 137
                states[name] = .ended(fields[2] == "true" ? .outOfMemory(exitCode: code) : .exited(code: code))
            default:
                states[name] = .live
            }
        }
        let refused = standardError.split(whereSeparator: \.isNewline).filter { $0.contains("No such") }
        for name in names where states[name] == nil {
            if refused.contains(where: { $0.hasSuffix(": " + name) }) {
                states[name] = .gone
            }
        }
        return states
    }

    /// How a container ended that docker reported dead (`die`, with `exitCode` when the event had
    /// one), given what an inspect afterwards found (nil when it told nothing): the inspect's exit
    /// (it knows about the OOM killer), else the event's exit code, else "disappeared".
    public static func termination(ofDied name: String, exitCode: Int32?, inspected: DockerContainerState?) -> ContainerTermination {
        if case .ended(let termination) = inspected { return termination }
        if let exitCode { return .exited(code: exitCode) }
        return disappeared(name)
    }
}
