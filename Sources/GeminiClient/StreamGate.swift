import Foundation

/// Decides which requests may be handed to libcurl now, per origin, so that none of them makes libcurl open a
/// connection beyond those already open; the others wait here, in arrival order, until a stream or connection frees
/// or their deadline passes.
///
/// libcurl 7.88 does not wait for a free HTTP/2 stream: a request beyond the server's limit of concurrent streams
/// (SETTINGS_MAX_CONCURRENT_STREAMS) gets a new connection of its own, TLS handshake included. Over HTTP/2 the gate lets
/// at most `streamLimit` requests of an origin be in flight, on the one connection that the keep-alive keeps open.
/// The server's limit is not exposed by libcurl until it is exceeded; until then the gate assumes `assumedStreams`
/// (RFC 9113 recommends servers allow at least 100) and it lowers it to what libcurl reports (`learnStreamLimit`).
/// Over HTTP/1.1 each request in flight needs a connection: at most `http1Connections` at once, as libcurl's own
/// per-host limit, but a waiting request here keeps its deadline (libcurl's queue of pending transfers has none).
///
/// Waiting is first in, first out within an origin, so the requests of one key still leave in nonce order.
/// Confined to the transport thread; generic over the item for tests.
struct StreamGate<Item> {
    struct Waiting {
        let item: Item
        let origin: String
        let deadline: ContinuousClock.Instant
    }

    let http1Connections: Int
    let assumedStreams: Int
    private var inFlight: [String: Int] = [:]
    private var versions: [String: Int] = [:]
    private var streamLimits: [String: Int] = [:]
    private var waiting: [String: [Waiting]] = [:]

    init(http1Connections: Int, assumedStreams: Int) {
        self.http1Connections = max(1, http1Connections)
        self.assumedStreams = max(1, assumedStreams)
    }

    /// `scheme://host:port` of `url`, lowercased: what libcurl pools connections by.
    static func origin(of url: String) -> String {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
              let host = parts.host?.lowercased() else { return url.lowercased() }
        return "\(scheme)://\(host):\(parts.port ?? (scheme == "https" ? 443 : 80))"
    }

    /// Requests of `origin` that may be in flight at once.
    func capacity(_ origin: String) -> Int {
        let tls = origin.hasPrefix("https://")
        // Without TLS there is no HTTP/2 here (CURL_HTTP_VERSION_2TLS); over TLS, HTTP/2 until an answer says otherwise.
        if !tls || versions[origin] == 1 { return http1Connections }
        return streamLimits[origin] ?? assumedStreams
    }

    func inFlight(_ origin: String) -> Int { inFlight[origin] ?? 0 }

    var waitingCount: Int { waiting.values.reduce(0) { $0 + $1.count } }

    /// The earliest deadline of a waiting request.
    var nextDeadline: ContinuousClock.Instant? { waiting.values.lazy.flatMap { $0.map(\.deadline) }.min() }

    mutating func enqueue(_ item: Item, origin: String, deadline: ContinuousClock.Instant) {
        waiting[origin, default: []].append(Waiting(item: item, origin: origin, deadline: deadline))
    }

    /// Takes out what may go now (each counted in flight, with its deadline) and what has run out of time waiting.
    mutating func admit(now: ContinuousClock.Instant) -> (go: [Waiting], expired: [Waiting]) {
        var go: [Waiting] = []
        var expired: [Waiting] = []
        for origin in waiting.keys {
            var queue = waiting[origin]!
            var kept: [Waiting] = []
            var busy = inFlight(origin)
            let limit = capacity(origin)
            for entry in queue {
                if entry.deadline <= now {
                    expired.append(entry)
                } else if busy < limit && kept.isEmpty {
                    busy += 1
                    go.append(entry)
                } else {
                    kept.append(entry)
                }
            }
            queue = kept
            inFlight[origin] = busy
            waiting[origin] = queue.isEmpty ? nil : queue
        }
        return (go, expired)
    }

    /// Takes out every waiting request (the transport is stopping).
    mutating func drain() -> [Waiting] {
        defer { waiting.removeAll() }
        return waiting.values.flatMap { $0 }
    }

    /// A request of `origin` let through by `admit` has ended; `httpVersion` (1 or 2) if an answer said.
    mutating func finished(_ origin: String, httpVersion: Int?) {
        inFlight[origin] = max(0, inFlight(origin) - 1)
        if let httpVersion { versions[origin] = httpVersion }
    }

    /// libcurl found the connection to `origin` full at `streams` concurrent streams: the server's limit.
    mutating func learnStreamLimit(_ origin: String, streams: Int) {
        guard streams > 0 else { return }
        streamLimits[origin] = min(streams, streamLimits[origin] ?? .max)
    }
}
