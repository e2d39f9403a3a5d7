import CCurl
import Foundation
import Synchronization

/// An `HTTPTransport` on libcurl's multi interface, driven by one thread of its own.
///
/// Connections are kept alive in the multi handle's pool and reused across requests; over TLS with ALPN,
/// HTTP/2 is negotiated and concurrent requests share one connection as streams. Proxy variables
/// (`https_proxy`, `no_proxy`, …) are honoured by libcurl.
public final class CurlTransport: HTTPTransport, Sendable {
    public struct Options: Sendable {
        /// Connections per host at most (HTTP/1.1 pool size). Requests beyond it wait for a free connection.
        public var maxConnectionsPerHost: Int = 64
        /// Concurrent HTTP/2 streams per connection assumed of a server until libcurl reports its limit (it does once
        /// a request finds the connection full). Requests beyond it wait for a free stream instead of opening
        /// connections. RFC 9113 recommends servers allow at least 100.
        public var assumedStreamsPerConnection: Int = 100
        /// A PEM bundle of CA certificates to trust instead of the system's.
        public var caFile: String?
        /// How often idle warm connections are touched so that the server keeps them (no authenticated call).
        public var keepAliveInterval: Duration = .seconds(20)
        /// Connect phase limit, inside each request's own timeout.
        public var connectTimeout: Duration = .seconds(3)
        public var userAgent: String = "gdesk/1.0"

        public init() {}
    }

    private let engine: CurlEngine

    public init(options: Options = Options()) {
        engine = CurlEngine(options: options)
        let engine = self.engine
        let thread = Thread { engine.run() }
        thread.name = "gdesk.curl"
        thread.start()
    }

    deinit {
        engine.stop()
    }

    /// Stops the transport thread and waits for it: requests in flight end as `notSent` or `sentNoAnswer`,
    /// later ones as `notSent`. Safe to call more than once.
    public func shutdown() {
        engine.stop()
        engine.waitUntilStopped()
    }

    public var connectionsOpened: Int { engine.connectionsOpened }

    public func start(_ request: HTTPRequest,
                      sent: @escaping @Sendable (Bool) -> Void,
                      completion: @escaping @Sendable (Result<HTTPResponse, TransportFailure>) -> Void) {
        engine.start(Transfer(request: request, sent: sent, completion: completion))
    }

    public func warm(baseURL: String, connections: Int) async -> WarmReport {
        let url = CurlEngine.warmURL(baseURL)
        let first = await send(engine.warmRequest(url))
        let response: HTTPResponse
        switch first {
        case .success(let r): response = r
        case .failure(let failure): return WarmReport(baseURL: baseURL, connections: 0, httpVersion: 0, failure: failure.description)
        }
        var pool = 1
        if response.httpVersion < 2 && connections > 1 {
            // HTTP/1.1: one connection per concurrent request, so open them together.
            let count = min(connections, engine.options.maxConnectionsPerHost)
            pool = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<count {
                    group.addTask { if case .success = await self.send(self.engine.warmRequest(url)) { true } else { false } }
                }
                return await group.reduce(0) { $1 ? $0 + 1 : $0 }
            }
        }
        let keep = response.httpVersion >= 2 ? 1 : pool
        engine.keepWarm(url, connections: keep)
        return WarmReport(baseURL: baseURL, connections: keep, httpVersion: response.httpVersion)
    }
}

/// The multi handle, its queue and its thread's loop. Lives as long as its thread needs it.
private final class CurlEngine: @unchecked Sendable {
    let options: CurlTransport.Options
    private let multi: UnsafeMutableRawPointer
    private let state = Mutex(State())
    /// Filled by libcurl's debug callback on the transport thread, read by the loop on the same thread.
    private let limitReports = StreamLimitReports()

    private struct State {
        var queue: [Transfer] = []
        var stopRequested = false
        var stopped = false
        var opened = 0
        var warm: [String: Int] = [:]   // warm-up URL -> connections to keep
    }

