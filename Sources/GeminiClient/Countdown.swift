import Synchronization

/// Runs an action once `count` ticks have arrived.
final class Countdown: Sendable {
    private let remaining: Mutex<Int>
    private let action: @Sendable () -> Void

    init(_ count: Int, action: @escaping @Sendable () -> Void) {
        remaining = Mutex(count)
        self.action = action
    }

    func tick() {
        let done = remaining.withLock { r -> Bool in
            r -= 1
            return r == 0
        }
        if done { action() }
    }
}
