import Testing
@testable import MesosHTTPClient

@Suite struct ResponseHeadParserTests {
    private func feed(_ lines: [String], maximumBytes: Int = 4096) throws -> [ResponseHeadParser.Event] {
        var parser = ResponseHeadParser(maximumBytes: maximumBytes)
        return try lines.map { try parser.consume(line: Array($0.utf8)) }
    }

    @Test func parsesStatusAndHeaders() throws {
        let events = try feed(["HTTP/1.1 307 Temporary Redirect\r\n", "Location: //m2:5050/api/v1/scheduler\r\n",
                               "Mesos-Stream-Id:  abc \r\n", "\r\n"])
        var expected = HTTPHeaders()
        expected.add(name: "Location", value: "//m2:5050/api/v1/scheduler")
        expected.add(name: "Mesos-Stream-Id", value: "abc")
        #expect(events.last == .complete(status: 307, headers: expected))
    }

    @Test func skipsInterimResponsesAndIgnoresTrailers() throws {
        let events = try feed(["HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 200 OK\r\n", "A: 1\r\n", "\r\n", "Trailer: x\r\n"])
        #expect(events[1] == .incomplete)
        #expect(events[4] == .complete(status: 200, headers: ["A": "1"]))
        #expect(events[5] == .ignored)
    }

    @Test func joinsFoldedLinesAndAcceptsHTTP2StatusLine() throws {
        let events = try feed(["HTTP/2 200\r\n", "X-Long: part one\r\n", "\t part two\r\n", "\r\n"])
        #expect(events.last == .complete(status: 200, headers: ["X-Long": "part one part two"]))
    }

    @Test func refusesOversizeHeads() {
        #expect(throws: HTTPClientError.headersTooLarge(limit: 40)) {
            try feed(["HTTP/1.1 200 OK\r\n", "X-Filler: " + String(repeating: "f", count: 30) + "\r\n"], maximumBytes: 40)
        }
    }

    @Test(arguments: ["HTTP/1.1 OK\r\n", "HTTP/1.1 2000 OK\r\n", "HTTP/1.1 099 X\r\n"])
    func refusesInvalidStatusLines(line: String) {
        #expect(throws: HTTPClientError.self) { try feed([line]) }
    }
}
