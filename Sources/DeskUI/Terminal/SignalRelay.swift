import Foundation

// Turns SIGWINCH, SIGTERM, SIGHUP and SIGINT into bytes on a pipe, so the input thread wakes for them.
//
// SIGWINCH is passed on to the handler curses installed, which makes the next read return KEY_RESIZE.
// Signal handlers cannot capture context: the state they need lives in the globals below, written once before
// the handlers are installed and only read afterwards.
enum SignalRelay {
    static let resizeByte: UInt8 = 0x57 // "W"
    static let stopByte: UInt8 = 0x54 // "T"

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
        stop.__sigaction_handler.sa_handler = { _ in
            var byte = SignalRelay.stopByte
            _ = write(SignalRelay.pipeWriteEnd, &byte, 1)
        }
        sigemptyset(&stop.sa_mask)
        stop.sa_flags = SA_RESTART
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            sigaction(signal, &stop, nil)
        }
        pipeReadEnd = ends[0]
        return ends[0]
    }
}
