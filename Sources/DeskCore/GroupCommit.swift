import Synchronization

/// Group commit: items submitted while a write is in progress wait and are written together by the next write.
/// Each `submit` returns once its own item is written (or throws its own error). The writing runs on a task of its
/// own, so a cancelled caller never abandons a write.
final class GroupCommit<Item: Sendable>: Sendable {
    private struct State {
        var waiting: [(item: Item, continuation: CheckedContinuation<Void, any Error>)] = []
        var writing = false
    }
    private let state = Mutex(State())

    /// - Parameter write: writes a batch; one result per item, in order (nil: written).
    func submit(_ item: Item, write: @escaping @Sendable ([Item]) async -> [(any Error)?]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let lead = state.withLock { s -> Bool in
                s.waiting.append((item, continuation))
                guard !s.writing else { return false }
                s.writing = true
                return true
            }
            if lead { Task { await self.drain(write) } }
        }
    }

    private func drain(_ write: @Sendable ([Item]) async -> [(any Error)?]) async {
        while true {
            let batch = state.withLock { s in
                defer { s.waiting.removeAll() }
                if s.waiting.isEmpty { s.writing = false }
                return s.waiting
            }
            guard !batch.isEmpty else { return }
            let results = await write(batch.map(\.item))
            for (index, waiter) in batch.enumerated() {
                if let error = index < results.count ? results[index] : CancellationError() {
                    waiter.continuation.resume(throwing: error)
                } else {
                    waiter.continuation.resume()
                }
            }
        }
    }
}
