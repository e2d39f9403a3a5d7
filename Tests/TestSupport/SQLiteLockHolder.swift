import Foundation

/// A real `sqlite3` shell, in another process, holding `BEGIN EXCLUSIVE` on a database until released: what an
/// operator's open shell or a backup does to the history.
package final class SQLiteLockHolder: @unchecked Sendable {
    package static let binary = "/usr/bin/sqlite3"
    package static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    package let pid: pid_t
    private var input: Int32
    private let output: Int32

    /// Starts the shell on `path` and returns once it holds the lock.
    package init(path: String) throws {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 2)
        for fd in [toChild[0], toChild[1], fromChild[0], fromChild[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(Self.binary), strdup("-batch"), strdup(path), nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, Self.binary, &actions, nil, argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        pid = child
        input = toChild[1]
        output = fromChild[0]
        send(".timeout 10000\nBEGIN EXCLUSIVE;\nSELECT 'held-' || count(*) FROM sqlite_master;\n")
        // Wait for the shell to say it holds the lock: a read, not a sleep.
        var seen = ""
        var buffer = [UInt8](repeating: 0, count: 256)
        while !seen.contains("held-") {
            let n = read(output, &buffer, buffer.count)
            guard n > 0 else { throw POSIXError(.EPIPE) }
            seen += String(decoding: buffer[0..<n], as: UTF8.self)
        }
    }

    private func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(input, $0.baseAddress, $0.count) }
    }

    /// Commits and ends the shell; returns once it has exited (the lock is gone).
    package func release() {
        guard input >= 0 else { return }
        send("COMMIT;\n.quit\n")
        close(input)
        input = -1
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        close(output)
    }

    deinit { release() }
}
