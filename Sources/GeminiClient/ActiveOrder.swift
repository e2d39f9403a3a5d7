/// One order of `POST /v1/orders` (List Active Orders). Gemini's order objects carry no session: an order cannot be
/// attributed to the key that placed it from this list.
public struct ActiveOrder: Sendable, Equatable {
    public var orderID: UInt64
    public var symbol: String
    public var side: String
    public var price: String?
    public var remaining: String?
    public var timestampms: UInt64?

    public init(orderID: UInt64, symbol: String, side: String, price: String?, remaining: String?, timestampms: UInt64?) {
        self.orderID = orderID
        self.symbol = symbol
        self.side = side
        self.price = price
        self.remaining = remaining
        self.timestampms = timestampms
    }
}
