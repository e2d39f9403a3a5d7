import Dispatch
import Foundation
import GeminiClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a `SecretSource` into the secret: reads the variable, the file, or runs the command.
///
/// Files are refused unless they are regular files owned by this user and closed to group and others, as ssh
/// refuses private keys. Commands run with `/bin/sh -c` (`ShellChild`), standard input from `/dev/null`, and are
/// killed (their whole process group) after `commandTimeout`. One trailing newline is dropped from files and command output.
/// Errors say what to fix and never carry the secret: a failing command is named by its exit status only, since what it
/// printed (on either stream) may be the secret itself.
public struct SecretResolver: Sendable {
    /// Variables for `secret_env` lookups and for the commands' environment.
    public var environment: [String: String]
    public var commandTimeout: Duration

    // Largest secret file or command output accepted.
    static let maximumSize = 64 * 1024

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, commandTimeout: Duration = .seconds(10)) {
        self.environment = environment
        self.commandTimeout = commandTimeout
    }

    /// Resolves `source` for `session` (named in errors). Blocks while a command runs: from Swift concurrency,
    /// prefer `resolveInBackground`.
    public func resolve(_ source: SecretSource, session: String) throws(SecretError) -> APISecret {
        let text: String
        switch source {
        case .environment(let name):
            guard let value = environment[name] else {
                throw SecretError(kind: .environmentVariableUnset, session: session, source: source,
                                  message: "environment variable \(name) is not set")
            }
            guard !value.isEmpty else {
                throw SecretError(kind: .empty, session: session, source: source, message: "environment variable \(name) is empty")
            }
            text = value
        case .file(let path):
            text = Self.trimmingNewline(try readFile(path, source: source, session: session))
        case .command(let command):
            text = Self.trimmingNewline(try run(command, source: source, session: session))
        }
        guard !text.isEmpty else {
            throw SecretError(kind: .empty, session: session, source: source, message: "the secret is empty")
        }
        guard !text.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw SecretError(kind: .malformed, session: session, source: source,
                              message: "the secret spans several lines (is this the right source?)")
        }
        // From here a secret is in memory: no core file may hold it.
        CoreDumpGuard.engage()
        return APISecret(text)
    }

    /// `resolve` on a dispatch thread, so a slow command does not hold a thread of the cooperative pool.
    public func resolveInBackground(_ source: SecretSource, session: String) async throws(SecretError) -> APISecret {
        let result: Result<APISecret, SecretError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(SecretError) -> APISecret in
                    try resolve(source, session: session)
                })
            }
        }
        return try result.get()
    }

    private static func trimmingNewline(_ text: String) -> String {
        if text.hasSuffix("\r\n") { return String(text.dropLast(2)) }
        if text.hasSuffix("\n") { return String(text.dropLast()) }
        return text
    }

    // MARK: - File

    private func readFile(_ path: String, source: SecretSource, session: String) throws(SecretError) -> String {
        func failure(_ kind: SecretError.Kind, _ message: String) -> SecretError {
            SecretError(kind: kind, session: session, source: source, message: message)
        }
        // Open first and check the open file, so the checks and the read see the same file.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw failure(.fileMissing, "no such file: \(path)") }
            throw failure(.fileUnreadable, "cannot open \(path): \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw failure(.fileUnreadable, "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw failure(.fileNotRegular, "\(path) is not a regular file")
        }
        guard status.st_uid == geteuid() else {
            throw failure(.fileWrongOwner, "\(path) is owned by uid \(status.st_uid), not by you (uid \(geteuid())): "
                          + "a secret file must belong to the user running gdesk")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw failure(.fileTooOpen, "\(path) is accessible by group or others (mode \(String(mode, radix: 8))): "
                          + "run chmod 600 \(path)")
        }
        guard status.st_size <= off_t(Self.maximumSize) else {
            throw failure(.malformed, "\(path) is larger than \(Self.maximumSize) bytes: not a secret file")
        }

        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(.fileUnreadable, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            guard bytes.count <= Self.maximumSize else {
                throw failure(.malformed, "\(path) is larger than \(Self.maximumSize) bytes: not a secret file")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure(.malformed, "\(path) is not UTF-8 text")
        }
        return text
    }

    // MARK: - Command

    private func run(_ command: String, source: SecretSource, session: String) throws(SecretError) -> String {
        func failure(_ kind: SecretError.Kind, _ message: String) -> SecretError {
            SecretError(kind: kind, session: session, source: source, message: message)
        }
        let child: ShellChild
        switch ShellChild.start(command, environment: environment) {
        case .success(let started): child = started
        case .failure(let error): throw failure(.commandFailed, "cannot start /bin/sh: \(error.message)")
        }
        defer { child.closePipes() }

        let deadline = ContinuousClock.now.advanced(by: commandTimeout)
        var collector = CommandOutputCollector(output: child.output, errors: child.errors,
                                               outputLimit: Self.maximumSize + 2, errorLimit: 0)
        var timedOut = !collector.collect(until: deadline)
        var ended = timedOut ? nil : child.poll()
        while !timedOut && ended == nil {
            if ContinuousClock.now >= deadline { timedOut = true } else {
                Thread.sleep(forTimeInterval: 0.005)
                ended = child.poll()
            }
        }
        if timedOut {
            // Kill the child's process group, so a grandchild holding the pipes dies with it.
            child.killGroup()
        }
        let termination = ended ?? child.wait()

        // What a failing command printed is never kept nor shown: its standard error is read and dropped as it comes,
        // its standard output forgotten here. Run it by hand to see its messages.
        let stdout = String(decoding: collector.outputBytes, as: UTF8.self)
        if timedOut {
            throw failure(.commandTimedOut, "the command did not finish within \(Self.describe(commandTimeout)) and was killed "
                          + "(its output is not shown: it may hold the secret)")
        }
        guard termination == .exited(0) else {
            let how = switch termination {
            case .exited(let status): "failed with exit status \(status)"
            case .signalled(let signal): "was killed by signal \(signal)"
            }
            throw failure(.commandFailed, "the command \(how) (its output is not shown: it may hold the secret; "
                          + "run it yourself to see its messages)")
        }
        guard collector.outputBytes.count <= Self.maximumSize else {
            throw failure(.malformed, "the command printed more than \(Self.maximumSize) bytes: not a secret")
        }
        guard String(validating: collector.outputBytes, as: UTF8.self) != nil else {
            throw failure(.malformed, "the command's output is not UTF-8 text")
        }
        return stdout
    }

    private static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
