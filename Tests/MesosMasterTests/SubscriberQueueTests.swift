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

    @Test("records queued after a reserved place reach an attached reader only once it is filled, in order")
    func reservedPlaceAttachedReader() {
        let queue = SubscriberQueue(capacity: 4)
        let wakes = Wakes()
        queue.attach { wakes.wake() }
        #expect(queue.send(Array("a".utf8)))
        #expect(wakes.value == 1)
        let first = queue.reserve()
        let second = queue.reserve()
        #expect(first != nil && second != nil)
        #expect(queue.send(Array("d".utf8)))
        #expect(!queue.send(Array("e".utf8)), "reserved places count toward the capacity")
        #expect(Self.text(queue.take().records) == ["a"], "a reader stops at the first unfilled place")
        queue.fill(second!, with: Array("c".utf8))
        #expect(wakes.value == 1, "a place filled behind an unfilled one is not yet readable")
        #expect(queue.take().records.isEmpty)
        queue.finish()
        #expect(queue.take() == ([], false), "finished, but a reserved place is still to come")
        queue.fill(first!, with: Array("b".utf8))
        #expect(wakes.value == 2)
        let rest = queue.take()
        #expect(Self.text(rest.records) == ["b", "c", "d"])
        #expect(rest.finished)
        queue.fill(first!, with: Array("x".utf8))
        #expect(queue.take() == ([], true), "a place is filled once")
    }

    @Test("a waiting task waits for a reserved place, then gets it with the records behind it")
    func reservedPlaceWaitingReader() async {
        let queue = SubscriberQueue()
        let place = queue.reserve()
        #expect(queue.send(Array("y".utf8)))
        queue.finish()
        let reader = Task { await queue.nextBatch() }
        // The reader waits (nothing readable); filling the place wakes it with both records.
        try? await Task.sleep(for: .milliseconds(20))
        queue.fill(place!, with: Array("x".utf8))
        #expect(Self.text(await reader.value ?? []) == ["x", "y"])
        #expect(await queue.nextBatch() == nil)
    }

    @Test("a waiting task is not handed a record that would overtake a reserved place")
    func sendBehindReservedPlace() async {
        let queue = SubscriberQueue()
        let place = queue.reserve()
        let reader = Task { await queue.nextBatch() }
        try? await Task.sleep(for: .milliseconds(20))
        #expect(queue.send(Array("later".utf8)))
        queue.fill(place!, with: Array("first".utf8))
        #expect(Self.text(await reader.value ?? []) == ["first", "later"])
    }
}
