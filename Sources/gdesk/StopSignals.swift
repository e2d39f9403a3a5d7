import Foundation

/// SIGINT, SIGTERM and SIGHUP as a stream of signal numbers instead of the end of the process, so that a cancel in
/// flight runs to its end and its outcome is recorded. SIGPIPE and SIGTTOU are ignored: output to a reader or a
/// terminal that went away (or from the background) fails instead of ending or stopping the process.
///
/// A signal handler can only write a byte to a pipe; a thread reads the pipe and passes each signal on.
final class StopSignals: Sendable {
    /// Each signal as it comes; finishes when `stop()` is called.
    let signals: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation
    private static let watched = [SIGINT, SIGTERM, SIGHUP]

    nonisolated(unsafe) private static var pipeWriteEnd: Int32 = -1

    /// Starts watching; nil when the pipe cannot be made (the signals keep their default effect then).
    init?() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        Self.pipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let continuation = self.continuation
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                // The stop byte (0) or the write end closed.
                guard count == 1, byte != 0 else { break }
                continuation.yield(Int32(byte))
            }
            close(readEnd)
            continuation.finish()
        }
        thread.name = "gdesk-signals"
        thread.start()

        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(StopSignals.pipeWriteEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        for signal in Self.watched { sigaction(signal, &action, nil) }
        _ = signal(SIGPIPE, SIG_IGN)
        _ = signal(SIGTTOU, SIG_IGN)
    }

    /// Gives the signals their default effect back and ends the stream.
    func stop() {
        for watched in Self.watched { _ = signal(watched, SIG_DFL) }
        var byte: UInt8 = 0
        _ = write(Self.pipeWriteEnd, &byte, 1)
    }
}
