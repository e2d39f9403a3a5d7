import Foundation
import GeminiClient

/// How one target's cancel ended.
public struct CancelResult: Sendable, Equatable {
    public var target: TargetID
    public var scope: CancelScope
    public var outcome: Outcome
    /// What the exchange said it cancelled and could not; empty unless `outcome == .ok`.
    public var details: CancelDetails
    /// Gemini's `reason`, or a name for transport trouble (`NoAnswer`, `NotSent`, …); nil when ok.
    public var reason: String?
    public var message: String?
    public var attempts: Int
    public var latency: Duration
    public var finishedAt: Date

    public init(target: TargetID, scope: CancelScope, outcome: Outcome, details: CancelDetails = CancelDetails(),
                reason: String? = nil, message: String? = nil, attempts: Int, latency: Duration, finishedAt: Date = Date()) {
        self.target = target
        self.scope = scope
        self.outcome = outcome
        self.details = details
        self.reason = reason
        self.message = message
        self.attempts = attempts
        self.latency = latency
        self.finishedAt = finishedAt
    }
}
