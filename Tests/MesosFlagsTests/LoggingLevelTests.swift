import Testing

@testable import MesosFlags

@Suite("LoggingLevel")
struct LoggingLevelTests {
    @Test("Mesos's three levels, in any case", arguments: [
        ("INFO", LoggingLevel.info), ("WARNING", .warning), ("ERROR", .error), ("info", .info), (" Warning ", .warning),
    ])
    func parses(text: String, level: LoggingLevel) throws {
        #expect(try LoggingLevel(parsing: text) == level)
        #expect(LoggingLevel(argument: text) == level)
    }

    @Test("prints as Mesos spells it")
    func prints() {
        #expect(LoggingLevel.allCases.map(\.description) == ["INFO", "WARNING", "ERROR"])
    }

    @Test("anything else is refused with the accepted levels", arguments: ["DEBUG", "FOO", "", "INFOS", "0"])
    func refuses(text: String) {
        #expect(LoggingLevel(argument: text) == nil)
        do {
            _ = try LoggingLevel(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.message.contains("'\(text)'"))
            #expect(error.message.contains("INFO, WARNING or ERROR"))
        }
    }
}
