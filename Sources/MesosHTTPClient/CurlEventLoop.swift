import CMesosShims
import Logging
import Synchronization

/// Owns a libcurl multi handle and the one OS thread that drives it.
///
/// The thread waits in epoll for the sockets libcurl asks to watch and acts on the ready ones only
/// (`curl_multi_socket_action`, via `CMesosCurlSocketLoop`): a client with thousands of open
/// streams pays per ready socket, not per transfer, on each wakeup.
///
/// Every libcurl call on the multi handle and its easy handles happens on that thread. Other threads
/// only append commands to a mutex-protected queue and write to the loop's eventfd, which wakes the
/// thread up: outside the lock (a system call under it made the loop thread spin for the lock on
/// every request), and only when no wakeup is pending yet. The eventfd and epoll descriptors live
/// until the object is freed, which cannot happen while a submitter holds it.
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
        /// A wakeup was written since the loop last took the commands.
        var wakeupPending = false
        var phase = Phase.running
        var terminationWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// The longest the thread sleeps in epoll without a wakeup, a ready socket or a libcurl timer.
    private static let pollIntervalMilliseconds: Int32 = 1000

    private let multi: UnsafeMutableRawPointer
    private let socketLoop: OpaquePointer
    private let submissions = Mutex(Submissions())
    private let logger: Logger
    /// Transfers added to the multi handle, by easy handle. Loop thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// Easy handles of finished transfers, options reset, for the next ones (libcurl's advice:
    /// reusing a handle saves its allocation and setup per request). Loop thread only.
    private var idleHandles: [UnsafeMutableRawPointer] = []
    /// The most idle easy handles kept.
    private static let idleHandleLimit = 64

    /// Creates the multi handle and starts the loop thread.
    init(configuration: HTTPClientConfiguration, logger: Logger) throws(HTTPClientError) {
        try CurlGlobal.ensureInitialized()
        guard let multi = curl_multi_init() else {
            throw .transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_multi_init failed")
        }
        guard let socketLoop = cmesos_curl_socket_loop_create(multi) else {
            curl_multi_cleanup(multi)
            throw .transport(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "cannot create the epoll loop for libcurl")
        }
        self.multi = multi
        self.socketLoop = socketLoop
        self.logger = logger
        _ = cmesos_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(1, configuration.connectionCacheSize))
        if let perHost = configuration.maximumConnectionsPerHost {
            _ = cmesos_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, perHost))
        }
        do {
            try DedicatedThread.start(name: "mesos-http") { [self] in run() }
        } catch {
            // Every property is set, so the failed init still runs deinit, which frees the loop.
            curl_multi_cleanup(multi)
            throw error
        }
    }

    deinit {
        // After the thread stopped (it holds the object while it runs): a submitter may still have
        // written a wakeup after the loop's last look at the queue.
        cmesos_curl_socket_loop_destroy(socketLoop)
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
            cmesos_curl_socket_loop_wakeup(socketLoop)
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
        let wakeup: Bool? = submissions.withLock { submissions in
            guard case .running = submissions.phase else { return nil }
            submissions.commands.append(command)
            defer { submissions.wakeupPending = true }
            return !submissions.wakeupPending
        }
        guard let wakeup else { return false }
        if wakeup { cmesos_curl_socket_loop_wakeup(socketLoop) }
        return true
    }

    // MARK: - Loop thread

    private func run() {
        logger.debug("HTTP client thread started")
        while true {
            let (commands, stopping) = submissions.withLock { submissions in
                defer {
                    submissions.commands = []
                    submissions.wakeupPending = false
                }
                return (submissions.commands, submissions.phase != .running)
            }
            for command in commands {
                perform(command)
            }
            if stopping { break }
            let code = cmesos_curl_socket_loop_run_once(socketLoop, Self.pollIntervalMilliseconds)
            if code != CURLM_OK {
                logger.warning("curl_multi_socket_action failed", metadata: ["code": "\(code.rawValue)"])
            }
            collectFinishedTransfers()
        }
        stop()
    }

    private func perform(_ command: Command) {
        switch command {
        case .start(let transfer):
            guard !transfer.hasEnded else { return }  // cancelled before it started
            do {
                let easy = try transfer.attach(reusing: idleHandles.popLast())
                let code = curl_multi_add_handle(multi, easy)
                guard code == CURLM_OK else {
                    recycle(transfer.detach())
                    transfer.fail(.transport(code: Int(code.rawValue), message: "curl_multi_add_handle failed"))
                    return
                }
                active[easy] = transfer
                transfer.logger.trace("HTTP transfer started", metadata: ["url": "\(transfer.request.target.url)"])
            } catch {
                recycle(transfer.detach())
                transfer.fail(error)
            }
        case .remove(let transfer):
            guard let easy = transfer.easy, active.removeValue(forKey: easy) != nil else { return }
            curl_multi_remove_handle(multi, easy)
            recycle(transfer.detach())
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
            recycle(transfer.detach())
        }
    }

    /// Keeps a detached easy handle for reuse (its options reset), or cleans it up.
    private func recycle(_ easy: UnsafeMutableRawPointer?) {
        guard let easy else { return }
        if idleHandles.count < Self.idleHandleLimit {
            curl_easy_reset(easy)
            idleHandles.append(easy)
        } else {
            curl_easy_cleanup(easy)
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
            if let easy = transfer.detach() { curl_easy_cleanup(easy) }
        }
        active = [:]
        idleHandles.forEach(curl_easy_cleanup)
        idleHandles = []
        curl_multi_cleanup(multi)
        logger.debug("HTTP client thread stopped")
        for waiter in waiters {
            waiter.resume()
        }
    }
}
