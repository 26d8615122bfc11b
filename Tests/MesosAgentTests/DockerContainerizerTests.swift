import Foundation
import MesosAgent
import MesosAgentCore
import MesosModel
import MesosTestKit
import Testing

@Suite("Docker containerizer (real Docker engine)", .serialized, .timeLimit(.minutes(3)))
struct DockerContainerizerTests {
    @Test func commandRunsToFinishedWithOutputInTheSandbox() async throws {
        try await withAgent { agent in
            await agent.run(try agent.task("hello", command: .shell("echo hello from docker"),
                                           container: .docker(AgentHarness.image)))
            let finished = await agent.recorder.waitForTerminal("hello")
            #expect(finished?.state == .finished)
            #expect(finished?.message?.contains("exited with status 0") == true)
            #expect(agent.recorder.states(of: "hello") == [.running, .finished])
            let sandbox = try #require(await agent.sandbox(of: "hello"))
            try await waitUntil { readFile(sandbox + "/stdout").contains("hello from docker") }
            #expect(readFile(sandbox + "/stdout").contains("hello from docker"))
        }
    }

    @Test func nonZeroExitFailsWithTheStatus() async throws {
        try await withAgent { agent in
            await agent.run(try agent.task("fails", command: .shell("exit 3"), container: .docker(AgentHarness.image)))
            let failed = await agent.recorder.waitForTerminal("fails")
            #expect(failed?.state == .failed)
            #expect(failed?.message?.contains("exited with status 3") == true)
        }
    }

    @Test func killSendsKillingThenKilledWithinTheGracePeriod() async throws {
        try await withAgent { agent in
            await agent.run(try agent.task("sleeper", command: .shell("sleep 600"), container: .docker(AgentHarness.image)))
            #expect(await agent.recorder.wait(for: "sleeper", state: .running) != nil)
            let started = Date()
            await agent.kill("sleeper", grace: 1)
            let killed = await agent.recorder.waitForTerminal("sleeper")
            #expect(killed?.state == .killed)
            #expect(Date().timeIntervalSince(started) < 20)
            #expect(agent.recorder.states(of: "sleeper") == [.running, .killing, .killed])
        }
    }

    @Test func memoryLimitIsAppliedAndExceedingItFailsWithTheMemoryReason() async throws {
        try await withAgent { agent in
            await agent.run(try agent.task("limited", command: .shell("sleep 3; dd if=/dev/zero of=/dev/null bs=200M count=1"),
                                           container: .docker(AgentHarness.image), resources: "cpus:0.5;mem:32"))
            #expect(await agent.recorder.wait(for: "limited", state: .running) != nil)
            let name = try #require(await agent.containerName(of: "limited"))
            let inspect = try await agent.docker.run(
                ["inspect", "--format", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}", name])
            // CPU shares only: no CFS quota (NanoCpus 0) without --cgroups_enable_cfs, as in Mesos.
            #expect(inspect.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "\(32 << 20) 0 512")
            let failed = await agent.recorder.waitForTerminal("limited")
            #expect(failed?.state == .failed)
            #expect(failed?.reason == .containerLimitationMemory)
        }
    }

    @Test func bridgePortMappingIsReachableFromTheHost() async throws {
        try await withAgent { agent in
            let port = try FreePort.next()
            var container = ContainerInfo.docker(
                AgentHarness.image, network: .bridge,
                portMappings: [.init(hostPort: UInt32(port), containerPort: 8080)])
            container.docker?.forcePullImage = false
            await agent.run(try agent.task(
                "web", command: .shell("mkdir -p www && echo served-by-busybox > www/index.html && httpd -f -p 8080 -h www"),
                container: container, resources: "cpus:0.1;mem:32;ports:[\(port)-\(port)]"))
            #expect(await agent.recorder.wait(for: "web", state: .running) != nil)
            var body = ""
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, !body.contains("served-by-busybox") {
                body = (try? await agent.docker.run(["run", "--rm", "--net=host", AgentHarness.image,
                                                      "wget", "-q", "-O", "-", "http://127.0.0.1:\(port)/"], timeout: 20))?
                    .standardOutput ?? ""
                if !body.contains("served-by-busybox") { try await Task.sleep(for: .milliseconds(300)) }
            }
            #expect(body.contains("served-by-busybox"))
        }
    }

    @Test func portMappingOutsideThePortsResourcesIsATaskError() async throws {
        try await withAgent { agent in
            let container = ContainerInfo.docker(AgentHarness.image, network: .bridge,
                                                 portMappings: [.init(hostPort: 31999, containerPort: 80)])
            await agent.run(try agent.task("badport", command: .shell("true"), container: container,
                                           resources: "cpus:0.1;mem:32;ports:[31000-31001]"))
            let error = await agent.recorder.waitForTerminal("badport", timeout: 5)
            #expect(error?.state == .error)
            #expect(error?.message?.contains("31999") == true)
        }
    }

    @Test func environmentAndSandboxAreVisibleInside() async throws {
        try await withAgent { agent in
            let command = CommandInfo.shell(
                "echo \"$MESOS_TASK_ID $MESOS_FRAMEWORK_ID $MESOS_AGENT_ID $GREETING $PWD\" > \"$MESOS_SANDBOX/env.txt\"",
                environment: Environment(["GREETING": "hi there"]))
            await agent.run(try agent.task("envtask", command: command, container: .docker(AgentHarness.image)))
            #expect(await agent.recorder.waitForTerminal("envtask")?.state == .finished)
            let sandbox = try #require(await agent.sandbox(of: "envtask"))
            #expect(readFile(sandbox + "/env.txt")
                == "envtask framework-1 \(agent.agentID.value) hi there /mnt/mesos/sandbox\n")
        }
    }