    init(options: CurlTransport.Options) {
        CurlGlobal.ensureInitialised()
        self.options = options
        multi = curl_multi_init()
        gd_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        gd_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.maxConnectionsPerHost)
        gd_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, options.maxConnectionsPerHost * 4)
        // HTTP/2 streams per connection: as many as the server allows. libcurl's own default (100) would send the
        // 101st concurrent request of a panic to new connections even when the server takes more streams.
        gd_multi_setopt_long(multi, CURLMOPT_MAX_CONCURRENT_STREAMS, 1000)
    }

    deinit {
        curl_multi_cleanup(multi)
    }

    var connectionsOpened: Int { state.withLock { $0.opened } }

    func start(_ transfer: Transfer) {
        transfer.reports = limitReports
        let accepted = state.withLock { s -> Bool in
            guard !s.stopRequested else { return false }
            s.queue.append(transfer)
            return true
        }
        guard accepted else { return transfer.fail(.notSent("transport is shut down")) }
        curl_multi_wakeup(multi)
    }

    func stop() {
        state.withLock { $0.stopRequested = true }
        curl_multi_wakeup(multi)
    }

    func waitUntilStopped() {
        while !state.withLock({ $0.stopped }) { usleep(1000) }
    }

    func keepWarm(_ url: String, connections: Int) {
        state.withLock { $0.warm[url] = max($0.warm[url] ?? 0, connections) }
    }

    /// The unauthenticated public endpoint used to open and keep connections: it resets no heartbeat timer.
    static func warmURL(_ baseURL: String) -> String {
        (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + "/v1/symbols"
    }

    func warmRequest(_ url: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: url, timeout: options.connectTimeout + .seconds(2))
    }

    // MARK: - The transport thread

    func run() {
        var active: [UnsafeMutableRawPointer: Transfer] = [:]
        var gate = StreamGate<Transfer>(http1Connections: options.maxConnectionsPerHost,
                                        assumedStreams: options.assumedStreamsPerConnection)
        var lastActivity = ContinuousClock.now
        while true {
            let (incoming, stopping) = state.withLock { s -> ([Transfer], Bool) in
                defer { s.queue.removeAll(keepingCapacity: true) }
                return (s.queue, s.stopRequested)
            }
            if stopping {
                for (easy, transfer) in active {
                    curl_multi_remove_handle(multi, easy)
                    finish(transfer, easy: easy, code: CURLE_ABORTED_BY_CALLBACK)
                }
                for transfer in incoming { transfer.fail(.notSent("transport is shut down")) }
                for waiting in gate.drain() { waiting.item.fail(.notSent("transport is shut down")) }
                state.withLock { $0.stopped = true }
                return
            }
            for transfer in incoming {
                gate.enqueue(transfer, origin: transfer.origin, deadline: transfer.deadline)
            }
            let now = ContinuousClock.now
            // Set when a request ends: one that waits at the gate may go without waiting for the next poll.
            var freed = false
            let (admitted, expired) = gate.admit(now: now)
            for waiting in expired {
                waiting.item.fail(.notSent("no free connection or HTTP/2 stream to \(waiting.origin) before the request's deadline"))
            }
            for waiting in admitted {
                if let easy = makeEasy(for: waiting.item, timeout: waiting.deadline - now) {
                    active[easy] = waiting.item
                    curl_multi_add_handle(multi, easy)
                    lastActivity = .now
                } else {
                    gate.finished(waiting.origin, httpVersion: nil)
                    freed = true
                }
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            for (origin, streams) in limitReports.take() { gate.learnStreamLimit(origin, streams: streams) }
            var pending: Int32 = 0
            while let message = curl_multi_info_read(multi, &pending) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let transfer = active.removeValue(forKey: easy) else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                let version = finish(transfer, easy: easy, code: code)
                gate.finished(transfer.origin, httpVersion: version)
                freed = true
                lastActivity = .now
            }
            if active.isEmpty, ContinuousClock.now - lastActivity >= options.keepAliveInterval {
                keepAlive()
                lastActivity = .now
            }
            if freed && gate.waitingCount > 0 { continue }
            var wait = active.isEmpty ? options.keepAliveInterval : .milliseconds(100)
            if let deadline = gate.nextDeadline { wait = max(.zero, min(wait, deadline - .now + .milliseconds(1))) }
            curl_multi_poll(multi, nil, 0, Int32(wait.milliseconds), nil)
        }
    }

    private func keepAlive() {
        let warm = state.withLock { $0.warm }
        for (url, count) in warm {
            for _ in 0..<count {
                start(Transfer(request: warmRequest(url), sent: { _ in }, completion: { _ in }))
            }
        }
    }

    /// `timeout`: what is left of the request's own after waiting at the gate.
    private func makeEasy(for transfer: Transfer, timeout: Duration) -> UnsafeMutableRawPointer? {
        guard let easy = curl_easy_init() else {
            transfer.fail(.notSent("libcurl could not make a handle"))
            return nil
        }
        let request = transfer.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        gd_easy_setopt_string(easy, CURLOPT_URL, request.url)
        gd_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        gd_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, max(1, timeout.milliseconds))
        gd_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, max(1, min(options.connectTimeout, timeout).milliseconds))
        gd_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        if request.url.hasPrefix("https://") {
            // Wait for the first connection's ALPN answer so that requests share one HTTP/2 connection. Over cleartext
            // there is no HTTP/2 here (HTTP_VERSION_2TLS), but libcurl would still hold every other request until the
            // first response has come back: one whole round trip lost on the simulated exchange.
            gd_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1)
        }
        gd_easy_setopt_long(easy, CURLOPT_TCP_NODELAY, 1)
        gd_easy_setopt_string(easy, CURLOPT_USERAGENT, options.userAgent)
        if let caFile = options.caFile { gd_easy_setopt_string(easy, CURLOPT_CAINFO, caFile) }
        switch request.method {
        case .get:
            gd_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case .post:
            gd_easy_setopt_long(easy, CURLOPT_POST, 1)
            gd_easy_setopt_long(easy, CURLOPT_POSTFIELDSIZE, 0)
            gd_easy_setopt_string(easy, CURLOPT_POSTFIELDS, "")
        }
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for (name, value) in request.headers { list = curl_slist_append(list, "\(name): \(value)") }
        transfer.headerList = list
        gd_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        gd_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        gd_easy_setopt_data_fn(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            if let data { data.withMemoryRebound(to: UInt8.self, capacity: length) { transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) } }
            return length
        }
        // The debug callback is how we learn that the request's bytes have left.
        gd_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
        gd_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, context)
        gd_easy_setopt_debug_fn(easy) { _, type, data, size, context in
            if type == CURLINFO_HEADER_OUT {
                Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue().markSent()
            } else if type == CURLINFO_TEXT, let data, let streams = StreamLimitReports.limit(in: data, count: size) {
                let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
                transfer.reports?.add(origin: transfer.origin, streams: streams)
            }
            return 0
        }
        return easy
    }

    /// Completes `transfer`; returns the HTTP version its answer came in (1 or 2), nil without an answer.
    @discardableResult
    private func finish(_ transfer: Transfer, easy: UnsafeMutableRawPointer, code: CURLcode) -> Int? {
        var newConnections = 0
        var version = 0
        var status = 0
        gd_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &newConnections)
        gd_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        gd_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        curl_easy_cleanup(easy)
        curl_slist_free_all(transfer.headerList)
        transfer.headerList = nil
        if newConnections > 0 { state.withLock { $0.opened += newConnections } }

        if code == CURLE_OK {
            let httpVersion = version == Int(CURL_HTTP_VERSION_2_0) ? 2 : 1
            transfer.complete(.success(HTTPResponse(status: status, body: transfer.body, newConnections: newConnections,
                                                     httpVersion: httpVersion, elapsed: .now - transfer.started,
                                                     timesSent: max(1, transfer.timesSent))))
            return httpVersion
        } else {
            let why = Self.describe(code, sent: transfer.wasSent)
            transfer.complete(.failure(transfer.wasSent ? .sentNoAnswer(why) : .notSent(why)))
            return nil
        }
    }

    /// What went wrong in an operator's words, with libcurl's own text for diagnosis.
    static func describe(_ code: CURLcode, sent: Bool) -> String {
        let words: String? = switch code {
        case CURLE_COULDNT_RESOLVE_HOST: "host name not found (DNS)"
        case CURLE_COULDNT_CONNECT: "connection refused or host unreachable"
        case CURLE_OPERATION_TIMEDOUT: sent ? "no answer in time (timeout)" : "could not connect in time (timeout)"
        case CURLE_PEER_FAILED_VERIFICATION: "TLS: the server's certificate is not trusted (check ca_file)"
        case CURLE_SSL_CONNECT_ERROR: "TLS handshake failed"
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            sent ? "connection lost before the answer" : "connection lost before the request left"
        default: nil
        }
        let curl = String(cString: curl_easy_strerror(code))
        return words.map { "\($0) (curl: \(curl))" } ?? curl
    }
}

