import Foundation
import MesosModel
import MesosResources
import MesosScheduler

/// The `launch` benchmark's framework: one `SchedulerClient` whose events are read by one task;
/// it keeps the outstanding offers (all of its one agent) and the time each task was first seen RUNNING or terminal (taken when
/// the update arrives, so waiting for them by polling costs no accuracy).
actor LaunchFramework {
    let client: SchedulerClient
    private var offers: [OfferID: Offer] = [:]
    private(set) var runningAt: [TaskID: ContinuousClock.Instant] = [:]
    private(set) var terminal: [TaskID: TaskStatus] = [:]
    private var ended: String?
    private var reader: Task<Void, Never>?

    init(client: SchedulerClient) {
        self.client = client
    }

    /// Starts reading the client's events.
    func start() {
        let client = self.client
        reader = Task { [weak self] in
            do {
                for try await event in client.events { await self?.handle(event) }
                await self?.end("the event stream ended")
            } catch {
                await self?.end("the event stream failed: \(error)")
            }
        }
    }

    private func handle(_ event: SchedulerEvent) {
        switch event {
        case .offers(let new):
            for offer in new { offers[offer.id] = offer }
        case .offerRescinded(let id):
            offers[id] = nil
        case .statusUpdate(let status):
            if status.state == .running, runningAt[status.taskID] == nil {
                runningAt[status.taskID] = .now
            }
            if status.state.isTerminal { terminal[status.taskID] = status }
        default:
            break
        }
    }

    private func end(_ reason: String) {
        if ended == nil { ended = reason }
    }

    /// Waits until the outstanding offers together hold `needed`, and takes them all (to be used
    /// in one ACCEPT: they are all of the one agent).
    func takeOffers(covering needed: Resources, timeout: Duration = .seconds(60)) async throws -> [Offer] {
        try await poll(timeout, "offers of \(needed)") {
            var total = Resources()
            for offer in offers.values { total += Resources(offer.resources).unallocated() }
            guard total.contains(needed) else { return nil }
            defer { offers = [:] }
            return Array(offers.values)
        }
    }

    /// Waits until every task of `ids` is RUNNING and returns when the last one was; throws when
    /// one ended first.
    func lastRunning(_ ids: [TaskID], timeout: Duration = .seconds(300)) async throws -> ContinuousClock.Instant {
        try await poll(timeout, "\(ids.count) task(s) RUNNING") {
            var last: ContinuousClock.Instant?
            for id in ids {
                if let status = terminal[id], runningAt[id] == nil {
                    throw BenchmarkError("task \(id.value) ended \(status.state.rawValue) before it ran: \(status.message ?? "")")
                }
                guard let at = runningAt[id] else { return nil }
                last = max(last ?? at, at)
            }
            return last
        }
    }

    /// Waits until every task of `ids` reached a terminal state.
    func waitTerminal(_ ids: [TaskID], timeout: Duration = .seconds(120)) async throws {
        _ = try await poll(timeout, "\(ids.count) task(s) to end") {
            ids.allSatisfy { terminal[$0] != nil } ? true : nil
        }
    }

    /// Stops reading events and shuts the client down.
    func stop() async {
        reader?.cancel()
        await client.shutdown()
    }

    private func poll<T>(_ timeout: Duration, _ what: String, _ check: () throws -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let value = try check() { return value }
            if let ended { throw BenchmarkError("waiting for \(what): \(ended)") }
            guard ContinuousClock.now < deadline else { throw BenchmarkError("no \(what) within \(timeout)") }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
