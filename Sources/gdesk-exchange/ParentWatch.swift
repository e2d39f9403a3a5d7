import Foundation

/// Watches standard input, the pipe from the `gdesk demo` that started this exchange: it reaches end of file when the
/// parent closes it or exits in any way (also SIGKILL or a crash, when the kernel closes the parent's descriptors),
/// so the exchange never outlives the demo. A thread of its own blocks in read(2); nothing is expected on the pipe.
enum ParentWatch {
    static func start(onClose: @escaping @Sendable () -> Void) {
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(STDIN_FILENO, &byte, 1)
                if count == 0 || (count < 0 && errno != EINTR) { break }
            }
            onClose()
        }
        thread.name = "parent-watch"
        thread.start()
    }
}
