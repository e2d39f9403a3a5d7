import Foundation

// Turns SIGWINCH, SIGTERM, SIGHUP and SIGINT into bytes on a pipe, so the input thread wakes for them: none of them
// ends the process, which leaves once its cancels in flight have ended and been recorded.
//
// SIGPIPE, SIGTTOU and SIGTTIN are ignored: writing to or reading from a terminal that went away (or from the
// background) fails with an error instead of ending or stopping the process.
//
// SIGWINCH is passed on to the handler curses installed, which makes the next read return KEY_RESIZE.
// Signal handlers cannot capture context: the state they need lives in the globals below, written once before
// the handlers are installed and only read afterwards.
enum SignalRelay {
    static let resizeByte: UInt8 = 0x57 // "W"
    // The byte written for each stop signal, and back.
    static let stopBytes: [Int32: UInt8] = [SIGTERM: 0x54, SIGHUP: 0x48, SIGINT: 0x49] // "T", "H", "I"

    static func stopSignal(_ byte: UInt8) -> Int32? {
        stopBytes.first { $0.value == byte }?.key
    }

    nonisolated(unsafe) private static var pipeWriteEnd: Int32 = -1
    nonisolated(unsafe) private static var cursesResizeHandler = sigaction()

    nonisolated(unsafe) private static var pipeReadEnd: Int32 = -1

    // Installs the handlers once per process (a second install would pass SIGWINCH on to itself); returns the pipe's read end.
    // Call it from one task at a time, after curses has started.
    static func install() -> Int32? {
        if pipeReadEnd >= 0 { return pipeReadEnd }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        pipeWriteEnd = ends[1]

        var resize = sigaction()
        resize.__sigaction_handler.sa_handler = { signal in
            // Curses first, then the wake: the input thread may read at once, and curses only reports KEY_RESIZE
            // once its own handler has run. The other way round, that read finds nothing and the resize waits for
            // the next key.
            let previous = SignalRelay.cursesResizeHandler
            if previous.sa_flags & SA_SIGINFO == 0, let handler = previous.__sigaction_handler.sa_handler,
               unsafeBitCast(handler, to: Int.self) > 1 {
                handler(signal)
            }
            var byte = SignalRelay.resizeByte
            _ = write(SignalRelay.pipeWriteEnd, &byte, 1)
        }
        sigemptyset(&resize.sa_mask)
        resize.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &resize, &cursesResizeHandler)

        var stop = sigaction()
        stop.__sigaction_handler.sa_handler = { signal in
            var byte: UInt8 = signal == SIGHUP ? 0x48 : signal == SIGINT ? 0x49 : 0x54
            _ = write(SignalRelay.pipeWriteEnd, &byte, 1)
        }
        sigemptyset(&stop.sa_mask)
        stop.sa_flags = SA_RESTART
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            sigaction(signal, &stop, nil)
        }
        for ignored in [SIGPIPE, SIGTTOU, SIGTTIN] {
            _ = signal(ignored, SIG_IGN)
        }
        pipeReadEnd = ends[0]
        return ends[0]
    }
}
