import ArgumentParser
import Testing

@testable import MesosFlags

/// A daemon-like command with the kinds of flags Mesos daemons have.
struct SampleDaemon: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample-daemon")

    @Option(help: "Port to listen on.")
    var port: Int = 5050

    @Option(help: "Directory for state.")
    var workDir: String = "/var/lib/mesos"

    @Option(help: "How often to allocate.")
    var allocationInterval: MesosDuration = .seconds(1)

    @Option(help: "Memory to offer.")
    var memory: Bytes = .megabytes(512)

    @Flag(inversion: .prefixedNo, help: "Require authentication.")
    var authenticate = true

    @Flag(help: "Log more.")
    var verbose = false

    @Option(help: "ZooKeeper URL.")
    var zk: String?
}

@Suite("MesosCommandLine")
struct MesosCommandLineTests {
    let commandLine = MesosCommandLine<SampleDaemon>()

    func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> SampleDaemon {
        try commandLine.parse(arguments, environment: environment)
    }

    @Test("learns the declared flags from the command")
    func learnsFlags() {
        let byName = Dictionary(uniqueKeysWithValues: commandLine.flags.map { ($0.name, $0) })
        #expect(Set(byName.keys) == ["port", "work_dir", "allocation_interval", "memory", "authenticate", "verbose", "zk"])
        #expect(byName["work_dir"]?.declaredNames == ["work-dir"])
        #expect(byName["work_dir"]?.environmentVariable == "MESOS_WORK_DIR")
        #expect(byName["authenticate"]?.negationName == "no-authenticate")
        #expect(byName["authenticate"]?.takesValue == false)
        #expect(byName["verbose"]?.negationName == nil)
        #expect(byName["port"]?.takesValue == true)
        #expect(byName["port"]?.defaultValue == "5050")
    }

    @Test("defaults apply when nothing is given")
    func defaults() throws {
        let daemon = try parse([])
        #expect(daemon.port == 5050)
        #expect(daemon.workDir == "/var/lib/mesos")
        #expect(daemon.allocationInterval == .seconds(1))
        #expect(daemon.authenticate)
        #expect(!daemon.verbose)
        #expect(daemon.zk == nil)
    }

    @Test(
        "accepts both spellings and both value forms",
        arguments: [
            ["--work_dir=/tmp/a", "--allocation_interval=500ms"],
            ["--work-dir=/tmp/a", "--allocation-interval=500ms"],
            ["--work_dir", "/tmp/a", "--allocation_interval", "500ms"],
            ["--work-dir", "/tmp/a", "--allocation-interval", "500ms"],
        ])
    func spellings(arguments: [String]) throws {
        let daemon = try parse(arguments)
        #expect(daemon.workDir == "/tmp/a")
        #expect(daemon.allocationInterval == .milliseconds(500))
    }

    @Test("an option value that starts with a dash is taken as the value with '='")
    func dashValue() throws {
        #expect(try parse(["--zk=-weird"]).zk == "-weird")
    }

    static let booleanForms: [([String], Bool, Bool)] = [
            ([], true, false),
            (["--authenticate"], true, false),
            (["--no-authenticate"], false, false),
            (["--authenticate=false"], false, false),
            (["--authenticate=true"], true, false),
            (["--authenticate=0"], false, false),
            (["--no-authenticate", "--authenticate"], true, false),
            (["--verbose"], true, true),
            (["--verbose=true"], true, true),
            (["--verbose=1"], true, true),
            (["--verbose=false"], true, false),
            (["--no-verbose"], true, false),
            (["--verbose", "--no-verbose"], true, false),
        ]

    @Test("boolean forms", arguments: booleanForms)
    func booleans(arguments: [String], authenticate: Bool, verbose: Bool) throws {
        let daemon = try parse(arguments)
        #expect(daemon.authenticate == authenticate)
        #expect(daemon.verbose == verbose)
    }

    @Test("MESOS_* environment variables set flags not given on the command line")
    func environment() throws {
        let environment = [
            "MESOS_PORT": "6060",
            "MESOS_WORK_DIR": "/env/dir",
            "MESOS_ZK": "zk://127.0.0.1:2181/mesos",
            "MESOS_AUTHENTICATE": "false",
            "MESOS_VERBOSE": "true",
            "MESOS_ALLOCATION_INTERVAL": "2secs",
            "MESOS_NOT_A_FLAG": "ignored",
            "PORT": "1",
        ]
        let daemon = try parse([], environment: environment)
        #expect(daemon.port == 6060)
        #expect(daemon.workDir == "/env/dir")
        #expect(daemon.zk == "zk://127.0.0.1:2181/mesos")
        #expect(!daemon.authenticate)
        #expect(daemon.verbose)
        #expect(daemon.allocationInterval == .seconds(2))
    }

    @Test("the command line wins over the environment, whatever the spelling")
    func commandLineWins() throws {
        let environment = ["MESOS_PORT": "6060", "MESOS_WORK_DIR": "/env/dir", "MESOS_AUTHENTICATE": "false"]
        let daemon = try parse(["--port", "7070", "--work-dir=/cli/dir", "--authenticate"], environment: environment)
        #expect(daemon.port == 7070)
        #expect(daemon.workDir == "/cli/dir")
        #expect(daemon.authenticate)
        let negated = try parse(["--no-authenticate"], environment: ["MESOS_AUTHENTICATE": "true"])
        #expect(!negated.authenticate)
    }

