import Foundation
import MesosAgent
import MesosModel
import MesosTestKit
import Testing

/// The docker containerizer checks an image once (not before every launch); an image removed
/// after that check still goes through the pull phase.
@Suite("Docker image check (real Docker engine)", .serialized, .timeLimit(.minutes(3)))
struct DockerImageCheckTests {
    @Test func anImageRemovedAfterItWasCheckedGoesThroughThePullPhaseAgain() async throws {
        let docker = DockerCLI()
        let tag = "swift-mesos-test/busybox-recheck:\(UUID().uuidString.prefix(8).lowercased())"
        try #require(try await docker.run(["tag", AgentHarness.image, tag]).succeeded)
        do {
            try await withAgent(pullTimeout: 15) { agent in
                await agent.run(try agent.task("first", command: .shell("true"), container: .docker(tag)))
                #expect(await agent.recorder.waitForTerminal("first")?.state == .finished)
                #expect(agent.recorder.states(of: "first") == [.running, .finished])

                // Untag it (the image stays for the other tests): the next run of it fails, so the
                // agent checks again, tries to pull (no registry here) and reports that.
                #expect(try await docker.run(["rmi", tag]).succeeded)
                await agent.run(try agent.task("second", command: .shell("true"), container: .docker(tag)))
                let failed = await agent.recorder.waitForTerminal("second", timeout: 60)
                #expect(failed?.state == .failed)
                #expect(failed?.reason == .containerLaunchFailed)
                #expect(failed?.message?.contains("Failed to pull image \(tag)") == true, "\(failed?.message ?? "")")
                #expect(agent.recorder.states(of: "second") == [.starting, .failed])
            }
        } catch {
            _ = try? await docker.run(["rmi", tag])
            throw error
        }
        _ = try? await docker.run(["rmi", tag])
    }
}
