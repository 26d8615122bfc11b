import MesosLeaderElection
import Testing

struct LeaderLeaseTests {
    @Test func leaseHoldsUntilSessionTimeoutMinusMarginAfterTheLastRoundTripWasSent() {
        var lease = LeaderLease(sessionTimeout: .seconds(9))
        let start = ContinuousClock.now
        #expect(!lease.isValid(at: start))
        lease.renew(sentAt: start)
        #expect(lease.isValid(at: start + .seconds(5.9)))
        #expect(!lease.isValid(at: start + .seconds(6)))
        // An older round trip never shortens the lease.
        lease.renew(sentAt: start - .seconds(3))
        #expect(lease.isValid(at: start + .seconds(5.9)))
        lease.renew(sentAt: start + .seconds(2))
        #expect(lease.isValid(at: start + .seconds(7.9)))
        lease.revoke()
        #expect(!lease.isValid(at: start + .seconds(1)))
    }
}
