import CCurl
import Foundation
import Synchronization

/// The multi handle, its queue and its thread's loop. Lives as long as its thread needs it.
final class CurlEngine: @unchecked Sendable {
    let options: CurlTransport.Options
    private let multi: UnsafeMutableRawPointer
    private let state = Mutex(State())
    /// Filled by libcurl's debug callback on the transport thread, read by the loop on the same thread.
    private let limitReports = StreamLimitReports()
    /// In-memory CA bundles of `options.trust`, built on the transport thread when first needed.
    private let bundles: CABundles

    private struct State {
        var queue: [CurlTransfer] = []
        var stopRequested = false
        var stopped = false
        var opened = 0
        var warm: [String: Int] = [:]   // warm-up URL -> connections to keep
    }

    init(options: CurlTransport.Options) {
        CurlGlobal.ensureInitialised()
        self.options = options
        bundles = CABundles(systemBundle: options.systemCABundle)
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

    func start(_ transfer: CurlTransfer) {
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
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        var gate = StreamGate<CurlTransfer>(http1Connections: options.maxConnectionsPerHost,
                                        assumedStreams: options.assumedStreamsPerConnection)
        var lastActivity = ContinuousClock.now
        while true {
            let (incoming, stopping) = state.withLock { s -> ([CurlTransfer], Bool) in
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
                start(CurlTransfer(request: warmRequest(url), sent: { _ in }, completion: { _ in }))
            }
        }
    }

    /// `timeout`: what is left of the request's own after waiting at the gate.
    private func makeEasy(for transfer: CurlTransfer, timeout: Duration) -> UnsafeMutableRawPointer? {
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
        if let trust = options.trust[transfer.origin] {
            bundles.apply(trust, to: easy)
        } else if let caFile = options.caFile {
            gd_easy_setopt_string(easy, CURLOPT_CAINFO, caFile)
        }
        // A 30x is an answer, never followed: a signed request goes only where the config says (libcurl's default, said).
        gd_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)
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
        transfer.maxBodyBytes = options.maxResponseBytes
        // A declared length over the cap is refused before any of the body is read.
        gd_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes))
        gd_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        gd_easy_setopt_data_fn(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard transfer.body.count + length <= transfer.maxBodyBytes else {
                // Returning less than `length` makes libcurl abort the transfer (CURLE_WRITE_ERROR): the rest is never read.
                transfer.truncated = true
                return 0
            }
            if let data { data.withMemoryRebound(to: UInt8.self, capacity: length) { transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) } }
            return length
        }
        // The debug callback is how we learn that the request's bytes have left.
        gd_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
        gd_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, context)
        gd_easy_setopt_debug_fn(easy) { _, type, data, size, context in
            if type == CURLINFO_HEADER_OUT {
                Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().markSent()
            } else if type == CURLINFO_TEXT, let data, let streams = StreamLimitReports.limit(in: data, count: size) {
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
                transfer.reports?.add(origin: transfer.origin, streams: streams)
            }
            return 0
        }
        return easy
    }

    /// Completes `transfer`; returns the HTTP version its answer came in (1 or 2), nil without an answer.
    @discardableResult
    private func finish(_ transfer: CurlTransfer, easy: UnsafeMutableRawPointer, code: CURLcode) -> Int? {
        var newConnections = 0
        var version = 0
        var status = 0
        gd_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &newConnections)
        gd_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        gd_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        // An address to connect to means the name was resolved.
        var address: UnsafeMutableRawPointer?
        gd_easy_getinfo_pointer(easy, CURLINFO_PRIMARY_IP, &address)
        var lookup: curl_off_t = 0
        gd_easy_getinfo_off(easy, CURLINFO_NAMELOOKUP_TIME_T, &lookup)
        let resolved = lookup > 0 || address.map { $0.load(as: CChar.self) != 0 } == true
        // The final answer's headers, also of an answer cut off at the cap.
        let headers = status > 0 ? Self.responseHeaders(easy) : [:]
        curl_easy_cleanup(easy)
        curl_slist_free_all(transfer.headerList)
        transfer.headerList = nil
        if newConnections > 0 { state.withLock { $0.opened += newConnections } }

        let cutOff = (code == CURLE_WRITE_ERROR && transfer.truncated) || code == CURLE_FILESIZE_EXCEEDED
        if code == CURLE_OK || (cutOff && status > 0) {
            let httpVersion = version == Int(CURL_HTTP_VERSION_2_0) ? 2 : 1
            transfer.complete(.success(HTTPResponse(status: status, body: transfer.body, headers: headers, newConnections: newConnections,
                                                     httpVersion: httpVersion, elapsed: .now - transfer.started,
                                                     timesSent: max(1, transfer.timesSent), truncated: cutOff)))
            return httpVersion
        } else {
            let why = Self.describe(code, sent: transfer.wasSent, resolved: resolved || transfer.wasSent)
            transfer.complete(.failure(transfer.wasSent ? .sentNoAnswer(why) : .notSent(why)))
            return nil
        }
    }

    /// The final answer's headers (not those of an interim 1xx), names in lower case; at most 100, values cut at 2 kB.
    static func responseHeaders(_ easy: UnsafeMutableRawPointer) -> [String: String] {
        var headers: [String: String] = [:]
        var previous: UnsafeMutablePointer<curl_header>?
        while headers.count < 100, let header = curl_easy_nextheader(easy, UInt32(CURLH_HEADER), -1, previous) {
            previous = header
            guard let name = header.pointee.name, let value = header.pointee.value else { continue }
            headers[String(cString: name).lowercased()] = String(String(cString: value).prefix(2048))
        }
        return headers
    }

    /// What went wrong in an operator's words, with libcurl's own text for diagnosis.
    /// `resolved`: whether the host name had been resolved (a timeout before that is the name server's).
    static func describe(_ code: CURLcode, sent: Bool, resolved: Bool = true) -> String {
        let words: String? = switch code {
        case CURLE_COULDNT_RESOLVE_HOST: "host name not found (DNS)"
        case CURLE_COULDNT_CONNECT: "connection refused or host unreachable"
        case CURLE_OPERATION_TIMEDOUT where !resolved: "host name not resolved in time (DNS)"
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