    @Test("Mesos's exact-case variable MESOS_<flag> works too")
    func exactCaseVariable() throws {
        #expect(try parse([], environment: ["MESOS_work_dir": "/exact"]).workDir == "/exact")
    }

    @Test("arguments after -- are left alone")
    func terminator() throws {
        let normalized = try commandLine.normalize(["--work_dir=/a", "--", "--work_dir=/b"])
        #expect(normalized == ["--work-dir=/a", "--", "--work_dir=/b"])
    }

    @Test("an unknown flag is an error that names it, with exit code 1")
    func unknownFlag() {
        #expect(throws: (any Error).self) { try parse(["--bogus_flag=3"]) }
        do {
            _ = try parse(["--bogus_flag=3"])
        } catch {
            let message = commandLine.message(for: error)
            #expect(message.contains("--bogus_flag"))
            #expect(message.contains("Unknown option"))
            #expect(commandLine.exitCode(for: error) == 1)
        }
    }

    @Test("a bad value is an error that names the flag, with exit code 1")
    func badValue() {
        for (arguments, flag, value) in [
            (["--port=abc"], "--port", "abc"),
            (["--allocation_interval", "5parsecs"], "--allocation_interval", "5parsecs"),
            (["--memory=1.5GB"], "--memory", "1.5GB"),
        ] {
            do {
                _ = try parse(arguments)
                Issue.record("\(arguments) should not parse")
            } catch {
                let message = commandLine.message(for: error, columns: 200)
                #expect(message.contains("'\(flag) <"), "\(message)")
                #expect(message.contains(value), "\(message)")
                #expect(commandLine.exitCode(for: error) == 1)
            }
        }
    }

    @Test("a bad boolean names the flag and where the value came from")
    func badBoolean() {
        let fromCommandLine = #expect(throws: MesosFlagError.self) { try parse(["--verbose=maybe"]) }
        #expect(fromCommandLine?.flag == "--verbose")
        #expect(fromCommandLine?.message.contains("'maybe' is not a boolean") == true)
        let fromEnvironment = #expect(throws: MesosFlagError.self) {
            try parse([], environment: ["MESOS_AUTHENTICATE": "yes please"])
        }
        #expect(fromEnvironment?.message.contains("environment variable MESOS_AUTHENTICATE") == true)
        let negationWithValue = #expect(throws: MesosFlagError.self) { try parse(["--no-verbose=true"]) }
        #expect(negationWithValue?.flag == "--no-verbose")
        if let error = fromCommandLine {
            #expect(commandLine.exitCode(for: error) == 1)
            #expect(commandLine.message(for: error).contains("Error: Failed to load flag '--verbose'"))
        }
    }

    @Test("--help lists the flags in Mesos spelling with their defaults, and exits 0")
    func help() {
        do {
            _ = try parse(["--help"])
            Issue.record("--help should throw a help request")
        } catch {
            #expect(commandLine.exitCode(for: error) == 0)
            let help = commandLine.message(for: error, columns: 120)
            #expect(help.contains("--work_dir <work-dir>"))
            #expect(!help.contains("--work-dir"))
            #expect(help.contains("--allocation_interval <allocation-interval>"))
            #expect(help.contains("(default: 5050)"))
            #expect(help.contains("(default: /var/lib/mesos)"))
            #expect(help.contains("(default: 1secs)"))
            #expect(help.contains("(default: 512MB)"))
            #expect(help.contains("--authenticate/--no-authenticate"))
        }
        #expect(commandLine.helpMessage(columns: 120).contains("--work_dir"))
    }

    @Test("rewriting to Mesos spelling touches whole flag names only")
    func spellingRewrite() {
        let rewritten = commandLine.mesosSpelling("use --work-dir, not --work-dirs or x--work-dir; see --allocation-interval.")
        #expect(rewritten == "use --work_dir, not --work-dirs or x--work-dir; see --allocation_interval.")
    }
}

/// A command with an `--enable-x/--disable-x` flag and a custom Mesos-style long name.
struct CacheCommand: ParsableCommand {
    @Flag(inversion: .prefixedEnableDisable, help: "Use the cache.")
    var cache = true

    @Option(name: .customLong("log_dir"), help: "Where logs go.")
    var logDirectory: String?
}

@Suite("MesosCommandLine with other declarations")
struct OtherDeclarationTests {
    let commandLine = MesosCommandLine<CacheCommand>()

    @Test("an enable/disable pair is one Mesos flag named without the prefix")
    func enableDisable() throws {
        #expect(commandLine.flags.map(\.name).sorted() == ["cache", "log_dir"])
        #expect(try commandLine.parse(["--disable-cache"]).cache == false)
        #expect(try commandLine.parse(["--cache=false"]).cache == false)
        #expect(try commandLine.parse(["--no-cache"]).cache == false)
        #expect(try commandLine.parse(["--disable-cache", "--enable-cache"]).cache == true)
        #expect(try commandLine.parse([], environment: ["MESOS_CACHE": "0"]).cache == false)
        #expect(commandLine.helpMessage(columns: 120).contains("--enable-cache/--disable-cache"))
    }

    @Test("an option declared with an underscore accepts the dashed spelling too")
    func customLongName() throws {
        #expect(try commandLine.parse(["--log-dir", "/var/log"]).logDirectory == "/var/log")
        #expect(try commandLine.parse(["--log_dir=/tmp"]).logDirectory == "/tmp")
        #expect(try commandLine.parse([], environment: ["MESOS_LOG_DIR": "/env"]).logDirectory == "/env")
        #expect(commandLine.helpMessage(columns: 120).contains("--log_dir <log_dir>"))
    }
}
