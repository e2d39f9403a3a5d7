import CCurl

/// One request in flight, owned by the transport thread.
final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    let sentCallback: @Sendable (Bool) -> Void
    let completion: @Sendable (Result<HTTPResponse, TransportFailure>) -> Void
    var body: [UInt8] = []
    /// Set when the body went over the transport's cap and the transfer was cut off.
    var truncated = false
    /// The body's cap, from the transport's options.
    var maxBodyBytes = Int.max
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
        origin = StreamGate<CurlTransfer>.origin(of: request.url)
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
