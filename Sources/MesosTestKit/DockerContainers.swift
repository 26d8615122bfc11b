import Foundation
import Subprocess

/// Docker hygiene for tests: containers an agent under test created are removed when the test
/// ends, so runs leave nothing behind.
public enum DockerContainers {
    /// Force-removes every container (running or not) whose `label` is `value`
    /// (e.g. `mesos.agent_id` = the agent's id). Errors are ignored: this is cleanup.
    public static func removeAll(label: String, value: String) async {
        guard let listed = try? await run(
            .name("docker"), arguments: ["ps", "-aq", "--filter", "label=\(label)=\(value)"],
            output: .string(limit: 1 << 20)),
            case let ids = listed.standardOutput.split(whereSeparator: \.isNewline).map(String.init), !ids.isEmpty
        else { return }
        _ = try? await run(.name("docker"), arguments: Arguments(["rm", "-f"] + ids), output: .discarded)
    }

    /// Removes the containers of the agent whose work dir is `workDir` (its id is in
    /// `<work_dir>/meta/agent_id`).
    public static func removeAll(ofAgentWorkDir workDir: URL) async {
        let file = workDir.appendingPathComponent("meta/agent_id")
        guard let id = try? String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
              !id.isEmpty
        else { return }
        await removeAll(label: "mesos.agent_id", value: id)
    }
}
