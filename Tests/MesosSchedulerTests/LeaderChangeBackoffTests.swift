import Foundation
import MesosModel
@testable import MesosScheduler
import Testing

/// After failed attempts on a master that went down, a newly elected master starts the backoff over:
/// its first refusal (e.g. 503 while it recovers) is retried after the initial delay, not after the
/// delay grown on its predecessor.
@Suite struct LeaderChangeBackoffTests {
    @Test func aNewLeaderStartsTheBackoffOver() {
        var machine = SchedulerStateMachine(
            frameworkInfo: FrameworkInfo(user: "u", name: "n"),
            backoff: RetryBackoff(initial: .milliseconds(500), maximum: .seconds(30)))
        let old = MasterEndpoint(host: "m1", port: 5050)
        var delays: [Duration] = []
        for _ in 0..<5 {
            _ = machine.subscribe(to: old)
            delays.append(machine.connectionFailed(random: 0))
        }
        #expect(delays.last == .seconds(4))
        #expect(machine.failedAttempts == 5)

        machine.leaderChanged()
        #expect(machine.failedAttempts == 0)
        _ = machine.subscribe(to: MasterEndpoint(host: "m2", port: 5050))
        let outcome = machine.subscribeAnswered(
            status: 503, streamID: nil, location: nil, message: "Master has not finished recovery", random: 0)
        guard case .retry(let delay, _) = outcome else {
            Issue.record("a 503 is retried, got \(outcome)")
            return
        }
        #expect(delay == .milliseconds(250))
    }
}