    @Test func missingImageFailsQuicklyWithDockersMessage() async throws {
        try await withAgent(pullTimeout: 15) { agent in
            let started = Date()
            await agent.run(try agent.task("noimage", command: .shell("true"),
                                           container: .docker("swift-mesos-test/does-not-exist:\(UUID().uuidString.prefix(8).lowercased())")))
            let failed = await agent.recorder.waitForTerminal("noimage", timeout: 30)
            #expect(failed?.state == .failed)
            #expect(failed?.reason == .containerLaunchFailed)
            #expect(failed?.message?.contains("Failed to pull image swift-mesos-test/does-not-exist") == true)
            #expect(Date().timeIntervalSince(started) < 25)
            #expect(agent.recorder.states(of: "noimage") == [.starting, .failed])
            #expect(agent.recorder.all.first { $0.taskID.value == "noimage" }?.message?.contains("Pulling image") == true)
        }
    }

    @Test func shellMetacharactersInArgumentsArePassedLiterally() async throws {
        try await withAgent { agent in
            let marker = "/tmp/pwned-\(UUID().uuidString)"
            let command = CommandInfo(shell: false, value: "/bin/echo", arguments: ["; touch \(marker)", "$(id)", "`id`|&&"])
            await agent.run(try agent.task("literal", command: command, container: .docker(AgentHarness.image)))
            #expect(await agent.recorder.waitForTerminal("literal")?.state == .finished)
            let sandbox = try #require(await agent.sandbox(of: "literal"))
            try await waitUntil { !readFile(sandbox + "/stdout").isEmpty }
            #expect(readFile(sandbox + "/stdout") == "; touch \(marker) $(id) `id`|&&\n")
            #expect(!FileManager.default.fileExists(atPath: marker))
        }
    }

    @Test func volumeEscapingTheSandboxAndPrivilegedAreRefused() async throws {
        try await withAgent { agent in
            var escaping = ContainerInfo.docker(AgentHarness.image)
            escaping.volumes = [Volume(mode: .rw, containerPath: "/data", hostPath: "../../../../etc")]
            await agent.run(try agent.task("escape", command: .shell("true"), container: escaping))
            var privileged = ContainerInfo.docker(AgentHarness.image)
            privileged.docker?.privileged = true
            await agent.run(try agent.task("privileged", command: .shell("true"), container: privileged))
            let escape = await agent.recorder.waitForTerminal("escape", timeout: 5)
            #expect(escape?.state == .error)
            #expect(escape?.message?.contains("escapes the sandbox") == true)
            let refused = await agent.recorder.waitForTerminal("privileged", timeout: 5)
            #expect(refused?.state == .error)
            #expect(refused?.message?.contains("--allow_privileged") == true)
        }
    }

    @Test func userNetworkAndVolumesAreMounted() async throws {
        let network = "swift-mesos-test-\(UUID().uuidString.prefix(8).lowercased())"
        let docker = DockerCLI()
        #expect(try await docker.run(["network", "create", network]).succeeded)
        let hostDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-volume-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: hostDirectory, withIntermediateDirectories: true)
        try "from the host\n".write(toFile: hostDirectory + "/in.txt", atomically: true, encoding: .utf8)
        try await withAgent { agent in
            var container = ContainerInfo.docker(AgentHarness.image, network: .user)
            container.networkInfos = [NetworkInfo(name: network)]
            container.volumes = [Volume(mode: .ro, containerPath: "/host-ro", hostPath: hostDirectory),
                                 Volume(mode: .rw, containerPath: "/data", hostPath: "data")]
            await agent.run(try agent.task("volumes", command: .shell(
                "cat /host-ro/in.txt > /data/copy.txt; touch /host-ro/denied 2>/dev/null && echo writable > /data/ro.txt; "
                    + "sleep 3"), container: container))
            #expect(await agent.recorder.wait(for: "volumes", state: .running) != nil)
            let name = try #require(await agent.containerName(of: "volumes"))
            let inspect = try await agent.docker.run(["inspect", "--format", "{{.HostConfig.NetworkMode}}", name])
            #expect(inspect.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == network)
            #expect(await agent.recorder.waitForTerminal("volumes")?.state == .finished)
            let sandbox = try #require(await agent.sandbox(of: "volumes"))
            #expect(readFile(sandbox + "/data/copy.txt") == "from the host\n")
            #expect(!FileManager.default.fileExists(atPath: sandbox + "/data/ro.txt"))
            #expect(!FileManager.default.fileExists(atPath: hostDirectory + "/denied"))
        }
        _ = try? await docker.run(["network", "rm", network])
        try? FileManager.default.removeItem(atPath: hostDirectory)
    }
}

/// Polls `condition` every 50 ms for up to `timeout` seconds.
func waitUntil(timeout: Double = 30, _ condition: () async -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
}