import Foundation

/// What one target has live, where that came from, and as of when: one object of `gdesk orders`.
public struct TargetOrders: Sendable, Equatable {
    /// Where the figures come from.
    public enum Source: String, Sendable, Equatable {
        /// The monitor's order events stream: the orders this session (this API key) placed.
        case stream
        /// `POST /v1/orders` with the monitor key: every order on the account, whichever session placed it (REST
        /// orders carry no session field).
        case rest
        /// Nothing could be learnt; `note` says why.
        case none
    }

    public var target: TargetID
    /// The target's account: a master key's subaccount, or an account key's `account` from the config.
    public var account: String?
    public var live: [LiveOrder]
    public var source: Source
    /// When the figures were true: the stream's newest line, or the REST answer.
    public var asOf: Date?
    /// What the figures cover, or why there are none.
    public var note: String?

    public init(target: TargetID, account: String?, live: [LiveOrder], source: Source, asOf: Date?, note: String? = nil) {
        self.target = target
        self.account = account
        self.live = live
        self.source = source
        self.asOf = asOf
        self.note = note
    }
}