/// One request in flight, owned by the transport thread.
private final class Transfer: @unchecked Sendable {
    let request: HTTPRequest
    let sentCallback: @Sendable (Bool) -> Void
    let completion: @Sendable (Result<HTTPResponse, TransportFailure>) -> Void
    var body: [UInt8] = []
    var headerList: UnsafeMutablePointer<curl_slist>?
    var wasSent = false
    /// libcurl re-sends a request by itself when a reused connection turns out dead; each departure is counted.
    var timesSent = 0
    /// When it was handed to the transport: its timeout runs from here, waiting at the gate included.
    let started = ContinuousClock.now
    let origin: String
    var deadline: ContinuousClock.Instant { started + request.timeout }
    /// Where the debug callback reports the server's stream limit; set by the engine.
    var reports: StreamLimitReports?

    init(request: HTTPRequest, sent: @escaping @Sendable (Bool) -> Void,
         completion: @escaping @Sendable (Result<HTTPResponse, TransportFailure>) -> Void) {
        self.request = request
        self.sentCallback = sent
        self.completion = completion
        origin = StreamGate<Transfer>.origin(of: request.url)
    }

    func markSent() {
        timesSent += 1
        guard !wasSent else { return }
        wasSent = true
        sentCallback(true)
    }

    func complete(_ result: Result<HTTPResponse, TransportFailure>) {
        if !wasSent {
            // A response proves the request left, even if the debug callback was not seen.
            if case .success = result { markSent() } else { sentCallback(false) }
        }
        completion(result)
    }

