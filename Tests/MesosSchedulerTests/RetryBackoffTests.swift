import MesosScheduler
import Testing

@Suite struct RetryBackoffTests {
    let backoff = RetryBackoff(initial: .milliseconds(100), maximum: .seconds(1))

    @Test func doublesUpToTheCap() {
        #expect(backoff.delay(attempt: 0, random: 1) == .milliseconds(100))
        #expect(backoff.delay(attempt: 1, random: 1) == .milliseconds(200))
        #expect(backoff.delay(attempt: 3, random: 1) == .milliseconds(800))
        #expect(backoff.delay(attempt: 4, random: 1) == .seconds(1))
        #expect(backoff.delay(attempt: 1000, random: 1) == .seconds(1))
    }

    @Test func jitterSpansHalfToAllOfTheBase() {
        #expect(backoff.delay(attempt: 2, random: 0) == .milliseconds(200))
        #expect(backoff.delay(attempt: 2, random: 0.5) == .milliseconds(300))
        #expect(backoff.delay(attempt: 2, random: 7) == .milliseconds(400))
        #expect(backoff.delay(attempt: -3, random: -1) == .milliseconds(50))
    }

    @Test func maximumBelowInitialIsRaised() {
        #expect(RetryBackoff(initial: .seconds(2), maximum: .seconds(1)).maximum == .seconds(2))
    }
}
