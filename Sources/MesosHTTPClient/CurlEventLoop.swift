import CMesosShims
import Logging
import Synchronization

/// Owns a libcurl multi handle and the one OS thread that drives it.
///
/// Every libcurl call on the multi handle and its easy handles happens on that thread. Other threads
/// only append commands to a mutex-protected queue and call `curl_multi_wakeup` (documented as
/// thread-safe), which interrupts `curl_multi_poll`. The wakeup is issued under the same lock the
/// thread takes before it cleans the multi handle up, so it never touches a freed handle.
final class CurlEventLoop: @unchecked Sendable {
    private enum Command {
        case start(CurlTransfer)
        case remove(CurlTransfer)
        case unpause(CurlTransfer)
    }

    private enum Phase {
        case running
        case stopping
        case stopped
    }

    private struct Submissions {
        var commands: [Command] = []
        var phase = Phase.running
        var terminationWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The longest the thread sleeps in `curl_multi_poll` without a wakeup or a libcurl timer.
    private static let pollIntervalMilliseconds: Int32 = 1000

    private let multi: UnsafeMutableRawPointer
    private let submissions = Mutex(Submissions())
    private let logger: Logger
    /// Transfers added to the multi handle, by easy handle. Loop thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// Creates the multi handle and starts the loop thread.
    init(configuration: HTTPClientConfiguration, logger: Logger) throws(HTTPClientError) {
        try CurlGlobal.ensureInitialized()
        guard let multi = curl_multi_init() else {
            throw .transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_multi_init failed")
        }
        self.multi = multi
        self.logger = logger
        _ = cmesos_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, configuration.connectionCacheSize))
        if let perHost = configuration.maximumConnectionsPerHost {
            _ = cmesos_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, perHost))
        }
        do {
            try DedicatedThread.start(name: "mesos-http") { [self] in run() }
        } catch {
            curl_multi_cleanup(multi)
            throw error
        }
    }

    // MARK: - Any thread

    /// Hands `transfer` to the loop; fails it with ``HTTPClientError/shutDown`` after shutdown.
    func start(_ transfer: CurlTransfer) {
        if !submit(.start(transfer)) {
            transfer.fail(.shutDown)
        }
    }

    /// Asks the loop to remove `transfer` from libcurl (its state was already settled).
    func remove(_ transfer: CurlTransfer) {
        _ = submit(.remove(transfer))
    }

    /// Asks the loop to resume a transfer paused for backpressure.
    func unpause(_ transfer: CurlTransfer) {
        _ = submit(.unpause(transfer))
    }

    /// Stops the loop without waiting: running transfers fail with ``HTTPClientError/shutDown``.
    func requestShutdown() {
        submissions.withLock { submissions in
            guard case .running = submissions.phase else { return }
            submissions.phase = .stopping
            curl_multi_wakeup(multi)
        }
    }

    /// Stops the loop and waits until its thread released every libcurl handle.
    func shutdown() async {
        requestShutdown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyStopped = submissions.withLock { submissions in
                if case .stopped = submissions.phase { return true }
                submissions.terminationWaiters.append(continuation)
                return false
            }
            if alreadyStopped { continuation.resume() }
        }
    }

    private func submit(_ command: Command) -> Bool {
        submissions.withLock { submissions in
            guard case .running = submissions.phase else { return false }
            submissions.commands.append(command)
            curl_multi_wakeup(multi)
            return true
        }
    }

    // MARK: - Loop thread

    private func run() {
        logger.debug("HTTP client thread started")
        var running: Int32 = 0
        var descriptors: Int32 = 0
        while true {
            let (commands, stopping) = submissions.withLock { submissions in
                defer { submissions.commands = [] }
                return (submissions.commands, submissions.phase != .running)
            }
            for command in commands {
                perform(command)
            }
            if stopping { break }
            let performCode = curl_multi_perform(multi, &running)
            if performCode != CURLM_OK {
                logger.warning("curl_multi_perform failed", metadata: ["code": "\(performCode.rawValue)"])
            }
            collectFinishedTransfers()
            let pollCode = curl_multi_poll(multi, nil, 0, Self.pollIntervalMilliseconds, &descriptors)
            if pollCode != CURLM_OK {
                logger.warning("curl_multi_poll failed", metadata: ["code": "\(pollCode.rawValue)"])
            }
        }
        stop()
    }

    private func perform(_ command: Command) {
        switch command {
        case .start(let transfer):
            guard !transfer.hasEnded else { return }  // cancelled before it started
            do {
                let easy = try transfer.attach()
                let code = curl_multi_add_handle(multi, easy)
                guard code == CURLM_OK else {
                    transfer.detach()
                    transfer.fail(.transport(code: Int(code.rawValue), message: "curl_multi_add_handle failed"))
                    return
                }
                active[easy] = transfer
                transfer.logger.trace("HTTP transfer started", metadata: ["url": "\(transfer.request.target.url)"])
            } catch {
                transfer.detach()
                transfer.fail(error)
            }
        case .remove(let transfer):
            guard let easy = transfer.easy, active.removeValue(forKey: easy) != nil else { return }
            curl_multi_remove_handle(multi, easy)
            transfer.detach()
        case .unpause(let transfer):
            guard let easy = transfer.easy, active[easy] != nil else { return }
            _ = cmesos_curl_easy_unpause(easy)
        }
    }

    private func collectFinishedTransfers() {
        while true {
            let done = cmesos_curl_multi_next_done(multi)
            guard let easy = done.easy else { return }
            guard let transfer = active.removeValue(forKey: easy) else {
                curl_multi_remove_handle(multi, easy)
                continue
            }
            curl_multi_remove_handle(multi, easy)
            transfer.complete(code: done.result)
            transfer.detach()
        }
    }

    private func stop() {
        let (leftovers, waiters) = submissions.withLock { submissions in
            defer {
                submissions.commands = []
                submissions.terminationWaiters = []
            }
            submissions.phase = .stopped
            return (submissions.commands, submissions.terminationWaiters)
        }
        for command in leftovers {
            if case .start(let transfer) = command {
                transfer.fail(.shutDown)
            }
        }
        for (easy, transfer) in active {
            curl_multi_remove_handle(multi, easy)
            transfer.fail(.shutDown)
            transfer.detach()
        }
        active = [:]
        curl_multi_cleanup(multi)
        logger.debug("HTTP client thread stopped")
        for waiter in waiters {
            waiter.resume()
        }
    }
}
