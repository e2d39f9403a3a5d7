import Foundation

/// An order live at the exchange, as the monitor last saw it.
public struct LiveOrder: Sendable, Equatable {
    public var orderID: UInt64
    public var symbol: String
    public var side: String
    public var price: String?
    public var remaining: String?
    /// The API key that placed it (`api_session`); nil from REST, which does not say.
    public var apiSession: String?
    /// The account it is on (`account_name` with a master monitor key; the account asked for over REST).
    public var account: String?
    /// When gdesk first learnt of it.
    public var seenAt: Date

    public init(orderID: UInt64, symbol: String, side: String, price: String?, remaining: String?, apiSession: String?,
                account: String?, seenAt: Date) {
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.price = price
        self.remaining = remaining
        self.apiSession = apiSession
        self.account = account
        self.seenAt = seenAt
    }
}
