import Testing
@testable import MesosRecordIO

@Suite struct RecordIOEncoderTests {
    @Test func framesPayloadWithDecimalLengthAndNewline() throws {
        #expect(try RecordIOEncoder.encode([UInt8]("hello")) == [UInt8]("5\nhello"))
        let payload = [UInt8](repeating: 0x41, count: 1234)
        #expect(try RecordIOEncoder.encode(payload) == [UInt8]("1234\n") + payload)
    }

    @Test func appendsIntoAnExistingBuffer() throws {
        var buffer = [UInt8]("3\nabc")
        try RecordIOEncoder.encode([UInt8]("{\"type\":\"HEARTBEAT\"}"), into: &buffer)
        #expect(buffer == [UInt8]("3\nabc20\n{\"type\":\"HEARTBEAT\"}"))
    }

    @Test func refusesEmptyPayloadAndLeavesBufferUnchanged() {
        var buffer = [UInt8]("1\nx")
        #expect(throws: RecordIOError.emptyRecord) {
            try RecordIOEncoder.encode([UInt8](), into: &buffer)
        }
        #expect(buffer == [UInt8]("1\nx"))
    }
}
