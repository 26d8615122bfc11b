import Foundation
import MesosScheduler

/// A classic scheduler that records its callbacks and launches one task on the first offer.
actor RecordingScheduler: Scheduler {
    private(set) var log: [String] = []
    private(set) var statuses: [TaskStatus] = []
    private(set) var frameworkID: FrameworkID?
    private var launched = false

    func registered(_ driver: any SchedulerDriver, frameworkID: FrameworkID, masterInfo: MasterInfo?) async {
        self.frameworkID = frameworkID
        log.append("registered")
    }

    func reregistered(_ driver: any SchedulerDriver, masterInfo: MasterInfo?) async {
        log.append("reregistered")
    }

    func disconnected(_ driver: any SchedulerDriver) async {
        log.append("disconnected")
    }

    func resourceOffers(_ driver: any SchedulerDriver, offers: [Offer]) async {
        log.append("offers \(offers.count)")
        for offer in offers {
            if launched {
                driver.declineOffer(offer.id, filters: nil)
            } else {
                launched = true
                let task = TaskInfo(name: "recorded", taskID: TaskID("recorded-1"), agentID: offer.agentID,
                                    command: CommandInfo(value: "true"))
                driver.launchTasks(offerIDs: [offer.id], tasks: [task], filters: nil)
            }
        }
    }

    func statusUpdate(_ driver: any SchedulerDriver, status: TaskStatus) async {
        // Give an acknowledgement sent too early a chance to show up before this returns.
        try? await Task.sleep(for: .milliseconds(100))
        statuses.append(status)
        log.append("status \(status.taskID.value) \(status.state.rawValue)")
    }

    func error(_ driver: any SchedulerDriver, message: String) async {
        log.append("error \(message)")
    }
}
