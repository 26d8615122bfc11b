import Testing

@testable import MesosFlags

@Suite("Bytes")
struct BytesTests {
    static let parsed: [(String, UInt64)] = [
        ("100B", 100),
        ("10KB", 10_240),
        ("512MB", 536_870_912),
        ("512mb", 536_870_912),
        ("1GB", 1_073_741_824),
        ("2TB", 2_199_023_255_552),
        ("0B", 0),
    ]

    static let printed: [(Bytes, String)] = [
        (Bytes(0), "0B"),
        (Bytes(100), "100B"),
        (Bytes(1025), "1025B"),
        (.kilobytes(10), "10KB"),
        (.megabytes(1536), "1536MB"),
        (.gigabytes(1), "1GB"),
        (.megabytes(1_048_576), "1TB"),
        (.terabytes(2048), "2048TB"),
    ]

    @Test("parses Mesos's units in any case", arguments: parsed)
    func parses(text: String, count: UInt64) throws {
        #expect(try Bytes(parsing: text).count == count)
    }

    @Test("prints in the largest unit that loses nothing", arguments: printed)
    func prints(bytes: Bytes, text: String) {
        #expect(bytes.description == text)
    }

    @Test("bad input names what was expected")
    func rejectsBadInput() {
        let fractional = #expect(throws: FlagValueError.self) { try Bytes(parsing: "1.5GB") }
        #expect(fractional?.message.hasPrefix("Fractional bytes '1.5GB'") == true)
        let unknown = #expect(throws: FlagValueError.self) { try Bytes(parsing: "10XB") }
        #expect(unknown?.message.contains("unknown bytes unit 'XB'") == true)
        let noUnit = #expect(throws: FlagValueError.self) { try Bytes(parsing: "100") }
        #expect(noUnit?.message.contains("followed by a unit") == true)
        #expect(throws: FlagValueError.self) { try Bytes(parsing: "MB") }
        #expect(throws: FlagValueError.self) { try Bytes(parsing: "99999999999TB") }
        #expect(Bytes(argument: "lots") == nil)
        #expect(Bytes.megabytes(3).megabytes == 3)
    }
}
