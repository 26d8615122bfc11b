import Foundation
import MesosTestKit
import Testing

/// How `swift-mesos` finds the leading master: zk:// election paths, lists with dead entries,
/// standbys' redirects; and its errors and exit codes.
@Suite(.serialized, .timeLimit(.minutes(5))) struct OperatorCLIMasterResolutionTests {
    static func masterArguments(zk: String) -> [String] {
        ["--port={port}", "--ip=127.0.0.1", "--hostname=127.0.0.1", "--work_dir={dir}/work", "--zk=\(zk)", "--quorum=1",
         "--zk_session_timeout=10secs", "--allocation_interval=100ms"]
    }

    @Test func zooKeeperURLsListsAndRedirectsReachTheLeader() async throws {
        let zooKeeper = try await ZooKeeperEnsemble.start(size: 1)
        var daemons: [Daemon] = []
        do {
            let url = zooKeeper.url(path: "/mesos")
            let leader = try await Daemon.start("swift-mesos-master", name: "cli-master-1", arguments: Self.masterArguments(zk: url))
            daemons.append(leader)
            // The first master leads once it won the election.
            _ = try await CLIProcess.poll(["agents", "--master=\(url)"]) { $0.status == 0 }
            let standby = try await Daemon.start("swift-mesos-master", name: "cli-master-2", arguments: Self.masterArguments(zk: url))
            daemons.append(standby)
            let agent = try await Daemon.start("swift-mesos-agent", arguments: [
                "--master=\(url)", "--ip=127.0.0.1", "--port={port}", "--hostname=127.0.0.1", "--work_dir={dir}/work",
                "--resources=cpus:3;mem:2048", "--containerizers=mesos",
            ])
            daemons.append(agent)

            // zk:// resolves to the leader, which knows the agent.
            let viaZooKeeper = try await CLIProcess.poll(["agents", "--master=\(url)"]) { result in
                result.status == 0 && result.standardOutput.contains("127.0.0.1:\(agent.port)")
            }
            #expect(viaZooKeeper.standardOutput.contains(" 0/3 "), "\(viaZooKeeper)")

            // A standby redirects to the leader; a dead first entry of a list is skipped.
            let viaStandby = try await CLIProcess.run(["agents", "--master=\(standby.address)"])
            #expect(viaStandby.status == 0, "\(viaStandby)")
            #expect(viaStandby.standardOutput.contains("127.0.0.1:\(agent.port)"))
            let dead = try FreePort.next()
            let viaList = try await CLIProcess.run(["agents", "--master=127.0.0.1:\(dead),http://\(standby.address)"])
            #expect(viaList.status == 0, "\(viaList)")
            #expect(viaList.standardOutput.contains("127.0.0.1:\(agent.port)"))

            // zk:// from MESOS_MASTER too.
            let fromEnvironment = try await CLIProcess.run(["frameworks"], environment: ["MESOS_MASTER": url])
            #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
            #expect(fromEnvironment.standardOutput.hasPrefix("ID  NAME  ROLE  STATUS  TASKS  CPUS  MEM  AGE\n"))

            // An election path nobody leads.
            let empty = try await CLIProcess.run(["ps", "--master=\(zooKeeper.url(path: "/nobody"))"])
            #expect(empty.status == 1)
            #expect(empty.standardError.contains("no leading master found in zk://"), "\(empty)")
        } catch {
            for daemon in daemons { print("---- \(daemon.name) log ----\n\(daemon.logTail())\n----") }
            for daemon in daemons.reversed() { await daemon.stop() }
            await zooKeeper.shutdown()
            throw error
        }
        for daemon in daemons.reversed() { await daemon.stop() }
        await zooKeeper.shutdown()
    }

    @Test func anUnreachableMasterIsNamed() async throws {
        let port = try FreePort.next()
        let result = try await CLIProcess.run(["ps", "--master=127.0.0.1:\(port)"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("swift-mesos: cannot reach the master at 127.0.0.1:\(port): "), "\(result)")
        #expect(result.standardError.split(separator: "\n").count == 1)
        let second = try FreePort.next()
        let list = try await CLIProcess.run(["frameworks", "--master=127.0.0.1:\(port),127.0.0.1:\(second)"])
        #expect(list.status == 1)
        #expect(list.standardError.hasPrefix("swift-mesos: cannot reach a leading master among 127.0.0.1:\(port),127.0.0.1:\(second): "), "\(list)")
        // The default master when nothing is configured.
        let fallback = try await CLIProcess.run(["agents", "--timeout=5"])
        if fallback.status != 0 {
            #expect(fallback.standardError.contains("127.0.0.1:5050"), "\(fallback)")
        }
    }

    @Test func usageErrorsExitWithTwoAndNameTheFlag() async throws {
        let badMaster = try await CLIProcess.run(["ps", "--master=not-an-address"])
        #expect(badMaster.status == 2)
        #expect(badMaster.standardError.hasPrefix("swift-mesos: --master: 'not-an-address' is not host:port"), "\(badMaster)")
        let badLines = try await CLIProcess.run(["tail", "t", "--lines=-1", "--master=127.0.0.1:1"])
        #expect(badLines.status == 2)
        #expect(badLines.standardError.contains("--lines"), "\(badLines)")
        let notANumber = try await CLIProcess.run(["tail", "t", "-n", "many"])
        #expect(notANumber.status == 2)
        #expect(notANumber.standardError.contains("-n"), "\(notANumber)")
        let missing = try await CLIProcess.run(["cat"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("<task>"), "\(missing)")
        let unknown = try await CLIProcess.run(["launch-rockets"])
        #expect(unknown.status == 2, "\(unknown)")
        let badEnvironment = try await CLIProcess.run(["ps"], environment: ["MESOS_MASTER": "zk://nowhere"])
        #expect(badEnvironment.status == 1)
        #expect(badEnvironment.standardError.hasPrefix("swift-mesos: MESOS_MASTER: 'zk://nowhere' is not a zk://host:port/path URL"), "\(badEnvironment)")
        for help in [["--help"], ["ps", "--help"], ["help", "tail"]] {
            let result = try await CLIProcess.run(help)
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("USAGE: swift-mesos"), "\(result)")
        }
    }
}
