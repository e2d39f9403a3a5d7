import Synchronization

/// Gathers answers by index and resumes a continuation once all are in.
final class Collector<Value: Sendable>: Sendable {
    private let state: Mutex<(values: [Value?], missing: Int)>
    private let continuation: CheckedContinuation<[Value], Never>

    init(count: Int, continuation: CheckedContinuation<[Value], Never>) {
        state = Mutex((values: Array(repeating: nil, count: count), missing: count))
        self.continuation = continuation
    }

    func set(_ index: Int, _ value: Value) {
        let all = state.withLock { s -> [Value]? in
            guard s.values[index] == nil else { return nil }
            s.values[index] = value
            s.missing -= 1
            return s.missing == 0 ? s.values.map { $0! } : nil
        }
        if let all { continuation.resume(returning: all) }
    }
}