    func fail(_ failure: TransportFailure) { complete(.failure(failure)) }
}

/// The server stream limits libcurl mentions in its debug text, from the transport thread to its loop.
private final class StreamLimitReports: @unchecked Sendable {
    private var seen: [(String, Int)] = []

    func add(origin: String, streams: Int) { seen.append((origin, streams)) }

    func take() -> [(String, Int)] {
        defer { seen.removeAll(keepingCapacity: true) }
        return seen
    }

    /// libcurl 7.88 says "MAX_CONCURRENT_STREAMS reached, skip (N)" when a connection is full at the server's limit N
    /// and it looks for (or opens) another.
    static func limit(in data: UnsafeMutablePointer<CChar>, count: Int) -> Int? {
        let prefix = Array("MAX_CONCURRENT_STREAMS reached, skip (".utf8)
        guard count > prefix.count else { return nil }
        return data.withMemoryRebound(to: UInt8.self, capacity: count) { bytes -> Int? in
            for (index, byte) in prefix.enumerated() where bytes[index] != byte { return nil }
            var value = 0
            var index = prefix.count
            while index < count, bytes[index] >= 48, bytes[index] <= 57 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
            }
            return index > prefix.count && index < count && bytes[index] == 41 ? value : nil
        }
    }
}

enum CurlGlobal {
    private static let initialised: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()
    static func ensureInitialised() { precondition(initialised, "curl_global_init failed") }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    public var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
