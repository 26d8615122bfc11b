import CMesosShims
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An async/await client for one ZooKeeper session, over libzookeeper_mt's asynchronous C API.
///
/// ZooKeeper's own threads run the completions and watchers; they only resume continuations and
/// yield into streams, so no Swift concurrency thread ever blocks on ZooKeeper. One client is one
/// session: once ``state`` becomes ``ZooKeeperSessionState/expired`` the session and its ephemeral
/// nodes are gone, and a new client must be created.
public final class ZooKeeperClient: Sendable {
    /// The servers this client connects to (`host:port,...`).
    public let connectString: String
    /// The session timeout requested from the servers.
    public let sessionTimeout: Duration

    private let handle: Mutex<ZooKeeperHandle?>
    private let session: ZooKeeperSessionContext
    private let logger: Logger

    /// Starts connecting to `connectString`; use ``waitUntilConnected(timeout:)`` or
    /// ``connect(url:sessionTimeout:connectTimeout:logger:)`` to wait for the session.
    public init(connectString: String, sessionTimeout: Duration = .seconds(10), logger: Logger) throws(ZooKeeperError) {
        ZooKeeperLogLevel.quietOnce()
        self.connectString = connectString
        self.sessionTimeout = sessionTimeout
        self.logger = logger
        let session = ZooKeeperSessionContext(logger: logger)
        self.session = session
        let timeoutMs = Int32(clamping: sessionTimeout.components.seconds * 1000
                              + sessionTimeout.components.attoseconds / 1_000_000_000_000_000)
        let context = Unmanaged.passRetained(session).toOpaque()
        let zh = zookeeper_init(connectString, { _, type, state, _, context in
            guard let context else { return }
            let session = Unmanaged<ZooKeeperSessionContext>.fromOpaque(context).takeUnretainedValue()
            if type == cmesos_zoo_event_session() {
                session.update(ZooKeeperSessionState.from(cState: state))
            }
        }, timeoutMs, nil, context, 0)
        guard let zh else {
            Unmanaged<ZooKeeperSessionContext>.fromOpaque(context).release()
            throw ZooKeeperError(code: Int32(errno), message: "zookeeper_init failed for '\(connectString)': \(String(cString: strerror(errno)))")
        }
        self.handle = Mutex(ZooKeeperHandle(pointer: zh))
    }

    /// Connects to the servers of `url`, waits for the session and authenticates with the URL's
    /// digest credentials when it has them.
    public static func connect(
        url: ZooKeeperURL,
        sessionTimeout: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(15),
        logger: Logger
    ) async throws -> ZooKeeperClient {
        let client = try ZooKeeperClient(connectString: url.connectString, sessionTimeout: sessionTimeout, logger: logger)
        do {
            try await client.waitUntilConnected(timeout: connectTimeout)
            if let credentials = url.credentials {
                try await client.addDigestAuthentication(credentials)
            }
        } catch {
            await client.close()
            throw error
        }
        return client
    }

    deinit {
        // A client dropped without ``close()``: zookeeper_close joins ZooKeeper's threads and waits
        // for the server, so it runs on a thread of its own (whoever released the client may be a
        // Swift concurrency thread).
        if let zh = handle.withLock({ $0.take() }) {
            let session = self.session
            BlockingJob {
                zookeeper_close(zh.pointer)
                session.finish()
                Unmanaged.passUnretained(session).release()  // the reference zookeeper_init held
            }.start()
        }
    }

    // MARK: Session

    /// The current session state.
    public var state: ZooKeeperSessionState { session.current }

    /// The session id assigned by the servers (0 before the first connection).
    public var sessionID: Int64 {
        handle.withLock { zh in zh.flatMap { zoo_client_id($0.pointer)?.pointee.client_id } ?? 0 }
    }

    /// The current state followed by every later change, until the client is closed.
    public func sessionStates() -> AsyncStream<ZooKeeperSessionState> {
        session.subscribe()
    }

