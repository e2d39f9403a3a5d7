import Synchronization

/// Where the answers to a batch of requests arrive by index, in any order, and where callers wait for one of them or
/// for all. Waiting never ends early: not even a cancelled task stops waiting for an answer that is on its way, so a
/// cancel that has been sent always gets its outcome.
final class AnswerBoard<Value: Sendable>: Sendable {
    private struct State {
        var values: [Value?]
        var missing: Int
        var waiters: [Int: [CheckedContinuation<Value, Never>]] = [:]
        var allWaiter: CheckedContinuation<[Value], Never>?
    }
    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(values: Array(repeating: nil, count: count), missing: count))
    }

    /// Records the answer at `index`; later ones for the same index are ignored.
    func set(_ index: Int, _ value: Value) {
        let (waiters, all) = state.withLock { s -> ([CheckedContinuation<Value, Never>], (CheckedContinuation<[Value], Never>, [Value])?) in
            guard s.values[index] == nil else { return ([], nil) }
            s.values[index] = value
            s.missing -= 1
            let waiters = s.waiters.removeValue(forKey: index) ?? []
            guard s.missing == 0, let allWaiter = s.allWaiter else { return (waiters, nil) }
            s.allWaiter = nil
            return (waiters, (allWaiter, s.values.map { $0! }))
        }
        for waiter in waiters { waiter.resume(returning: value) }
        if let (waiter, values) = all { waiter.resume(returning: values) }
    }

    /// The answer at `index`, once it is in.
    func value(at index: Int) async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Value? in
                if let value = s.values[index] { return value }
                s.waiters[index, default: []].append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Every answer, in index order, once all are in. One caller at a time.
    func all() async -> [Value] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> [Value]? in
                if s.missing == 0 { return s.values.map { $0! } }
                s.allWaiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
