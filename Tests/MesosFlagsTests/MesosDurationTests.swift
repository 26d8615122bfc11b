import Testing

@testable import MesosFlags

@Suite("MesosDuration")
struct MesosDurationTests {
    static let parsed: [(String, Int64)] = [
            ("10ns", 10),
            ("20us", 20_000),
            ("500ms", 500_000_000),
            ("1secs", 1_000_000_000),
            ("1.5secs", 1_500_000_000),
            ("10mins", 600_000_000_000),
            ("2hrs", 7_200_000_000_000),
            ("1days", 86_400_000_000_000),
            ("1weeks", 604_800_000_000_000),
            ("0.5ms", 500_000),
            (" 3secs ", 3_000_000_000),
        ]

    @Test("parses Mesos's units", arguments: parsed)
    func parses(text: String, nanoseconds: Int64) throws {
        #expect(try MesosDuration(parsing: text).nanoseconds == nanoseconds)
    }

    static let printed: [(MesosDuration, String)] = [
            (.nanoseconds(10), "10ns"),
            (.microseconds(20), "20us"),
            (.milliseconds(500), "500ms"),
            (.seconds(1), "1secs"),
            (.milliseconds(1500), "1500ms"),
            (.minutes(10), "10mins"),
            (.seconds(90), "90secs"),
            (.hours(2), "2hrs"),
            (.days(1), "1days"),
            (.days(10), "10days"),
            (.weeks(3), "3weeks"),
            (.nanoseconds(1_000_000_500), "1.0000005secs"),
            (.seconds(-5), "-5secs"),
            (.zero, "0ns"),
        ]

    @Test("prints in the largest whole unit, like stout", arguments: printed)
    func prints(duration: MesosDuration, text: String) {
        #expect(duration.description == text)
    }

    @Test("printing then parsing gives the same duration")
    func roundTrips() throws {
        for nanoseconds: Int64 in [1, 999, 1_000, 1_500_000, 2_000_000_000, 90_000_000_000, 90_000_000_000_000] {
            let duration = MesosDuration(nanoseconds: nanoseconds)
            #expect(try MesosDuration(parsing: duration.description) == duration, "\(duration)")
        }
        // Like stout, fractions print with 15 significant digits, so odd nanoseconds
        // of a long duration are rounded away.
        let odd = MesosDuration(nanoseconds: 86_400_000_000_001)
        #expect(odd.description == "1.00000000000001days")
        let reparsed = try MesosDuration(parsing: odd.description)
        #expect(abs(reparsed.nanoseconds - odd.nanoseconds) < 1_000)
    }

    @Test("bad input names what was expected")
    func rejectsBadInput() {
        #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "10") }
        let unknownUnit = #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "5parsecs") }
        #expect(unknownUnit?.message.contains("unknown unit 'parsecs'") == true)
        #expect(unknownUnit?.message.contains("'secs'") == true)
        let noNumber = #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "secs") }
        #expect(noNumber?.message.contains("expected a non-negative number") == true)
        let missingUnit = #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "42") }
        #expect(missingUnit?.message.contains("followed by a unit") == true)
        #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "1.2.3secs") }
        #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "-1secs") }
        #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "") }
        #expect(throws: FlagValueError.self) { try MesosDuration(parsing: "100000000weeks") }
        #expect(MesosDuration(argument: "bogus") == nil)
    }

    @Test("converts to and from Swift.Duration")
    func swiftDuration() {
        #expect(MesosDuration.milliseconds(1500).duration == .milliseconds(1500))
        #expect(MesosDuration(.seconds(3)) == .seconds(3))
        #expect(MesosDuration(.milliseconds(250)).seconds == 0.25)
    }
}
