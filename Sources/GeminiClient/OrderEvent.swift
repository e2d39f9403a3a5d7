/// One order event of Gemini's order events stream (`/v1/order/events`), normalized: what gdesk needs to keep a
/// live-orders model, whichever way the event arrived.
///
/// Shared by the `gdesk-monitor` sidecar, which reads the stream, and DeskCore, which reads the sidecar's lines.
public struct OrderEvent: Sendable, Codable, Equatable {
    /// Gemini's event types.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An order active when the subscription started (part of the snapshot).
        case initial
        case accepted
        case rejected
        case booked
        case fill
        case cancelled
        case cancelRejected = "cancel_rejected"
        case closed
    }

    public var kind: Kind
    public var orderID: UInt64
    /// The API key that placed the order (`api_session`), or `UI` for the website.
    public var apiSession: String?
    /// `account_name`: present when the monitor key is a master key.
    public var account: String?
    public var symbol: String?
    public var side: String?
    public var price: String?
    /// `remaining_amount` (absent on market buys).
    public var remaining: String?
    /// `is_live`: resting with quantity left and not cancelled.
    public var isLive: Bool
    /// `timestampms` of the event.
    public var timestampms: UInt64?

    public init(kind: Kind, orderID: UInt64, apiSession: String? = nil, account: String? = nil, symbol: String? = nil,
                side: String? = nil, price: String? = nil, remaining: String? = nil, isLive: Bool, timestampms: UInt64? = nil) {
        self.kind = kind
        self.orderID = orderID
        self.apiSession = apiSession
        self.account = account
        self.symbol = symbol
        self.side = side
        self.price = price
        self.remaining = remaining
        self.isLive = isLive
        self.timestampms = timestampms
    }

    enum CodingKeys: String, CodingKey {
        case kind = "type"
        case orderID = "order_id"
        case apiSession = "api_session"
        case account = "account_name"
        case symbol, side, price, remaining
        case isLive = "is_live"
        case timestampms
    }
}
