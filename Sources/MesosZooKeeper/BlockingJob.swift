#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a blocking closure on a detached POSIX thread of its own, so that blocking C calls
/// (such as `zookeeper_close`) never occupy a Swift concurrency thread.
final class BlockingJob: @unchecked Sendable {
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            let job = Unmanaged<BlockingJob>.fromOpaque(context).takeRetainedValue()
            job.body()
            return nil
        }, context)
        if rc == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<BlockingJob>.fromOpaque(context).takeRetainedValue().body()
        }
    }
}
