/// What kind of trouble an error is, in the words of Gemini's SDK conformance suite (`invalid_nonce`, `rate_limited`,
/// …), plus the kinds an HTTP error mapping does not cover (`redirected`, `transport`, `unreadable`, `refused`).
///
/// The kind is read from the HTTP status and the exchange's `reason` together: a 429 is a rate limit whatever its
/// body says, a 404 without a reason is `not_found`, a 5xx without one is `service_error`.
public enum GeminiErrorKind: String, Sendable, CaseIterable, Codable {
    case invalidNonce = "invalid_nonce"
    case missingNonce = "missing_nonce"
    case invalidSignature = "invalid_signature"
    case missingRole = "missing_role"
    /// The account has not accepted Gemini's terms (`MustAccepTerms`, `AcceptTermsRequired`).
    case termsRequired = "terms_required"
    case insufficientFunds = "insufficient_funds"
    case rateLimited = "rate_limited"
    case orderNotFound = "order_not_found"
    case marketClosed = "market_closed"
    /// The entry point or resource does not exist: the request did nothing.
    case notFound = "not_found"
    /// The exchange (or a gateway before it) failed: 5xx, `System`, `Maintenance`.
    case serviceError = "service_error"
    /// Any other refusal of the request.
    case invalidRequest = "invalid_request"
    /// A 30x: the entry point has moved (see `Location`); not followed.
    case redirected
    /// No HTTP answer.
    case transport
    /// A 200 whose body cannot be read.
    case unreadable
    /// Refused before sending.
    case refused
}
