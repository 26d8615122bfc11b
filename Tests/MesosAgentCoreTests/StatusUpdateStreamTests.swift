import Foundation
import MesosAgentCore
import MesosModel
import Testing

struct StatusUpdateStreamTests {
    func status(_ state: TaskState, _ byte: UInt8) -> TaskStatus {
        TaskStatus(taskID: TaskID("t"), state: state, uuid: Data(repeating: byte, count: 16))
    }

    @Test func onlyTheHeadIsInFlightAndAcknowledgingItReleasesTheNext() {
        var stream = StatusUpdateStream()
        let runningIsHead = stream.append(status(.running, 1))
        #expect(runningIsHead)
        let finishedIsHead = stream.append(status(.finished, 2))
        #expect(!finishedIsHead)
        let firstSend = stream.takeDue(now: 100)
        #expect(firstSend?.state == .running)
        let earlyRetry = stream.takeDue(now: 100.5)
        #expect(earlyRetry == nil)  // backoff: not again before 1 s
        let notTheHead = stream.acknowledge(uuid: Data(repeating: 2, count: 16))
        #expect(notTheHead == nil)  // not the head: ignored
        let result = stream.acknowledge(uuid: Data(repeating: 1, count: 16))
        #expect(result?.acknowledged.state == .running)
        #expect(result?.next?.state == .finished)
        let nextSend = stream.takeDue(now: 100.6)
        #expect(nextSend?.state == .finished)
        let lastAcknowledged = stream.acknowledge(uuid: Data(repeating: 2, count: 16))
        #expect(lastAcknowledged != nil)
        #expect(stream.isEmpty)
    }

    @Test func retriesBackOffExponentiallyUpToAMinute() {
        var stream = StatusUpdateStream()
        _ = stream.append(status(.running, 1))
        var now = 0.0
        var sends: [Double] = []
        while now < 400 {
            if stream.takeDue(now: now) != nil { sends.append(now) }
            now += 0.5
        }
        let gaps = zip(sends.dropFirst(), sends).map { $0 - $1 }
        #expect(Array(gaps.prefix(7)) == [1, 2, 4, 8, 16, 32, 60])
        #expect(gaps.dropFirst(6).allSatisfy { $0 == 60 })
    }

    @Test func resendNowMakesTheHeadDueAndResetsTheBackoff() {
        var stream = StatusUpdateStream()
        _ = stream.append(status(.running, 1))
        for time in [0.0, 1, 3, 7] { _ = stream.takeDue(now: time) }
        let beforeReconnect = stream.takeDue(now: 8)
        #expect(beforeReconnect == nil)
        stream.resendNow()
        let afterReconnect = stream.takeDue(now: 8)
        #expect(afterReconnect != nil)
        #expect(stream.backoff == 2)
    }

    @Test func theStreamIsBoundedButKeepsTheHeadAndTerminalUpdates() {
        var stream = StatusUpdateStream()
        _ = stream.append(status(.running, 0))
        for index in 1...(StatusUpdateStream.maximumPending + 10) {
            _ = stream.append(status(.running, UInt8(index % 250)))
        }
        _ = stream.append(status(.finished, 255))
        #expect(stream.pending.count == StatusUpdateStream.maximumPending)
        #expect(stream.head?.uuid == Data(repeating: 0, count: 16))
        #expect(stream.pending.last?.state == .finished)
    }

    @Test func survivesACheckpointRoundTrip() throws {
        var stream = StatusUpdateStream()
        _ = stream.append(status(.running, 1))
        _ = stream.takeDue(now: 5)
        let decoded = try MesosJSON.decode(StatusUpdateStream.self, from: try MesosJSON.encode(stream))
        #expect(decoded == stream)
    }
}
