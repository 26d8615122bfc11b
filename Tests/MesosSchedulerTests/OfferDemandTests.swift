import MesosModel
import MesosScheduler
import Testing

@Suite struct OfferDemandTests {
    @Test func sendsACallOnlyWhenTheNeedChanges() {
        var demand = OfferDemand()
        #expect(demand.update(hasWork: true) == nil)
        #expect(demand.update(hasWork: false) == .suppress)
        #expect(demand.isSuppressed)
        #expect(demand.update(hasWork: false) == nil)
        #expect(demand.update(hasWork: true) == .revive)
        #expect(demand.update(hasWork: true) == nil)
        _ = demand.update(hasWork: false)
        demand.resubscribed()
        #expect(demand.update(hasWork: false) == .suppress)
    }

    @Test func defaultsAvoidMesosTraps() {
        let info = SchedulerDefaults.applied(to: FrameworkInfo(user: "u", name: "n"))
        #expect(info.failoverTimeout == Double(7 * 24 * 3600))
        #expect(info.checkpoint == true)
        let kept = SchedulerDefaults.applied(to: FrameworkInfo(user: "u", name: "n", failoverTimeout: 60, checkpoint: false))
        #expect(kept.failoverTimeout == 60)
        #expect(kept.checkpoint == false)
        #expect(SchedulerDefaults.declineFilters.refuseSeconds ?? 0 >= 600)
    }
}
