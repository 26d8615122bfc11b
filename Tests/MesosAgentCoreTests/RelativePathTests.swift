import MesosAgentCore
import Testing

struct RelativePathTests {
    @Test(arguments: [
        ("a/b", "/s/a/b"), ("a/./b/../c", "/s/a/c"), ("", "/s"), ("a//b/", "/s/a/b"),
    ])
    func joinsPathsThatStayInside(path: String, expected: String) {
        #expect(RelativePath.join("/s", path) == expected)
    }

    @Test(arguments: ["..", "../x", "a/../../x", "/etc", "a/b/../../../c"])
    func refusesPathsThatEscape(path: String) {
        #expect(RelativePath.join("/s", path) == nil)
    }

    @Test func identifiersThatWouldBreakPathsAreRefused() {
        #expect(IdentifierValidation.problem(with: "ok-id_1.2", kind: "task id") == nil)
        for bad in ["", ".", "..", "a/b", "a b", "a\nb", String(repeating: "x", count: 256)] {
            #expect(IdentifierValidation.problem(with: bad, kind: "task id") != nil, "\(bad)")
        }
    }

    @Test func defaultResourcesLeaveTheHostAReserve() {
        let big = DefaultResources.detected(cpus: 8, memoryMB: 16384, diskMB: 100_000)
        #expect(big.cpus == 8)
        #expect(big.mem == 15360)
        #expect(big.disk == 94880)
        #expect(big.ports.first?.begin == 31000 && big.ports.first?.end == 32000)
        let small = DefaultResources.detected(cpus: 1, memoryMB: 1024, diskMB: 4000)
        #expect(small.mem == 512)
        #expect(small.disk == 2000)
    }
}
