import Synchronization

// The event loop's queue. Anyone posts, from any thread and without waiting (the input thread, service calls,
// timers); only the loop takes, everything queued at once, so events that arrive together are drawn together.
final class Inbox: Sendable {
    private struct Contents {
        var events: [LoopEvent] = []
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let contents = Mutex(Contents())

    func post(_ event: LoopEvent) {
        let waiter = contents.withLock { contents -> CheckedContinuation<Void, Never>? in
            contents.events.append(event)
            defer { contents.waiter = nil }
            return contents.waiter
        }
        waiter?.resume()
    }

    // Everything queued, oldest first; empty when nothing is.
    func take() -> [LoopEvent] {
        contents.withLock { contents in
            defer { contents.events = [] }
            return contents.events
        }
    }

    // Returns once something is queued. One waiter at a time: the loop.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = contents.withLock { contents -> Bool in
                if !contents.events.isEmpty { return true }
                contents.waiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
