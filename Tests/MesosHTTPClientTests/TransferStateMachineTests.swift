import Testing
@testable import MesosHTTPClient

/// The state machine with plain integers standing in for continuations.
@Suite struct TransferStateMachineTests {
    typealias Machine = TransferStateMachine<Int, Int>

    private func taken(_ machine: inout Machine) -> Machine.TakeResult { machine.takeChunk() }

    @Test func buffersUntilTheLimitThenPausesAndUnpausesAtHalf() {
        var machine = Machine(bufferLimit: 100)
        guard case .submit = machine.registerHeadWaiter(1) else { Issue.record("expected submit"); return }
        #expect(machine.receivedHead() == 1)
        for _ in 0..<4 {
            guard case .accept = machine.receivedBody(Array(repeating: 1, count: 30)) else { Issue.record("expected accept"); return }
        }
        #expect(machine.bufferedBytes == 120)
        guard case .pause = machine.receivedBody([9]) else { Issue.record("expected pause at the limit"); return }
        #expect(machine.isPaused)
        #expect(machine.bufferedBytes == 120, "a refused chunk is not buffered: libcurl delivers it again")

        #expect(taken(&machine) == .chunk(Array(repeating: 1, count: 30), unpause: false))  // 90 left
        #expect(taken(&machine) == .chunk(Array(repeating: 1, count: 30), unpause: false))  // 60 left
        #expect(taken(&machine) == .chunk(Array(repeating: 1, count: 30), unpause: true))   // 30 left <= 50
        #expect(!machine.isPaused)
        guard case .accept = machine.receivedBody([9]) else { Issue.record("expected accept after unpause"); return }
        #expect(taken(&machine) == .chunk(Array(repeating: 1, count: 30), unpause: false))
        #expect(taken(&machine) == .chunk([9], unpause: false))
        #expect(taken(&machine) == .mustWait)
    }

    @Test func waitingConsumerGetsChunksDirectlyAndTheEnd() {
        var machine = Machine(bufferLimit: 10)
        guard case .wait = machine.waitForChunk(7) else { Issue.record("expected wait"); return }
        guard case .deliver(let waiter, let chunk) = machine.receivedBody([1, 2]) else { Issue.record("expected deliver"); return }
        #expect(waiter == 7 && chunk == [1, 2])
        #expect(machine.bufferedBytes == 0)

        guard case .wait = machine.waitForChunk(8) else { Issue.record("expected wait"); return }
        let wakeups = machine.completed(.finished)
        #expect(wakeups.chunk?.0 == 8)
        #expect(wakeups.chunk?.1 == .end)
    }

    @Test func bufferedChunksStayReadableAfterAFailureThenTheErrorIsReported() {
        var machine = Machine(bufferLimit: 10)
        _ = machine.receivedBody([1])
        _ = machine.completed(.failed(.timedOut(url: "u")))
        #expect(taken(&machine) == .chunk([1], unpause: false))
        #expect(taken(&machine) == .failed(.timedOut(url: "u")))
    }

    @Test func cancelFailsWaitersDropsBufferAndAbortsLaterChunks() {
        var machine = Machine(bufferLimit: 10)
        _ = machine.registerHeadWaiter(1)
        let cancellation = machine.cancel(.cancelled)
        #expect(cancellation.head == 1)
        #expect(cancellation.removeTransfer)
        guard case .abort = machine.receivedBody([1]) else { Issue.record("expected abort"); return }
        #expect(machine.receivedHead() == nil)
        #expect(machine.completed(.finished).head == nil, "completion after cancel wakes nobody")
        #expect(taken(&machine) == .failed(.cancelled))
        #expect(machine.cancel(.cancelled).removeTransfer == false, "cancel is idempotent")
    }

    @Test func cancelBeforeRegistrationFailsTheLateWaiter() {
        var machine = Machine(bufferLimit: 10)
        _ = machine.cancel(.cancelled)
        guard case .fail(let waiter, let error) = machine.registerHeadWaiter(3) else { Issue.record("expected fail"); return }
        #expect(waiter == 3 && error == .cancelled)
    }

    @Test func completionWithoutHeadFailsTheHeadWaiter() {
        var machine = Machine(bufferLimit: 10)
        _ = machine.registerHeadWaiter(1)
        let wakeups = machine.completed(.failed(.couldNotConnect(host: "h", port: 1)))
        #expect(wakeups.head?.0 == 1)
        #expect(wakeups.head?.1 == .couldNotConnect(host: "h", port: 1))
    }

    @Test func secondConcurrentConsumerIsRefused() {
        var machine = Machine(bufferLimit: 10)
        _ = machine.waitForChunk(1)
        guard case .resume(let waiter, .failed(.invalidRequest)) = machine.waitForChunk(2) else {
            Issue.record("expected the second waiter to be refused"); return
        }
        #expect(waiter == 2)
    }
}