    /// Waits until the session is connected; throws when it expires, authentication fails,
    /// the client is closed or `timeout` passes first.
    public func waitUntilConnected(timeout: Duration) async throws {
        let states = sessionStates()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await state in states {
                    switch state {
                    case .connected: return
                    case .connecting: continue
                    case .expired, .authenticationFailed, .closed:
                        throw ZooKeeperError(code: 0, message: "ZooKeeper session \(state) while connecting to \(self.connectString)")
                    }
                }
                throw CancellationError()
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ZooKeeperError(
                    code: ZooKeeperError.connectionLossCode,
                    message: "Could not connect to ZooKeeper at \(self.connectString) within \(timeout); is it running?")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Adds digest credentials (`user:password`) to the session.
    public func addDigestAuthentication(_ credentials: ZooKeeperCredentials) async throws {
        let cert = "\(credentials.user):\(credentials.password)"
        let _: Void = try await perform(operation: "authenticate", path: nil) { zh, box in
            zoo_add_auth(zh, "digest", cert, Int32(cert.utf8.count), { rc, data in
                ZooKeeperCompletion<Void>.complete(data, rc) { () }
            }, box)
        }
    }

    /// Closes the session: its ephemeral nodes are deleted at once.
    public func close() async {
        guard let zh = handle.withLock({ $0.take() }) else { return }
        // zookeeper_close joins ZooKeeper's threads and waits for the server: keep it off the cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let job = BlockingJob {
                zookeeper_close(zh.pointer)
                continuation.resume()
            }
            job.start()
        }
        session.finish()
        Unmanaged.passUnretained(session).release()  // the reference zookeeper_init held
    }

    // MARK: Operations

    /// Creates a node and returns its actual path (with the sequence suffix for sequential nodes).
    @discardableResult
    public func create(_ path: String, data: [UInt8] = [], mode: ZooKeeperCreateMode = .persistent) async throws -> String {
        try await perform(operation: "create", path: path) { zh, box in
            data.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    zoo_acreate(zh, path, chars.baseAddress, Int32(data.count), cmesos_zoo_open_acl_unsafe(),
                                mode.rawValue, { rc, value, data in
                        ZooKeeperCompletion<String>.complete(data, rc) { value.map { String(cString: $0) } ?? "" }
                    }, box)
                }
            }
        }
    }

    /// Creates `path` and any missing parents as persistent nodes; an existing node is fine.
    public func createPath(_ path: String) async throws {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            do {
                try await create(prefix)
            } catch let error as ZooKeeperError where error.isNodeExists {
                continue
            }
        }
    }

    /// Reads a node's data and stat.
    public func get(_ path: String) async throws -> (data: [UInt8], stat: ZooKeeperNodeStat) {
        let (data, stat): ([UInt8], ZooKeeperNodeStat) = try await perform(operation: "get", path: path) { zh, box in
            zoo_aget(zh, path, 0, Self.dataCompletion, box)
        }
        return (data, stat)
    }

    /// Reads a node's data and stat and sets a one-shot watch on it.
    public func getAndWatch(_ path: String) async throws -> (data: [UInt8], stat: ZooKeeperNodeStat, watch: ZooKeeperWatch) {
        let watch = session.makeWatch()
        do {
            let (data, stat): ([UInt8], ZooKeeperNodeStat) = try await perform(operation: "get", path: path) { zh, box in
                zoo_awget(zh, path, Self.watcher, watch.context, Self.dataCompletion, box)
            }
            return (data, stat, watch)
        } catch {
            session.dropWatch(watch)
            throw error
        }
    }

    /// Writes a node's data; with `version` other than -1 only if the node is still at that version
    /// (compare-and-set: a mismatch throws an error whose ``ZooKeeperError/isBadVersion`` is true).
    @discardableResult
    public func set(_ path: String, data: [UInt8], version: Int32 = -1) async throws -> ZooKeeperNodeStat {
        try await perform(operation: "set", path: path) { zh, box in
            data.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    zoo_aset(zh, path, chars.baseAddress, Int32(data.count), version, Self.statCompletion, box)
                }
            }
        }
    }

    /// Deletes a node; with `version` other than -1 only if it is still at that version.
    public func delete(_ path: String, version: Int32 = -1) async throws {
        let _: Void = try await perform(operation: "delete", path: path) { zh, box in
            zoo_adelete(zh, path, version, { rc, data in
                ZooKeeperCompletion<Void>.complete(data, rc) { () }
            }, box)
        }
    }

    /// The node's stat, or nil when it does not exist.
    public func exists(_ path: String) async throws -> ZooKeeperNodeStat? {
        do {
            let stat: ZooKeeperNodeStat = try await perform(operation: "exists", path: path) { zh, box in
                zoo_aexists(zh, path, 0, Self.statCompletion, box)
            }
            return stat
        } catch let error as ZooKeeperError where error.isNoNode {
            return nil
        }
    }

    /// Whether the node exists, with a one-shot watch for its creation, deletion or change.
    public func existsAndWatch(_ path: String) async throws -> (stat: ZooKeeperNodeStat?, watch: ZooKeeperWatch) {
        let watch = session.makeWatch()
        do {
            let stat: ZooKeeperNodeStat = try await perform(operation: "exists", path: path) { zh, box in
                zoo_awexists(zh, path, Self.watcher, watch.context, Self.statCompletion, box)
            }
            return (stat, watch)
        } catch let error as ZooKeeperError where error.isNoNode {
            return (nil, watch)  // ZooKeeper keeps the watch for the node's creation.
        } catch {
            session.dropWatch(watch)
            throw error
        }
    }

    /// The names (not paths) of a node's children.
    public func children(_ path: String) async throws -> [String] {
        try await perform(operation: "get children of", path: path) { zh, box in
            zoo_aget_children(zh, path, 0, Self.childrenCompletion, box)
        }
    }

    /// The names of a node's children and a one-shot watch for a change of them.
    public func childrenAndWatch(_ path: String) async throws -> (children: [String], watch: ZooKeeperWatch) {
        let watch = session.makeWatch()
        do {
            let children: [String] = try await perform(operation: "get children of", path: path) { zh, box in
                zoo_awget_children(zh, path, Self.watcher, watch.context, Self.childrenCompletion, box)
            }
            return (children, watch)
        } catch {
            session.dropWatch(watch)
            throw error
        }
    }

    /// The children of `path` now and after every change, until the session ends or the
    /// consumer stops iterating. The sequence ends with an error when the node is deleted
    /// or the session expires.
    public func watchChildren(_ path: String) -> AsyncThrowingStream<[String], Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    while !Task.isCancelled {
                        let (children, watch) = try await self.childrenAndWatch(path)
                        continuation.yield(children)
                        let event = await watch.event()
                        if case .session(let state) = event, state != .connected, state != .connecting {
                            throw ZooKeeperError(code: ZooKeeperError.sessionExpiredCode,
                                                 message: "ZooKeeper session \(state) while watching \(path)")
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: C plumbing

    private func perform<T: Sendable>(
        operation: String,
        path: String?,
        _ submit: (OpaquePointer, UnsafeRawPointer) -> Int32
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let completion = ZooKeeperCompletion<T>(operation: operation, path: path, continuation: continuation)
            let box = UnsafeRawPointer(Unmanaged.passRetained(completion).toOpaque())
            let rc: Int32 = handle.withLock { zh in
                guard let zh else { return Int32(ZINVALIDSTATE.rawValue) }
                return submit(zh.pointer, box)
            }
            if rc != Int32(ZOK.rawValue) {
                // The completion will never be called: release it here.
                Unmanaged<ZooKeeperCompletion<T>>.fromOpaque(box).release()
                continuation.resume(throwing: ZooKeeperError(code: rc, operation: operation, path: path))
            }
        }
    }

    private static let dataCompletion: data_completion_t = { rc, value, length, stat, data in
        ZooKeeperCompletion<([UInt8], ZooKeeperNodeStat)>.complete(data, rc) {
            let bytes: [UInt8]
            if let value, length > 0 {
                bytes = value.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    Array(UnsafeBufferPointer(start: $0, count: Int(length)))
                }
            } else {
                bytes = []
            }
            return (bytes, stat.map { ZooKeeperNodeStat($0.pointee) } ?? ZooKeeperNodeStat(Stat()))
        }
    }

    private static let statCompletion: stat_completion_t = { rc, stat, data in
        ZooKeeperCompletion<ZooKeeperNodeStat>.complete(data, rc) {
            stat.map { ZooKeeperNodeStat($0.pointee) } ?? ZooKeeperNodeStat(Stat())
        }
    }

    private static let childrenCompletion: strings_completion_t = { rc, strings, data in
        // The library frees the String_vector after this returns: copy now.
        ZooKeeperCompletion<[String]>.complete(data, rc) {
            guard let strings = strings?.pointee, let items = strings.data else { return [] }
            return (0..<Int(strings.count)).compactMap { index in items[index].map { String(cString: $0) } }
        }
    }

    private static let watcher: watcher_fn = { zh, type, state, _, watchContext in
        guard let zh, let context = zoo_get_context(zh) else { return }
        let session = Unmanaged<ZooKeeperSessionContext>.fromOpaque(context).takeUnretainedValue()
        session.fire(watchContext: watchContext, event: ZooKeeperWatchEvent.from(type: type, state: state))
    }
}

/// The `zhandle_t *` of a session. libzookeeper_mt's API is thread-safe; the client only
/// touches the handle under its lock and closes it exactly once.
private struct ZooKeeperHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
