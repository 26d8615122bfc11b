import MesosAgentCore
import Testing

struct DockerContainerEventTests {
    /// A `die` line as docker 20.10 prints it with `--format '{{json .}}'`.
    static let die = #"{"status":"die","id":"8e88cc71","from":"busybox","Type":"container","Action":"die","Actor":{"ID":"8e88cc71","Attributes":{"exitCode":"3","image":"busybox","mesos.agent_id":"x","name":"mesos-a-c1"}},"scope":"local","time":1795322428,"timeNano":1795322428519062081}"#

    @Test func dieCarriesTheNameExitCodeAndTime() throws {
        let event = try #require(DockerContainerEvent.parse(line: Self.die))
        #expect(event.name == "mesos-a-c1")
        #expect(event.action == .died(exitCode: 3))
        #expect(abs((event.time ?? 0) - 1_795_322_428.519) < 0.001)
    }

    @Test func destroyAndDieWithoutExitCode() {
        let destroy = #"{"Type":"container","Action":"destroy","Actor":{"Attributes":{"name":"/mesos-a-c2"}},"time":5}"#
        #expect(DockerContainerEvent.parse(line: destroy) == DockerContainerEvent(name: "mesos-a-c2", action: .destroyed, time: 5))
        let die = #"{"status":"die","Actor":{"Attributes":{"name":"n","exitCode":"x"}}}"#
        #expect(DockerContainerEvent.parse(line: die) == DockerContainerEvent(name: "n", action: .died(exitCode: nil)))
        let negative = #"{"Action":"die","Actor":{"Attributes":{"name":"n","exitCode":"-1"}}}"#
        #expect(DockerContainerEvent.parse(line: negative)?.action == .died(exitCode: -1))
    }

    @Test(arguments: [
        "", "   ", "not json", "{", "[]", #"{"Action":"die"}"#,
        #"{"Action":"die","Actor":{"Attributes":{"name":""}}}"#,
        #"{"Action":"start","Actor":{"Attributes":{"name":"n"}}}"#,
        #"{"Action":"oom","Actor":{"Attributes":{"name":"n"}}}"#,
        #"{"Type":"network","Action":"destroy","Actor":{"Attributes":{"name":"n"}}}"#,
    ])
    func otherLinesAreIgnored(line: String) {
        #expect(DockerContainerEvent.parse(line: line) == nil)
    }
}

struct DockerContainerStateTests {
    @Test func readsEachContainerAndTheRefusedNames() {
        let output = "/a\texited\tfalse\t3\n/b\texited\ttrue\t137\n/c\trunning\tfalse\t0\n/d\tdead\tfalse\t1\n/e\tcreated\tfalse\t0\n"
        let error = "Error response from daemon: No such container: f\nError: No such object: g\n"
        let states = DockerContainerState.parse(standardOutput: output, standardError: error,
                                                names: ["a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(states == [
            "a": .ended(.exited(code: 3)), "b": .ended(.outOfMemory(exitCode: 137)), "c": .live,
            "d": .ended(.exited(code: 1)), "e": .live, "f": .gone, "g": .gone,
        ])
    }

    @Test func anUnreachableDaemonTellsNothing() {
        let states = DockerContainerState.parse(
            standardOutput: "", standardError: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.",
            names: ["a"])
        #expect(states.isEmpty)
        // A refusal of a longer name does not count for a prefix of it.
        #expect(DockerContainerState.parse(standardOutput: "", standardError: "No such container: ab\n", names: ["b"]).isEmpty)
    }

    @Test func aDiedContainerPrefersWhatTheInspectSays() {
        #expect(DockerContainerState.termination(ofDied: "a", exitCode: 137, inspected: .ended(.outOfMemory(exitCode: 137)))
            == .outOfMemory(exitCode: 137))
        #expect(DockerContainerState.termination(ofDied: "a", exitCode: 3, inspected: .gone) == .exited(code: 3))
        #expect(DockerContainerState.termination(ofDied: "a", exitCode: 3, inspected: nil) == .exited(code: 3))
        #expect(DockerContainerState.termination(ofDied: "a", exitCode: nil, inspected: .gone)
            == .unknown(message: "the container a disappeared"))
    }
}

struct LineBufferTests {
    @Test func joinsChunksIntoLines() {
        var buffer = LineBuffer()
        #expect(buffer.append(Array("ab".utf8)) == [])
        #expect(buffer.append(Array("c\nde\r\n\nf".utf8)) == ["abc", "de", ""])
        #expect(buffer.append(Array("g\n".utf8)) == ["fg"])
    }

    @Test func dropsOverlongLinesAndCarriesOn() {
        var buffer = LineBuffer(maximumLineLength: 4)
        #expect(buffer.append(Array("123456".utf8)) == [])
        #expect(buffer.append(Array("78\nok\n".utf8)) == ["ok"])
        #expect(buffer.append(Array("1234\n".utf8)) == ["1234"])
    }
}
