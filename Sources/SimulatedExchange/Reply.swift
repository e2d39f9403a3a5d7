/// What the exchange sends back for one request, and how.
struct Reply: Sendable {
    enum Delivery: Sendable {
        /// Send the answer.
        case answer
        /// Send nothing, keep the connection open.
        case hang
        /// Reset the connection (SO_LINGER 0, close) without answering.
        case reset
    }

    var status: Int
    var contentType = "application/json"
    /// Headers beyond Content-Type and Content-Length (`Retry-After`, `Location`).
    var headers: [(String, String)] = []
    var body: [UInt8]
    var delivery = Delivery.answer
    var delayMilliseconds = 0
    /// The reason to record; nil for a success.
    var recordedReason: String?

    init(status: Int = 200, contentType: String = "application/json", body: [UInt8], recordedReason: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.recordedReason = recordedReason
    }

    static func json(_ value: JSONValue) -> Reply { Reply(body: value.bytes) }

    /// The status to record: 0 when nothing is answered.
    var recordedStatus: Int { delivery == .answer ? status : 0 }

    /// This reply as the fault turns it; `latency` only adds delay. The delay so far is kept.
    func applying(_ fault: Fault) -> Reply {
        var out = self
        switch fault {
        case .latency(let milliseconds):
            out.delayMilliseconds += milliseconds
        case .hang:
            out.delivery = .hang
            out.recordedReason = "Hang"
        case .resetAfterReceive:
            out.delivery = .reset
            out.recordedReason = "Reset"
        case .internalError:
            out = Rejection(.system, "We are experiencing technical issues. Please try again later.").reply
        case .badGatewayHTML:
            out = Reply(status: 502, contentType: "text/html", body: Array(Self.badGatewayPage.utf8), recordedReason: "HTML")
        case .maintenance:
            out = Rejection(.maintenance, "The Gemini Exchange is currently undergoing maintenance. Please check https://status.gemini.com/ for more information.").reply
        case .rateLimited:
            out = Rejection(.rateLimit, "Requests were made too frequently. Please wait and try again.").reply
        case .truncatedJSON:
            out.body = Array(body.prefix(body.count / 2))
            out.recordedReason = "TruncatedJSON"
        case .oversizedBody:
            out.body = body + [UInt8](repeating: 0x20, count: Self.oversizedPadding)
            out.recordedReason = "OversizedBody"
        case .rateLimitedRetryAfter(let seconds):
            out = Rejection(.rateLimit, "Requests were made too frequently. Please wait and try again.").reply
            out.headers = [("Retry-After", String(seconds))]
        case .redirect(let location):
            out = Reply(status: 301, contentType: "text/html", body: Array(Self.movedPage(location).utf8), recordedReason: "Redirect")
            out.headers = [("Location", location)]
        case .answer(let answer):
            out = Reply(status: answer.status, contentType: "", body: Array(answer.body.utf8), recordedReason: "Verbatim\(answer.status)")
            out.headers = answer.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case .invalidNonce:
            preconditionFailure("the invalidNonce answer names the nonce; ExchangeState builds it")
        }
        if case .latency = fault {} else { out.delayMilliseconds = delayMilliseconds }
        return out
    }

    /// The padding of an `oversizedBody` answer: 50 MB.
    static let oversizedPadding = 50_000_000
    private static func movedPage(_ location: String) -> String {
        "<html><head><title>301 Moved Permanently</title></head><body><h1>Moved Permanently</h1></body></html>\n"
    }

    private static let badGatewayPage = """
        <html>
        <head><title>502 Bad Gateway</title></head>
        <body>
        <center><h1>502 Bad Gateway</h1></center>
        <hr><center>cloudflare</center>
        </body>
        </html>

        """
}
