/// What went wrong with one request, after the transport and the response were read.
public enum GeminiError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exchange answered with an error `reason` (and its `message`).
    case exchange(status: Int, reason: GeminiReason, message: String)
    /// No HTTP answer.
    case transport(TransportFailure)
    /// An HTTP answer that is not a usable response: an HTML gateway page, truncated JSON, an unexpected shape.
    case unreadable(status: Int, detail: String)
    /// The request was refused before sending (a bad URL, an insecure scheme).
    case refused(String)

    /// Whether the exchange may have acted on the request even though we cannot say what it did.
    public var outcomeUnknown: Bool {
        switch self {
        case .transport(let t): t.wasSent
        case .unreadable(let status, _): status == 200 || status >= 500
        case .exchange(let status, let reason, _): status >= 500 && reason != .maintenance
        case .refused: false
        }
    }

    /// The reason to record: Gemini's, or a name for the transport trouble.
    public var reasonText: String {
        switch self {
        case .exchange(_, let reason, _): reason.description
        case .transport(.notSent): "NotSent"
        case .transport(.sentNoAnswer): "NoAnswer"
        case .unreadable(let status, _): status == 200 ? "UnreadableResponse" : "HTTP\(status)"
        case .refused: "Refused"
        }
    }

    public var message: String {
        switch self {
        case .exchange(_, _, let message): message
        case .transport(let t): t.description
        case .unreadable(let status, let detail): "HTTP \(status): \(detail)"
        case .refused(let why): why
        }
    }

    public var description: String { "\(reasonText): \(message)" }
}
