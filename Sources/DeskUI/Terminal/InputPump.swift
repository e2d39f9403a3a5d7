import Foundation

// A thread that sleeps in `poll` until the keyboard or a signal has something, then says so (straight into the event
// loop's inbox) and waits until the loop has read the keys. It never calls curses; idle, it costs no CPU.
final class InputPump: Sendable {
    enum Wake: Sendable, Equatable {
        // Keys (or a resize) are waiting: read them, then call `resume()`.
        case input
        // SIGTERM, SIGHUP or SIGINT (which one).
        case stop(signal: Int32)
        // The terminal is gone.
        case hangup
    }

    private let resumed = DispatchSemaphore(value: 0)
    private let stopPipe: (read: Int32, write: Int32)
    private let inputFD: Int32
    private let signalFD: Int32

    init?(inputFD: Int32 = STDIN_FILENO, signalFD: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        stopPipe = (ends[0], ends[1])
        self.inputFD = inputFD
        self.signalFD = signalFD
    }

    // Starts the thread; every wake goes to `deliver`, from the thread.
    func start(delivering deliver: @escaping @Sendable (Wake) -> Void) {
        let thread = Thread { [self] in run(deliver) }
        thread.name = "gdesk-input"
        thread.start()
    }

    // The keys announced by the last `.input` have been read; poll again.
    func resume() { resumed.signal() }

    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        resumed.signal()
    }

    private func run(_ deliver: @Sendable (Wake) -> Void) {
        var fds = [
            pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                deliver(.hangup)
                return
            }
            if fds[2].revents != 0 { return }
            var wake: Wake?
            if fds[1].revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 64)
                var bytes: [UInt8] = []
                while true {
                    let count = read(signalFD, &buffer, buffer.count)
                    if count <= 0 { break }
                    bytes += buffer.prefix(count)
                }
                if let signal = bytes.lazy.compactMap(SignalRelay.stopSignal).first {
                    wake = .stop(signal: signal)
                } else if bytes.contains(SignalRelay.resizeByte) {
                    wake = .input
                }
            }
            // A terminal that hung up also reads as readable (end of file): the hang-up comes first, or the loop would
            // read nothing from it forever.
            let input = fds[0].revents
            if input & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                wake = .hangup
            } else if input & Int16(POLLIN) != 0 {
                wake = wake ?? .input
            }
            guard let wake else { continue }
            deliver(wake)
            switch wake {
            case .input: resumed.wait()
            // Keys are still read while the desk waits for its cancels to end.
            case .stop: continue
            case .hangup: return
            }
        }
    }
}
