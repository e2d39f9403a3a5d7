import Dispatch
import Foundation

/// The end of the exchange's run: SIGINT, SIGTERM or SIGHUP, or `fire()` (the parent's pipe closed), whichever first.
final class SignalWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var waiter: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []

    /// Catches the three signals from now on (ignored by default handling, delivered to a dispatch source).
    static func start() -> SignalWaiter {
        let waiter = SignalWaiter()
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { waiter.fire() }
            source.resume()
            waiter.sources.append(source)
        }
        return waiter
    }

    /// Ends the wait (now, or as soon as it starts). Safe from any thread, any number of times.
    func fire() {
        lock.lock()
        fired = true
        let continuation = waiter
        waiter = nil
        lock.unlock()
        continuation?.resume()
    }

    /// Returns once a signal arrived or `fire()` was called.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if fired {
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
