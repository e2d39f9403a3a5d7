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
        /// A PEM bundle of CA certificates to trust instead of the system's, for every address without a `trust` of its own.
        public var caFile: String?
        /// The CAs trusted per exchange address (keys from `CATrust.origin(of:)`): a session's `ca_file` applies to its
        /// own address only, added to the system's roots or instead of them. Warm-up and keep-alive requests to an
        /// address use its trust too, so that requests reuse the connections they opened.
        public var trust: [String: CATrust] = [:]
        /// The system's CA bundle that `trust` adds files to; nil: libcurl's default.
        public var systemCABundle: String?
        /// How often idle warm connections are touched so that the server keeps them (no authenticated call).
        public var keepAliveInterval: Duration = .seconds(20)
        /// Connect phase limit, inside each request's own timeout.
        public var connectTimeout: Duration = .seconds(3)
        public var userAgent: String = "gdesk/1.0"
        /// The largest answer body read: a longer one is cut off while it arrives (never held whole) and answered
        /// as `HTTPResponse.truncated`. Gemini's answers to the calls gdesk makes are a few kilobytes.
        public var maxResponseBytes: Int = 1 << 20

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
        engine.start(CurlTransfer(request: request, sent: sent, completion: completion))
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
