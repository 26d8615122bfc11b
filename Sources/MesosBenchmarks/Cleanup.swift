import Dispatch
import Foundation
import Synchronization

/// What a benchmark must undo (stop daemons, remove containers): run in reverse order when the
/// benchmark ends, fails, or is interrupted with Ctrl-C / SIGTERM (the daemons run in process
/// groups of their own, so the terminal's signal does not reach them).
final class Cleanup: Sendable {
    private let steps = Mutex<[@Sendable () async -> Void]>([])

    /// Registers a step.
    func add(_ step: @escaping @Sendable () async -> Void) {
        steps.withLock { $0.append(step) }
    }

    private let running = Mutex<Task<Void, Never>?>(nil)

    /// Runs every registered step once, newest first; a second caller (the interrupt handler and
    /// the failing benchmark at once) waits until the first one's steps are done.
    func run() async {
        let task = running.withLock { running in
            if let running { return running }
            let pending = steps.withLock { steps in
                defer { steps = [] }
                return steps
            }
            let task = Task {
                for step in pending.reversed() { await step() }
            }
            running = task
            return task
        }
        await task.value
    }

    /// On SIGINT or SIGTERM: runs the steps, then exits with 130.
    func runOnInterrupt() {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                FileHandle.standardError.write(Data("\nInterrupted: stopping the daemons and removing containers...\n".utf8))
                Task {
                    await self.run()
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
        interruptSources = sources
    }
}

/// The signal sources of ``Cleanup/runOnInterrupt()``, kept alive for the process's life
/// (set once, from the main task, before any signal can be handled).
nonisolated(unsafe) private var interruptSources: [any DispatchSourceSignal] = []
