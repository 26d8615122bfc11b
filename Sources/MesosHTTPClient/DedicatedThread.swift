#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts detached OS threads for work that must never run on Swift concurrency's cooperative pool.
enum DedicatedThread {
    private final class Start {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }

        func run() {
            #if canImport(Darwin)
            pthread_setname_np(name)
            #endif
            // Glibc's pthread_setname_np is not visible to Swift (it needs _GNU_SOURCE); Linux
            // threads keep the process name.
            body()
        }
    }

    /// Runs `body` on a new detached thread, called `name` where the platform lets Swift name threads.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) throws(HTTPClientError) {
        let start = Unmanaged.passRetained(Start(name: name, body: body))
        #if canImport(Darwin)
        var thread: pthread_t?
        let result = pthread_create(&thread, nil, { argument in
            Unmanaged<Start>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, start.toOpaque())
        #else
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Start>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, start.toOpaque())
        #endif
        guard result == 0 else {
            start.release()
            throw .transport(
                code: Int(result), message: "could not start the HTTP client thread (pthread_create error \(result))")
        }
        #if canImport(Darwin)
        if let thread { pthread_detach(thread) }
        #else
        pthread_detach(thread)
        #endif
    }
}
