/// What went wrong with one request, after the transport and the response were read.
public enum GeminiError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The exchange answered with an error `reason` (and its `message`); `retryAfter` is its `Retry-After`, if any.
    case exchange(status: Int, reason: GeminiReason, message: String, retryAfter: Duration? = nil)
    /// No HTTP answer.
    case transport(TransportFailure)
    /// An HTTP answer that is not a usable response: an HTML gateway page, truncated JSON, an unexpected shape.
    case unreadable(status: Int, detail: String)
    /// A 30x answer: the entry point has moved to `location` (the `Location` header, if sent). Never followed: the
    /// request did nothing there, and a signed request is not sent to an address the config does not name.
    case redirected(status: Int, location: String?)
    /// The request was refused before sending (a bad URL, an insecure scheme).
    case refused(String)

    /// Whether the exchange may have acted on the request even though we cannot say what it did.
    public var outcomeUnknown: Bool {
        switch self {
        case .transport(let t): t.wasSent
        case .unreadable(let status, _): status == 200 || status >= 500
        case .exchange(let status, let reason, _, _): status >= 500 && reason != .maintenance
        case .redirected, .refused: false
        }
    }

    /// The HTTP status of the answer; nil when there was none.
    public var status: Int? {
        switch self {
        case .exchange(let status, _, _, _), .unreadable(let status, _), .redirected(let status, _): status
        case .transport, .refused: nil
        }
    }

    /// The exchange's own `reason`, as it spelled it; nil when it gave none.
    public var reason: GeminiReason? {
        if case .exchange(_, let reason, _, _) = self { return reason }
        return nil
    }

    /// How long the exchange asked to wait before the next request (`Retry-After`).
    public var retryAfter: Duration? {
        if case .exchange(_, _, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// The kind of trouble, read from the status and the reason together.
    public var kind: GeminiErrorKind {
        switch self {
        case .transport: return .transport
        case .refused: return .refused
        case .redirected: return .redirected
        case .unreadable(let status, _): return status == 200 ? .unreadable : Self.kind(status: status)
        case .exchange(let status, let reason, _, _):
            switch reason {
            case .invalidNonce: return .invalidNonce
            case .missingNonce: return .missingNonce
            case .invalidSignature: return .invalidSignature
            case .missingRole: return .missingRole
            case .mustAcceptTerms, .acceptTermsRequired: return .termsRequired
            case .insufficientFunds: return .insufficientFunds
            case .rateLimit: return .rateLimited
            case .orderNotFound: return .orderNotFound
            case .marketClosed: return .marketClosed
            case .system, .maintenance: return .serviceError
            case .endpointNotFound: return .notFound
            default: return Self.kind(status: status)
            }
        }
    }

    // The kind an HTTP status says by itself, without a reason to go by.
    private static func kind(status: Int) -> GeminiErrorKind {
        switch status {
        case 429: .rateLimited
        case 404: .notFound
        case 300..<400: .redirected
        case 500...: .serviceError
        default: .invalidRequest
        }
    }

    /// The reason to record: Gemini's, or a name for the transport trouble.
    public var reasonText: String {
        switch self {
        case .exchange(_, let reason, _, _): reason.description
        case .transport(.notSent): "NotSent"
        case .transport(.sentNoAnswer): "NoAnswer"
        case .unreadable(let status, _): status == 200 ? "UnreadableResponse" : "HTTP\(status)"
        case .redirected: "Redirected"
        case .refused: "Refused"
        }
    }

    public var message: String {
        switch self {
        case .exchange(_, _, let message, _): message
        case .transport(let t): t.description
        case .unreadable(let status, let detail): "HTTP \(status): \(detail)"
        case .redirected(let status, let location):
            "HTTP \(status): the exchange's entry point has moved"
                + (location.map { " to \($0)" } ?? " (no Location given)")
                + "; gdesk does not follow redirects: check the session's url"
        case .refused(let why): why
        }
    }

    /// For a rate limit the exchange asked to wait on: "rate limited; re-sending in 3 s" (`resending`) or
    /// "rate limited; the exchange asks to wait 3 s". Nil for other errors.
    public func retryNotice(resending: Bool) -> String? {
        guard kind == .rateLimited else { return nil }
        guard let retryAfter else { return resending ? "rate limited; re-sending in turn at the key's rate" : "rate limited" }
        return resending ? "rate limited; re-sending in \(retryAfter.spokenSeconds)" : "rate limited; the exchange asks to wait \(retryAfter.spokenSeconds)"
    }

    /// What a front end shows while the request is re-sent: the reason, and how long the exchange asked to wait when it
    /// sent `Retry-After` ("rate limited; re-sending in 3 s", "Maintenance; re-sending in 30 s").
    public var resendingText: String {
        guard let retryAfter else { return reasonText }
        return kind == .rateLimited ? "rate limited; re-sending in \(retryAfter.spokenSeconds)"
            : "\(reasonText); re-sending in \(retryAfter.spokenSeconds)"
    }

    public var description: String { "\(reasonText): \(message)" }
}

extension Duration {
    /// "3 s", "1.5 s", "250 ms": a wait as an operator reads it.
    var spokenSeconds: String {
        let ms = milliseconds
        if ms < 1000 { return "\(ms) ms" }
        if ms % 1000 == 0 { return "\(ms / 1000) s" }
        return "\(Double(ms / 100) / 10) s"
    }
}
