import Synchronization
import Testing

@testable import MesosMaster

/// The queue's two readers: a waiting task, and an attached reader woken without a task (an HTTP/2
/// stream's handler).
@Suite("SubscriberQueue")
struct SubscriberQueueTests {
    /// Counts wake-ups.
    final class Wakes: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func wake() { count.withLock { $0 += 1 } }
    }

    static func text(_ records: [[UInt8]]) -> [String] {
        records.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("an attached reader is woken once per batch, takes every record queued, and learns of the end")
    func attachedReader() {
        let queue = SubscriberQueue(capacity: 10)
        let wakes = Wakes()
        #expect(queue.send(Array("a".utf8)))
        queue.attach { wakes.wake() }
        #expect(wakes.value == 1, "a queue holding records wakes its reader when attached")
        #expect(queue.send(Array("b".utf8)))
        #expect(wakes.value == 1, "no second wake-up before the reader takes")
        let first = queue.take()
        #expect(Self.text(first.records) == ["a", "b"])
        #expect(!first.finished)
        #expect(queue.take().records.isEmpty)
        #expect(queue.send(Array("c".utf8)))
        #expect(wakes.value == 2)
        queue.finish()
        #expect(wakes.value == 2, "finishing wakes only a reader that has no wake-up due")
        let last = queue.take()
        #expect(Self.text(last.records) == ["c"])
        #expect(last.finished)
        #expect(!queue.send(Array("d".utf8)), "a finished queue takes nothing")
        #expect(wakes.value == 2)
    }

    @Test("finishing an empty queue wakes its attached reader; attaching to an empty open queue does not")
    func finishWakes() {
        let queue = SubscriberQueue()
        let wakes = Wakes()
        queue.attach { wakes.wake() }
        #expect(wakes.value == 0)
        queue.finish()
        #expect(wakes.value == 1)
        #expect(queue.take() == ([], true))
        queue.finish()
        #expect(wakes.value == 1, "a second finish is no news")
    }

    @Test("a reader that does not take lets the queue overflow at its capacity")
    func overflowWithoutTaking() {
        let queue = SubscriberQueue(capacity: 3)
        queue.attach {}
        #expect((0..<3).allSatisfy { queue.send([UInt8($0)]) })
        #expect(!queue.send([3]))
        #expect(queue.take().records.count == 3)
        #expect(queue.send([4]))
    }

    @Test("a waiting task gets the records queued, then nil once finished")
    func waitingReader() async {
        let queue = SubscriberQueue()
        #expect(queue.send(Array("x".utf8)))
        #expect(Self.text(await queue.nextBatch() ?? []) == ["x"])
        let reader = Task { await queue.nextBatch() }
        while !queue.send(Array("y".utf8)) {}
        #expect(Self.text(await reader.value ?? []) == ["y"])
        queue.finish()
        #expect(await queue.nextBatch() == nil)
    }
}
