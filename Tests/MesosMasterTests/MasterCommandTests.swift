import Foundation
import MesosFlags
import MesosMaster
import Testing

/// The master's flags: Mesos's names, both spellings, `MESOS_*` environment, defaults.
@Suite("Master flags")
struct MasterCommandTests {
    @Test func flagsBecomeOptions() throws {
        let command = try MasterCommand.parseMesosFlags(
            ["--work-dir=/tmp/w", "--weights=a=2,b=0.5", "--offer_timeout=5secs", "--agent_ping_timeout=2secs", "--hostname=h"],
            environment: ["MESOS_PORT": "6000", "MESOS_MAX_COMPLETED_FRAMEWORKS": "7"])
        let options = try command.options()
        #expect(options.port == 6000)
        #expect(options.workDir == "/tmp/w")
        #expect(options.core.weights == ["a": 2, "b": 0.5])
        #expect(options.core.offerTimeout == .seconds(5))
        #expect(options.core.agentPingTimeout == .seconds(2))
        #expect(options.core.maxCompletedFrameworks == 7)
        #expect(options.core.maxAgentPingTimeouts == 5)
        #expect(options.core.agentReregisterTimeout == .seconds(600))
        #expect(options.core.allocator.allocationInterval == .seconds(1))
        #expect(options.core.masterInfo.port == 6000)
        #expect(options.core.masterInfo.hostname == "h")
        #expect(options.pid.hasSuffix(":6000"))
    }

    @Test func badFlagsAreRefused() {
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--weights=a=-1"]) }
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--zk=http://localhost:2181/mesos"]) }
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--zk=zk://localhost:2181"]) }
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--zk=zk://h:1/m", "--quorum=0"]) }
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--zk=zk://h:1/m", "--zk_session_timeout=10ms"]) }
        #expect((try? MasterCommand.parseMesosFlags(["--zk=zk://h1:2181,h2:2181/mesos", "--quorum=2"])) != nil)
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--port=70000"]) }
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--min_allocatable_resources=cpus:x"]) }
        // Mesos refuses a logging level it does not know; it was read as INFO.
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags(["--logging_level=DEBUG"]) }
        #expect(throws: (any Error).self) { try MasterCommand.parseMesosFlags([], environment: ["MESOS_LOGGING_LEVEL": "verbose"]) }
        #expect((try? MasterCommand.parseMesosFlags(["--logging_level=warning"])) != nil)
        // Addresses, ports, timers that would spin and body limits nothing fits in.
        for flag in ["--ip=not-an-ip", "--ip=10.0.0", "--advertise_ip=zzz", "--advertise_port=70000", "--advertise_port=0",
                     "--allocation_interval=0secs", "--allocation_interval=-1secs", "--agent_ping_timeout=0secs",
                     "--heartbeat_interval=0secs", "--offer_timeout=0secs", "--agent_reregister_timeout=0secs",
                     "--max_request_body_size=-5", "--max_request_body_size=0"] {
            do {
                _ = try MasterCommand.parseMesosFlags([flag])
                Issue.record("\(flag) was accepted")
            } catch {
                let name = String(flag.prefix { $0 != "=" })
                #expect(MesosCommandLine<MasterCommand>().message(for: error, columns: 200).contains(name), "\(flag): \(error)")
            }
        }
        #expect((try? MasterCommand.parseMesosFlags([
            "--ip=127.0.0.1", "--advertise_ip=10.0.0.1", "--advertise_port=5050", "--allocation_interval=10ms",
            "--agent_ping_timeout=100ms", "--heartbeat_interval=200ms", "--offer_timeout=300ms",
            "--agent_reregister_timeout=3secs", "--max_request_body_size=1024",
        ])) != nil)
    }

    @Test func helpListsFlagsWithDefaults() {
        let help = MesosCommandLine<MasterCommand>().helpMessage(columns: 200)
        for flag in ["--ip", "--port", "--hostname", "--advertise_ip", "--advertise_port", "--work_dir", "--zk", "--quorum",
                     "--cluster", "--allocation_interval", "--offer_timeout", "--agent_ping_timeout", "--max_agent_ping_timeouts",
                     "--agent_reregister_timeout", "--max_completed_frameworks", "--max_completed_tasks_per_framework",
                     "--weights", "--min_allocatable_resources", "--logging_level"] {
            #expect(help.contains(flag), "\(flag) missing from --help")
        }
        #expect(help.contains("(default: 5050)"))
        #expect(help.contains("(default: 1secs)"))
        #expect(help.contains("(default: 10mins)"))
    }
}
