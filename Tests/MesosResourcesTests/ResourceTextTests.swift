import MesosModel
import Testing

@testable import MesosResources

@Suite("Resource text forms")
struct ResourceTextTests {
    @Test("parses the agent --resources syntax")
    func parsesSimpleText() throws {
        let resources = try Resources.parse("cpus:4;mem:8192;ports:[31000-32000];disk(ops):100;zones:{a,b}")
        #expect(resources.cpus == 4)
        #expect(resources.mem == 8192)
        #expect(resources.ports == [Value.Range(begin: 31000, end: 32000)])
        #expect(resources.disk == 100)
        #expect(resources.unreserved.disk == nil)
        #expect(resources.reserved(for: "ops").disk == 100)
        #expect(resources.items(named: "zones") == ["a", "b"])
        let disk = try #require(resources.first { $0.name == "disk" })
        #expect(disk.reservations == [ReservationInfo(type: .static, role: "ops")])
        #expect(disk.role == nil)
    }

    @Test("spaces, empty tokens and several ranges are accepted; ranges coalesce")
    func lenientText() throws {
        let resources = try Resources.parse(" cpus : 1.5 ; ports:[1-2, 5-9,3-4];; mem:10; ")
        #expect(resources.cpus == 1.5)
        #expect(resources.mem == 10)
        #expect(resources.ports == [Value.Range(begin: 1, end: 9)])
    }

    @Test("a default role reserves resources written without one")
    func defaultRole() throws {
        let resources = try Resources.parse("cpus:2;mem(*):64", defaultRole: "eng")
        #expect(resources.reserved(for: "eng").cpus == 2)
        #expect(resources.unreserved.mem == 64)
    }

    @Test("prints Mesos's form: unreserved bare, static reservations in parentheses")
    func prints() throws {
        let resources = try Resources.parse("cpus:4;mem:1024.5;ports:[31000-32000,1-2];disk(ops):100;zones:{b,a}")
        #expect(resources.description == "cpus:4; mem:1024.5; ports:[1-2, 31000-32000]; disk(ops):100; zones:{a, b}")
        #expect(Resources().description == "{}")
        #expect(try Resources.parse("{}").isEmpty)
        #expect(try Resources.parse("").isEmpty)
    }

    @Test("scalars print with at most three decimals, rounded like Mesos")
    func scalarText() {
        #expect(Resources([.scalar(name: "cpus", value: 0.1 + 0.2)]).description == "cpus:0.3")
        #expect(Resources([.scalar(name: "cpus", value: 1.0005)]).description == "cpus:1.001")
        #expect(Resources([.scalar(name: "cpus", value: 0.05)]).description == "cpus:0.05")
        #expect(Resources([.scalar(name: "mem", value: 1e9)]).description == "mem:1000000000")
    }

    @Test("richer resources print in Mesos's log notation")
    func richText() {
        var dynamic = Resource.scalar(name: "mem", value: 64)
        dynamic.reservations = [ReservationInfo(type: .dynamic, role: "eng", principal: "ops", labels: [Label(key: "k", value: "v")])]
        dynamic.allocationInfo = AllocationInfo(role: "eng")
        #expect(dynamic.textForm == "mem(allocated: eng)(reservations: [(DYNAMIC,eng,ops,{k: v})]):64")

        var volume = Resource.scalar(name: "disk", value: 10, role: "eng")
        volume.disk = DiskInfo(
            persistence: DiskInfo.Persistence(id: "vol1"),
            volume: Volume(mode: .rw, containerPath: "data"),
            source: DiskInfo.Source(type: .mount, mount: DiskInfo.Source.Root(root: "/mnt/a")))
        volume.revocable = RevocableInfo()
        #expect(volume.textForm == "disk(eng)[MOUNT:/mnt/a,vol1:data:rw]{REV}:10")
    }

