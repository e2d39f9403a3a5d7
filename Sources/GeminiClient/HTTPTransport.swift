/// One HTTP request for a transport. Private Gemini calls are POSTs with an empty body and headers only.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var method: Method
    public var url: String
    public var headers: [(String, String)]
    /// The whole request, connection included, must finish within this.
    public var timeout: Duration

    public init(method: Method, url: String, headers: [(String, String)] = [], timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }
}

/// An HTTP answer and how it travelled.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var body: [UInt8]
    /// Connections this transfer had to open (0 when it rode a warm one).
    public var newConnections: Int
    /// 1 or 2.
    public var httpVersion: Int
    public var elapsed: Duration
    /// How many times the request left: more than 1 when the transport re-sent it on a fresh connection after
    /// the first one died, in which case the first copy may have reached the server.
    public var timesSent: Int
    /// The body was longer than the transport reads (`CurlTransport.Options.maxResponseBytes`): `body` is its start only.
    public var truncated: Bool
    /// The answer's headers, names in lower case (a repeated header keeps its last value): `retry-after`, `location`, ….
    public var headers: [String: String]

    public init(status: Int, body: [UInt8], headers: [String: String] = [:], newConnections: Int = 0, httpVersion: Int = 1,
                elapsed: Duration = .zero, timesSent: Int = 1, truncated: Bool = false) {
        self.status = status
        self.body = body
        self.headers = headers
        self.newConnections = newConnections
        self.httpVersion = httpVersion
        self.elapsed = elapsed
        self.timesSent = timesSent
        self.truncated = truncated
    }
}

/// Sends HTTP requests. Requests handed to `start` leave in the order they were handed over.
public protocol HTTPTransport: Sendable {
    /// Starts `request`. `sent(true)` is called once its bytes have left this machine, `sent(false)` if it
    /// finished without leaving; `completion` is called exactly once, after `sent`.
    func start(_ request: HTTPRequest,
               sent: @escaping @Sendable (Bool) -> Void,
               completion: @escaping @Sendable (Result<HTTPResponse, TransportFailure>) -> Void)

    /// Opens connections to `baseURL` ahead of time without any authenticated call, and keeps them open.
    func warm(baseURL: String, connections: Int) async -> WarmReport

    /// Connections opened since the transport was made.
    var connectionsOpened: Int { get }
}

extension HTTPTransport {
    /// Sends `request` and waits for its answer.
    public func send(_ request: HTTPRequest) async -> Result<HTTPResponse, TransportFailure> {
        await withCheckedContinuation { continuation in
            start(request, sent: { _ in }, completion: { continuation.resume(returning: $0) })
        }
    }
}

/// What a warm-up did.
public struct WarmReport: Sendable, Equatable {
    public var baseURL: String
    /// Connections now open and idle, ready for a panic.
    public var connections: Int
    public var httpVersion: Int
    /// Why warming failed, if it did; the exchange is then reached cold.
    public var failure: String?

    public init(baseURL: String, connections: Int, httpVersion: Int, failure: String? = nil) {
        self.baseURL = baseURL
        self.connections = connections
        self.httpVersion = httpVersion
        self.failure = failure
    }
}
