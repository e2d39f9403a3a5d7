import Foundation

/// One HTTP request the exchange received, and what it did with it.
public struct RequestRecord: Sendable, Equatable {
    /// The `X-GEMINI-APIKEY` header; nil for public requests and when the header was missing.
    public let apiKey: String?
    /// The payload's `account`, when it had one.
    public let account: String?
    /// The URL path, without any query.
    public let path: String
    /// The payload's nonce, when it could be read.
    public let nonce: UInt64?
    /// The HTTP status answered, or 0 when no answer was sent (`hang`, `resetAfterReceive`).
    public let status: Int
    /// The error `reason` answered (`"InvalidNonce"`, …), or nil for a success; `"HTML"` for a gateway page,
    /// `"TruncatedJSON"`, `"Hang"`, `"Reset"` for the faults that give no error reason.
    public let reason: String?
    public let arrival: Date
    /// Whether the exchange acted on it (cancelled orders, counted a heartbeat, answered a query), whatever it answered.
    public let applied: Bool
    /// Orders this request cancelled.
    public let cancelled: [UInt64]
    /// Orders this request could not cancel (`cancelRejects`).
    public let rejected: [UInt64]
    /// The fault that met the request, if any.
    public let fault: Fault?
    /// Its signature and nonce passed: an authenticated call of `apiKey` (it counts toward a Require-Heartbeat timer),
    /// whatever was answered after.
    public let authenticated: Bool

    public init(apiKey: String?, account: String?, path: String, nonce: UInt64?, status: Int, reason: String?,
                arrival: Date, applied: Bool, cancelled: [UInt64] = [], rejected: [UInt64] = [], fault: Fault? = nil,
                authenticated: Bool = false) {
        self.apiKey = apiKey
        self.account = account
        self.path = path
        self.nonce = nonce
        self.status = status
        self.reason = reason
        self.arrival = arrival
        self.applied = applied
        self.cancelled = cancelled
        self.rejected = rejected
        self.fault = fault
        self.authenticated = authenticated
    }
}