    @Test("the JSON array form is read when the text starts with '['")
    func parsesJSON() throws {
        let json = """
            [{"name":"cpus","type":"SCALAR","scalar":{"value":2}},
             {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":1,"end":3}]},"role":"web"}]
            """
        let resources = try Resources.parse(json)
        #expect(resources.cpus == 2)
        #expect(resources.reserved(for: "web").ports == [Value.Range(begin: 1, end: 3)])
        let defaulted = try Resources.parse(#"[{"name":"cpus","type":"SCALAR","scalar":{"value":1}}]"#, defaultRole: "eng")
        #expect(defaulted.reserved(for: "eng").cpus == 1)
    }

    @Test(
        "bad text is an error that quotes the offending token",
        arguments: [
            ("cpus4", "Bad value for resources, missing or extra ':' in cpus4"),
            ("cpus:4;mem:1:2", "Bad value for resources, missing or extra ':' in mem:1:2"),
            ("cpus(eng:4", "Bad value for resources, mismatched parentheses in cpus(eng:4"),
            ("cpus)eng(:4", "Bad value for resources, mismatched parentheses in cpus)eng(:4"),
            ("cpus:four", "Bad type for resource cpus value four type TEXT"),
            ("ports:[1-2", "Failed to parse resource ports value [1-2 error Mismatched brackets"),
            ("ports:[1-x]", "Failed to parse resource ports value [1-x] error Expecting non-negative integers in 'x'"),
            ("ports:[1-2-3]", "Failed to parse resource ports value [1-2-3] error Expecting one or more \"ranges\""),
            ("ports:5[1-2]", "Failed to parse resource ports value 5[1-2] error Unexpected '[' found"),
            ("cpus:-1", "Resource 'cpus:-1' is invalid: Invalid scalar resource: value <= 0"),
            ("cpus:0.0001", "Resource 'cpus:0' is invalid: Invalid scalar resource: value <= 0"),
            ("ports:[5-1]", "Resource 'ports:[5-1]' is invalid: Invalid ranges resource: begin > end"),
            ("zones:{a,a}", "Resource 'zones:{a, a}' is invalid: Invalid set resource: duplicated elements"),
            ("cpus(/eng):1", "Resource 'cpus(/eng):1' is invalid: Role '/eng' cannot start with a slash"),
            ("cpus:1;cpus:[1-2]", "Resources with the same name ('cpus') but different types are not allowed"),
            (":4", "Bad value for resources, missing or extra ':' in :4"),
            ("(eng):4", "Resource '(eng):4' is invalid: Empty resource name"),
        ])
    func rejectsBadText(text: String, message: String) {
        let error = #expect(throws: ResourceParseError.self) { try Resources.parse(text) }
        #expect(error?.message == message)
    }

    @Test("command-line resources cannot be revocable, dynamically reserved or persistent volumes")
    func commandLineRestrictions() {
        let revocable = #"[{"name":"cpus","type":"SCALAR","scalar":{"value":1},"revocable":{}}]"#
        #expect(throws: ResourceParseError.self) { try Resources.parse(revocable) }
        let dynamic = #"[{"name":"cpus","type":"SCALAR","scalar":{"value":1},"reservations":[{"type":"DYNAMIC","role":"eng"}]}]"#
        let error = #expect(throws: ResourceParseError.self) { try Resources.parse(dynamic) }
        #expect(error?.message.hasPrefix("Dynamic reservations cannot be specified at the command line") == true)
        let volume = #"[{"name":"disk","type":"SCALAR","scalar":{"value":1},"role":"eng","disk":{"persistence":{"id":"v"}}}]"#
        #expect(throws: ResourceParseError.self) { try Resources.parse(volume) }
        let malformed = #"[{"name":"cpus","type":"SCALAR","scalar":{"value":"lots"}}]"#
        let jsonError = #expect(throws: ResourceParseError.self) { try Resources.parse(malformed) }
        #expect(jsonError?.message.hasPrefix("Some JSON resources were not formatted properly") == true)
    }

    @Test("overlong text is refused")
    func boundsText() {
        let long = String(repeating: "cpus:1;", count: ResourceLimits.maximumTextLength / 7 + 1)
        #expect(throws: ResourceParseError.self) { try Resources.parse(long) }
        let manyRanges = "ports:[" + (0..<(ResourceLimits.maximumRanges + 1)).map { "\($0 * 3)-\($0 * 3 + 1)" }.joined(separator: ",") + "]"
        #expect(throws: ResourceParseError.self) { try Resources.parse(manyRanges) }
    }
}

@Suite("Attribute text forms")
struct AttributeTextTests {
    @Test("numbers are SCALAR, [..] RANGES, {..} SET, anything else TEXT")
    func parsesTypes() throws {
        let attributes = try Attribute.parseList("rack:r1;gen:3;zone:[1-3];tags:{a,b};version:1.2.3;weight:0.5")
        #expect(attributes == [
            .text(name: "rack", value: "r1"),
            .scalar(name: "gen", value: 3),
            Attribute(name: "zone", type: .ranges, ranges: Value.Ranges(range: [Value.Range(begin: 1, end: 3)])),
            Attribute(name: "tags", type: .set, set: Value.Set(item: ["a", "b"])),
            .text(name: "version", value: "1.2.3"),
            .scalar(name: "weight", value: 0.5),
        ])
        #expect(try Attribute.parseList("").isEmpty)
        #expect(try Attribute.parseList("host:nan").first?.type == .text)
    }

    @Test("prints back in the form it reads")
    func roundTrips() throws {
        let text = "rack:r1;gen:3;zone:[1-3, 7-9];tags:{a, b};weight:0.5"
        let attributes = try Attribute.parseList(text)
        #expect(Attribute.textForm(of: attributes) == text)
        #expect(try Attribute.parseList(Attribute.textForm(of: attributes)) == attributes)
    }

    @Test(
        "bad attributes name the offending pair",
        arguments: [
            ("rack", "Invalid attribute key:value pair 'rack'"),
            ("rack:", "Invalid attribute key:value pair 'rack:'"),
            (":r1", "Invalid attribute key:value pair ':r1'"),
            ("zone:[1-", "Failed to parse attribute zone text [1- error Mismatched brackets"),
        ])
    func rejectsBadAttributes(text: String, message: String) {
        let error = #expect(throws: ResourceParseError.self) { try Attribute.parseList(text) }
        #expect(error?.message == message)
    }
}
