import Foundation
import Synchronization

/// Waits a bounded time for work that must not hold up a cancel.
enum Bounded {
    /// Runs `operation` on a task of its own and returns its result if it ends within `limit`; nil otherwise. The
    /// operation is not cancelled when the bound passes: a history write that finishes late still lands.
    static func run<T: Sendable>(within limit: Duration,
                                 _ operation: @escaping @Sendable () async throws -> T) async -> Result<T, any Error>? {
        let race = Race<T>()
        return await withCheckedContinuation { continuation in
            race.arm(continuation)
            race.startTimer(limit)
            Task {
                let result: Result<T, any Error>
                do {
                    result = .success(try await operation())
                } catch {
                    result = .failure(error)
                }
                race.finish(result)
            }
        }
    }

    // The first of the operation and the timer to finish resumes the waiter; the other finds nobody waiting.
    private final class Race<T: Sendable>: Sendable {
        private let waiter = Mutex<CheckedContinuation<Result<T, any Error>?, Never>?>(nil)
        private let timer = Mutex<Task<Void, Never>?>(nil)

        func arm(_ continuation: CheckedContinuation<Result<T, any Error>?, Never>) {
            waiter.withLock { $0 = continuation }
        }

        func startTimer(_ limit: Duration) {
            let task = Task { [self] in
                try? await Task.sleep(for: limit)
                finish(nil)
            }
            timer.withLock { $0 = task }
        }

        func finish(_ value: Result<T, any Error>?) {
            let continuation = waiter.withLock { current in
                defer { current = nil }
                return current
            }
            continuation?.resume(returning: value)
            if value != nil { timer.withLock { $0?.cancel() } }
        }
    }

    /// Runs blocking `work` on a thread of its own (never on the cooperative pool), bounded as `run` is.
    static func blocking<T: Sendable>(within limit: Duration,
                                      _ work: @escaping @Sendable () throws -> T) async -> Result<T, any Error>? {
        await run(within: limit) {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    do {
                        continuation.resume(returning: try work())
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.start()
            }
        }
    }
}
