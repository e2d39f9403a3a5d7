import Foundation
import GeminiClient
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `[[monitor]]`'s live-orders book, kept by a `gdesk-monitor` sidecar reading the order events stream.
///
/// The sidecar is restarted a second after it dies; meanwhile the book says `down`. Nothing here is on a cancel's
/// path: a dead or hung monitor only leaves the book stale.
public final class OrderMonitor: Sendable {
    public let config: MonitorConfig
    private let executable: String
    private let arguments: [String]
    private let secret: APISecret
    private let state = Mutex(State())

    private struct State {
        var book = LiveOrdersBook()
        var process: MonitorProcess?
        var running = false
        var waiters: [UInt64: AsyncStream<Void>.Continuation] = [:]
        var nextWaiter: UInt64 = 0
    }

    /// - Parameters:
    ///   - executable: the `gdesk-monitor` program (`MonitorExecutable.locate()`).
    ///   - nonceDirectory: gdesk's nonce directory, so that the stream's nonces and gdesk's REST calls with the same
    ///     key never go backwards.
    ///   - staleAfter: no frame for this long (heartbeats come every 5 s) and the sidecar reconnects.
    public init(config: MonitorConfig, secret: APISecret, executable: String, nonceDirectory: String?,
                staleAfter: Duration = .seconds(15)) throws(GeminiError) {
        self.config = config
        self.secret = secret
        self.executable = executable
        var arguments = ["--url", OrderEventsEndpoint.url(baseURL: try BaseURL(config.baseURL)),
                         "--nonce-unit", config.nonceUnit.rawValue, "--stale-after-ms", String(staleAfter.milliseconds)]
        if let nonceDirectory { arguments += ["--nonce-dir", nonceDirectory] }
        if let caFile = config.caFile { arguments += [config.caSystemRoots ? "--ca-file" : "--ca-file-only", caFile] }
        self.arguments = arguments
    }

    deinit { stop() }

    /// Starts the sidecar (again, after it died, while running).
    public func start() {
        let shouldSpawn = state.withLock { s -> Bool in
            guard !s.running || s.process == nil else { return false }
            s.running = true
            return true
        }
        guard shouldSpawn else { return }
        signal(SIGPIPE, SIG_IGN)
        switch MonitorProcess.start(executable: executable, arguments: arguments, apiKey: config.apiKey, secret: secret) {
        case .success(let process):
            state.withLock { $0.process = process }
            let reader = Thread { [weak self] in self?.readLines(process) }
            reader.name = "gdesk-monitor reader"
            reader.start()
        case .failure(let error):
            apply(.down(reason: "\(executable) could not be started: \(error.message)"))
            restartLater()
        }
    }

    /// Stops the sidecar for good.
    public func stop() {
        let process = state.withLock { s -> MonitorProcess? in
            s.running = false
            defer { s.process = nil }
            return s.process
        }
        process?.stop()
    }

    /// The book as it is now.
    public var book: LiveOrdersBook { state.withLock { $0.book } }

    /// Waits until `condition` holds of the book, or `timeout` passes; returns the book then.
    public func wait(until condition: @escaping @Sendable (LiveOrdersBook) -> Bool, timeout: Duration) async -> LiveOrdersBook {
        let (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { s -> UInt64 in
            s.nextWaiter += 1
            s.waiters[s.nextWaiter] = continuation
            return s.nextWaiter
        }
        defer { state.withLock { _ = $0.waiters.removeValue(forKey: id) } }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            continuation.finish()
        }
        defer { timer.cancel() }
        continuation.yield()
        for await _ in changes {
            let now = book
            if condition(now) { return now }
        }
        return book
    }

    // MARK: - Internal

    private func apply(_ line: MonitorLine) {
        let waiters = state.withLock { s -> [AsyncStream<Void>.Continuation] in
            s.book.apply(line, at: Date())
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.yield() }
    }

    // Reads lines until the sidecar's output ends, then restarts it if still wanted.
    private func readLines(_ process: MonitorProcess) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [UInt8] = []
        while true {
            let n = readChunk(process.output, &buffer)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            pending.append(contentsOf: buffer[0..<n])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                if let line = MonitorLine.decode(pending[..<newline]) { apply(line) }
                pending.removeSubrange(...newline)
            }
        }
        close(process.output)
        let current = state.withLock { s -> Bool in
            guard s.process?.pid == process.pid else { return false }
            s.process = nil
            return s.running
        }
        guard current else { return }
        process.stop()
        apply(.down(reason: "the monitor process ended"))
        restartLater()
    }

    private func readChunk(_ descriptor: Int32, _ buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
    }

    private func restartLater() {
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(1))
            guard let self, self.state.withLock({ $0.running && $0.process == nil }) else { return }
            self.state.withLock { $0.running = false }
            self.start()
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
