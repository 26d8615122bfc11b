import CMesosShims

/// A pending asynchronous ZooKeeper call: passed to the C API as its `data` pointer (retained
/// once), released by exactly one call of ``complete(_:_:_:)`` on ZooKeeper's completion thread.
final class ZooKeeperCompletion<Value: Sendable>: Sendable {
    let operation: String
    let path: String?
    let continuation: CheckedContinuation<Value, Error>

    init(operation: String, path: String?, continuation: CheckedContinuation<Value, Error>) {
        self.operation = operation
        self.path = path
        self.continuation = continuation
    }

    /// Resumes the call that `data` stands for: with `value()` (evaluated now, while ZooKeeper's
    /// buffers are valid) when `rc` is ZOK, with a ``ZooKeeperError`` otherwise.
    static func complete(_ data: UnsafeRawPointer?, _ rc: Int32, _ value: () -> Value) {
        guard let data else { return }
        let object = Unmanaged<AnyObject>.fromOpaque(data).takeRetainedValue()
        guard let completion = object as? ZooKeeperCompletion<Value> else {
            preconditionFailure("ZooKeeper completion of \(type(of: object)) completed as \(Value.self)")
        }
        if rc == Int32(ZOK.rawValue) {
            completion.continuation.resume(returning: value())
        } else {
            completion.continuation.resume(throwing: ZooKeeperError(code: rc, operation: completion.operation, path: completion.path))
        }
    }
}
